package org.phrhub.telehealth.schedule;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.phrhub.telehealth.record.RecordPages;

/**
 * Which patients share data with the signed-in clinician: the hub lets a clinician find exactly the active
 * Consents that name them, so any answer for a patient means that patient has opted in for them.
 */
public final class SharingStatus {

    public Set<String> patientsSharingWith(IGenericClient fhir, Collection<String> patients) {
        Set<String> sharing = new HashSet<>();
        if (patients.isEmpty()) {
            return sharing;
        }
        RecordPages.searchAll(fhir, fhir.search().forResource(Consent.class)
                .where(new ReferenceClientParam("patient").hasAnyOfIds(patients))
                .and(new TokenClientParam("status").exactly().code("active"))
                .count(200), Consent.class,
                consent -> sharing.add(consent.getPatient().getReferenceElement().toUnqualifiedVersionless().getValue()));
        return sharing;
    }
}
