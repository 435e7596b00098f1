package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Remembers, per request, which resources it stored, so that the response may echo exactly those. */
final class WrittenResources {

    private static final String KEY = WrittenResources.class.getName();

    private WrittenResources() {}

    static void remember(RequestDetails request, IBaseResource resource) {
        written(request).add(versionless(resource));
    }

    static boolean wereWrittenIn(RequestDetails request, IBaseResource resource) {
        return written(request).contains(versionless(resource));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> written(RequestDetails request) {
        return (Set<String>) request.getUserData().computeIfAbsent(KEY, k -> new HashSet<String>());
    }

    private static String versionless(IBaseResource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
