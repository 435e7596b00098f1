package org.phrhub.fhirserver.ingest.bundle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.consent.decision.ResourceTypes;

/**
 * What of a bundle the importer stores: its Patient entries (the hospital's view of whose data it is) and
 * its other resources. Reads in a batch or transaction are ignored, as is the sender's own Provenance (the
 * hub records its own per import); anything the importer may not do refuses the whole bundle.
 */
final class BundleContents {

    private static final Set<BundleType> IMPORTED_TYPES =
            EnumSet.of(BundleType.TRANSACTION, BundleType.BATCH, BundleType.COLLECTION, BundleType.DOCUMENT);

    private final List<BundleEntry> patients = new ArrayList<>();
    private final List<BundleEntry> records = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();

    private BundleContents() {}

    static BundleContents of(Bundle bundle) throws RefusedBundleException {
        if (!bundle.hasType() || !IMPORTED_TYPES.contains(bundle.getType())) {
            throw new RefusedBundleException("a bundle of type " + (bundle.hasType() ? bundle.getType().toCode() : "(none)")
                    + " is not imported: send a transaction, batch, collection or document bundle");
        }
        BundleContents contents = new BundleContents();
        for (int position = 0; position < bundle.getEntry().size(); position++) {
            contents.add(position, bundle.getEntry().get(position));
        }
        if (contents.patients.isEmpty() && contents.records.isEmpty()) {
            throw new RefusedBundleException("the bundle holds no resource to import");
        }
        return contents;
    }

    private void add(int position, Bundle.BundleEntryComponent entry) throws RefusedBundleException {
        Bundle.BundleEntryRequestComponent request = entry.hasRequest() ? entry.getRequest() : null;
        HTTPVerb method = request != null && request.hasMethod() ? request.getMethod() : null;
        if (method == HTTPVerb.GET || method == HTTPVerb.HEAD) {
            ignored.add("entry " + position + " (" + method.toCode() + " " + request.getUrl() + "): the importer reads nothing");
            return;
        }
        if (method == HTTPVerb.DELETE || method == HTTPVerb.PATCH) {
            throw new RefusedBundleException("entry " + position + " asks to " + method.toCode() + " " + request.getUrl()
                    + ": an import only creates and updates; a hospital withdraws data by importing the bundle again without it");
        }
        if (!entry.hasResource()) {
            throw new RefusedBundleException("entry " + position + " holds no resource");
        }
        Resource resource = entry.getResource();
        String fullUrl = entry.hasFullUrl() ? entry.getFullUrl() : null;
        BundleEntry imported = new BundleEntry(position, fullUrl, resource, request);
        if (resource.fhirType().equals("Provenance")) {
            ignored.add(imported.describe() + ": the hub records its own Provenance for the import");
        } else if (!ResourceTypes.CLINICAL.contains(resource.fhirType())) {
            throw new RefusedBundleException(imported.describe() + " holds a " + resource.fhirType()
                    + " resource, which the EHR importer may not write; it writes " + String.join(", ", ResourceTypes.CLINICAL.stream().sorted().toList()));
        } else if (resource.fhirType().equals("Patient")) {
            patients.add(imported);
        } else {
            records.add(imported);
        }
    }

    List<BundleEntry> patients() {
        return patients;
    }

    List<BundleEntry> records() {
        return records;
    }

    /** What was left out, entry by entry, and why. */
    List<String> ignored() {
        return ignored;
    }
}
