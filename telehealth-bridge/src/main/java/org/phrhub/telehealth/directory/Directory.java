package org.phrhub.telehealth.directory;

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
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.telehealth.record.PersonNames;
import org.phrhub.telehealth.record.RecordPages;
import org.phrhub.vocabulary.FhirCore;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.Hl7Terminology;
import org.springframework.stereotype.Component;

/**
 * The bridge's one reader of the hub's directory (Practitioner, PractitionerRole, Organization), which every
 * signed-in person may read: whom a resident can share with and how to address them ({@link Party}), and who a
 * clinician is, where they work and their licences, for the resident to confirm ({@link Clinician}).
 */
@Component
public class Directory {

    private static final String PRACTITIONER = "Practitioner/";
    private static final String ORGANIZATION = "Organization/";

    /** Every active doctor and pharmacist, by Practitioner reference, in the directory's order. */
    public Map<String, Party> activeClinicians(IGenericClient fhir) {
        return practitioners(fhir, List.of());
    }

    /** The parties named, each found in the directory or shown by its reference. */
    public Map<String, Party> parties(IGenericClient fhir, Collection<String> references) {
        Map<String, Party> found = new HashMap<>();
        List<String> practitioners = references.stream().filter(r -> r.startsWith(PRACTITIONER)).distinct().toList();
        if (!practitioners.isEmpty()) {
            found.putAll(practitioners(fhir, practitioners));
        }
        organizations(fhir, references).forEach((reference, org) -> found.put(reference, new Party(reference, Party.Kind.ORGANIZATION,
                japaneseName(org), englishName(org), englishName(org), japaneseName(org), englishName(org))));
        references.forEach(reference -> found.computeIfAbsent(reference, Party::unknown));
        return found;
    }

    /**
     * The clinicians named, with every workplace and role the directory gives them (ended roles too: the access log
     * names who read, whether or not they still work there) and their licence numbers; a Practitioner without any
     * role is found by itself.
     */
    public Map<String, Clinician> clinicians(IGenericClient fhir, Collection<String> references) {
        List<String> wanted = references.stream().filter(r -> r != null && r.startsWith(PRACTITIONER)).distinct().toList();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<String, Practitioner> practitioners = new HashMap<>();
        Map<String, Organization> organizations = new HashMap<>();
        List<PractitionerRole> roles = new ArrayList<>();
        RecordPages.everyEntry(fhir, fhir.search().forResource(PractitionerRole.class)
                .where(new ReferenceClientParam("practitioner").hasAnyOfIds(wanted))
                .include(PractitionerRole.INCLUDE_PRACTITIONER)
                .include(PractitionerRole.INCLUDE_ORGANIZATION)
                .count(200), resource -> {
                    switch (resource) {
                        case PractitionerRole role -> roles.add(role);
                        case Practitioner practitioner -> practitioners.put(reference(practitioner), practitioner);
                        case Organization organization -> organizations.put(reference(organization), organization);
                        default -> { }
                    }
                });
        List<String> withoutRole = wanted.stream().filter(r -> !practitioners.containsKey(r)).toList();
        if (!withoutRole.isEmpty()) {
            RecordPages.searchAll(fhir, fhir.search().forResource(Practitioner.class)
                    .where(new TokenClientParam("_id").exactly().codes(withoutRole.stream().map(Directory::idPart).toList()))
                    .count(200), Practitioner.class, p -> practitioners.put(reference(p), p));
        }
        Map<String, Clinician> clinicians = new LinkedHashMap<>();
        for (String reference : wanted) {
            Practitioner practitioner = practitioners.get(reference);
            if (practitioner == null) {
                continue;
            }
            Set<String> workplaces = new LinkedHashSet<>();
            Set<String> codes = new LinkedHashSet<>();
            roles.stream().filter(role -> reference.equals(role.getPractitioner().getReferenceElement().toUnqualifiedVersionless().getValue()))
                    .forEach(role -> {
                        Optional.ofNullable(organizations.get(role.getOrganization().getReferenceElement().toUnqualifiedVersionless().getValue()))
                                .map(Directory::japaneseName).ifPresent(workplaces::add);
                        role.getCode().stream().flatMap(c -> c.getCoding().stream()).map(c -> c.getCode())
                                .filter(code -> code != null).forEach(codes::add);
                    });
            clinicians.put(reference, new Clinician(reference, japaneseName(practitioner), List.copyOf(workplaces),
                    List.copyOf(codes), licences(practitioner)));
        }
        return clinicians;
    }

    /** Organization names by reference (Japanese where the directory has it), e.g. those a reader acted for. */
    public Map<String, String> organizationNames(IGenericClient fhir, Collection<String> references) {
        Map<String, String> names = new HashMap<>();
        organizations(fhir, references).forEach((reference, org) -> names.put(reference, japaneseName(org)));
        return names;
    }

    /** The Organizations named, in one search for them all rather than a read each. */
    private static Map<String, Organization> organizations(IGenericClient fhir, Collection<String> references) {
        List<String> ids = references.stream().filter(r -> r != null && r.startsWith(ORGANIZATION))
                .map(Directory::idPart).distinct().toList();
        Map<String, Organization> found = new HashMap<>();
        if (!ids.isEmpty()) {
            RecordPages.searchAll(fhir, fhir.search().forResource(Organization.class)
                    .where(new TokenClientParam("_id").exactly().codes(ids)).count(200), Organization.class,
                    org -> found.put(reference(org), org));
        }
        return found;
    }

    /** The licence numbers a resident can check: JP Core's medical registration number, the hub's pharmacist one. */
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

    private static String reference(Resource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }

    private static String idPart(String reference) {
        return reference.substring(reference.indexOf('/') + 1);
    }

    private Map<String, Party> practitioners(IGenericClient fhir, List<String> only) {
        var query = fhir.search().forResource(PractitionerRole.class)
                .where(new TokenClientParam("active").exactly().code("true"))
                .include(PractitionerRole.INCLUDE_PRACTITIONER)
                .include(PractitionerRole.INCLUDE_ORGANIZATION)
                .count(100);
        if (!only.isEmpty()) {
            query = query.and(new ReferenceClientParam("practitioner").hasAnyOfIds(only));
        }
        List<PractitionerRole> roles = new ArrayList<>();
        Map<String, Resource> included = new HashMap<>();
        RecordPages.everyEntry(fhir, query, resource -> {
            if (resource instanceof PractitionerRole role) {
                roles.add(role);
            } else {
                included.put(resource.getIdElement().toUnqualifiedVersionless().getValue(), resource);
            }
        });
        Map<String, Party> parties = new LinkedHashMap<>();
        for (PractitionerRole role : roles) {
            String reference = role.getPractitioner().getReferenceElement().toUnqualifiedVersionless().getValue();
            Party.Kind kind = role.getCode().stream().flatMap(c -> c.getCoding().stream())
                    .filter(c -> Hl7Terminology.PRACTITIONER_ROLE.equals(c.getSystem())).map(c -> c.getCode())
                    .map(code -> Hl7Terminology.PHARMACIST.equals(code) ? Party.Kind.PHARMACIST
                            : Hl7Terminology.DOCTOR.equals(code) ? Party.Kind.DOCTOR : null)
                    .filter(k -> k != null).findFirst().orElse(null);
            if (kind == null || !(included.get(reference) instanceof Practitioner practitioner) || parties.containsKey(reference)) {
                continue;
            }
            Organization org = included.get(role.getOrganization().getReferenceElement().toUnqualifiedVersionless().getValue())
                    instanceof Organization o ? o : new Organization();
            HumanName latin = latinName(practitioner);
            parties.put(reference, new Party(reference, kind, japaneseName(practitioner), fullName(latin),
                    latin.getFamily(), japaneseName(org), englishName(org)));
        }
        return parties;
    }

    /** The kanji name (ISO 21090 ideographic), else the first; the bridge writes every person's name so. */
    private static String japaneseName(Practitioner practitioner) {
        String name = PersonNames.preferred(practitioner.getName());
        return name.isBlank() ? practitioner.getIdPart() : name;
    }

    /** Family name first, as the directory writes it (its text), else family and given. */
    private static String fullName(HumanName name) {
        if (name.hasText()) {
            return name.getText();
        }
        return (java.util.Objects.toString(name.getFamily(), "") + " " + String.join(" ", name.getGiven().stream().map(g -> g.getValue()).toList())).strip();
    }

    private static HumanName latinName(Practitioner practitioner) {
        return practitioner.getName().stream().filter(n -> !isIdeographic(n)).findFirst()
                .orElse(practitioner.getNameFirstRep());
    }

    private static boolean isIdeographic(HumanName name) {
        return name.getExtension().stream().anyMatch(e -> JpCore.NAME_REPRESENTATION_EXTENSION.equals(e.getUrl())
                && JpCore.IDEOGRAPHIC.equals(e.getValue().primitiveValue()));
    }

    /** The directory names organizations in Japanese, with the English name as the first alias. */
    private static String englishName(Organization organization) {
        return organization.hasAlias() ? organization.getAlias().get(0).getValue()
                : organization.hasName() ? organization.getName() : "";
    }

    /** The Japanese translation of the organization's name where it has one, else its name. */
    private static String japaneseName(Organization organization) {
        if (!organization.hasName()) {
            return "";
        }
        for (Extension translation : organization.getNameElement().getExtensionsByUrl(FhirCore.TRANSLATION_EXTENSION)) {
            Extension lang = translation.getExtensionByUrl("lang");
            Extension content = translation.getExtensionByUrl("content");
            if (lang != null && content != null && "ja".equals(lang.getValue().primitiveValue())) {
                return content.getValue().primitiveValue();
            }
        }
        return organization.getName();
    }
}
