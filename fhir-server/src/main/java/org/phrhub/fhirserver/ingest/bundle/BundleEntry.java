package org.phrhub.fhirserver.ingest.bundle;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * One entry of an imported bundle that holds a resource to store.
 *
 * @param position the entry's index in the bundle, from 0, as a sender finds it again
 * @param fullUrl the entry's fullUrl, or null
 * @param request the entry's request (transaction and batch), or null
 */
record BundleEntry(int position, String fullUrl, Resource resource, Bundle.BundleEntryRequestComponent request) {

    String type() {
        return resource.fhirType();
    }

    /** How a report names the entry: position and fullUrl (or type). */
    String describe() {
        return "entry " + position + " (" + (fullUrl != null ? fullUrl : type()) + ")";
    }
}
