package org.phrhub.telehealth.resident;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.telehealth.record.PersonNames;
import org.phrhub.telehealth.record.RecordPages;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.JpCore;
import org.springframework.stereotype.Component;

/**
 * Looks clinicians and organisations up in the hub's directory (Practitioner, PractitionerRole,
 * Organization), which every signed-in person may read: names, workplaces, roles and licence numbers.
 */
@Component
public class ClinicianDirectory {

    private static final String PRACTITIONER = "Practitioner/";
    private static final String ORGANIZATION = "Organization/";

    /** The clinicians by reference, in one search of their roles with the practitioners and organisations included. */
    public Map<String, Clinician> of(IGenericClient fhir, Collection<String> references) {
        List<String> wanted = references.stream().filter(r -> r != null && r.startsWith(PRACTITIONER)).distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, Practitioner> practitioners = new HashMap<>();
        Map<String, Organization> organisations = new HashMap<>();
        List<PractitionerRole> roles = new ArrayList<>();
        RecordPages.everyEntry(fhir, fhir.search().forResource(PractitionerRole.class)
                .where(new ReferenceClientParam("practitioner").hasAnyOfIds(wanted))
                .include(PractitionerRole.INCLUDE_PRACTITIONER)
                .include(PractitionerRole.INCLUDE_ORGANIZATION)
                .count(200), resource -> {
                    switch (resource) {
                        case PractitionerRole role -> roles.add(role);
                        case Practitioner practitioner -> practitioners.put(reference(practitioner), practitioner);
                        case Organization organisation -> organisations.put(reference(organisation), organisation);
                        default -> { }
                    }
                });
        List<String> withoutRole = wanted.stream().filter(r -> !practitioners.containsKey(r)).toList();
        if (!withoutRole.isEmpty()) {
            RecordPages.searchAll(fhir, fhir.search().forResource(Practitioner.class)
                    .where(new TokenClientParam("_id").exactly().codes(withoutRole.stream().map(ClinicianDirectory::idPart).toList()))
                    .count(200), Practitioner.class, p -> practitioners.put(reference(p), p));
        }
        Map<String, Clinician> clinicians = new LinkedHashMap<>();
        for (String reference : wanted) {
            Practitioner practitioner = practitioners.get(reference);
            if (practitioner == null) {
                continue;
            }
            List<PractitionerRole> own = roles.stream()
                    .filter(role -> reference.equals(role.getPractitioner().getReferenceElement().toUnqualifiedVersionless().getValue()))
                    .toList();
            Set<String> workplaces = new LinkedHashSet<>();
            Set<String> codes = new LinkedHashSet<>();
            for (PractitionerRole role : own) {
                Optional.ofNullable(organisations.get(role.getOrganization().getReferenceElement().toUnqualifiedVersionless().getValue()))
                        .map(ClinicianDirectory::nameOf).ifPresent(workplaces::add);
                role.getCode().stream().flatMap(c -> c.getCoding().stream()).map(c -> c.getCode())
                        .filter(code -> code != null).forEach(codes::add);
            }
            clinicians.put(reference, new Clinician(reference, PersonNames.preferred(practitioner.getName()),
                    List.copyOf(workplaces), List.copyOf(codes), licences(practitioner)));
        }
        return clinicians;
    }

    /** Organisation names by reference, e.g. those a reader acted for in the access log. */
    public Map<String, String> organisationNames(IGenericClient fhir, Collection<String> references) {
        List<String> ids = references.stream().filter(r -> r != null && r.startsWith(ORGANIZATION))
                .map(ClinicianDirectory::idPart).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        RecordPages.searchAll(fhir, fhir.search().forResource(Organization.class)
                .where(new TokenClientParam("_id").exactly().codes(ids)).count(200),
                Organization.class, o -> names.put(reference(o), nameOf(o)));
        return names;
    }

    /** The licence numbers the resident can check: JP Core's medical registration number, the hub's pharmacist one. */
    static List<Clinician.Licence> licences(Practitioner practitioner) {
        List<Clinician.Licence> licences = new ArrayList<>();
        practitioner.getQualification().stream().flatMap(q -> q.getIdentifier().stream())
                .forEach(id -> {
                    if (JpCore.MEDICAL_REGISTRATION_NUMBER.equals(id.getSystem()) && id.hasValue()) {
                        licences.add(new Clinician.Licence(Clinician.Licence.Kind.DOCTOR, id.getValue()));
                    } else if (HubIdentifiers.PHARMACIST_REGISTRATION_NUMBER.equals(id.getSystem()) && id.hasValue()) {
                        licences.add(new Clinician.Licence(Clinician.Licence.Kind.PHARMACIST, id.getValue()));
                    }
                });
        return List.copyOf(licences);
    }

    private static String nameOf(Organization organisation) {
        return organisation.hasName() ? organisation.getName() : reference(organisation);
    }

    private static String reference(Resource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }

    private static String idPart(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }
}
