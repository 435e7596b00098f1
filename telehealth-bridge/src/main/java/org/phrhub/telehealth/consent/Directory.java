package org.phrhub.telehealth.consent;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.telehealth.record.PersonNames;
import org.phrhub.telehealth.record.RecordPages;
import org.phrhub.vocabulary.FhirCore;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.Hl7Terminology;
import org.springframework.stereotype.Component;

/**
 * Names and organizations of the hub's clinicians and organizations, from its directory (Practitioner,
 * PractitionerRole, Organization), which every signed-in person may read.
 */
@Component
public class Directory {

    /** Every active doctor and pharmacist, by Practitioner reference, in the directory's order. */
    public Map<String, Party> clinicians(IGenericClient fhir) {
        return practitioners(fhir, List.of());
    }

    /** The parties named, each found in the directory or shown by its reference. */
    public Map<String, Party> parties(IGenericClient fhir, Collection<String> references) {
        Map<String, Party> found = new HashMap<>();
        List<String> practitioners = references.stream().filter(r -> r.startsWith("Practitioner/")).distinct().toList();
        if (!practitioners.isEmpty()) {
            found.putAll(practitioners(fhir, practitioners));
        }
        List<String> organizations = references.stream().filter(r -> r.startsWith("Organization/")).distinct()
                .map(r -> r.substring(r.indexOf('/') + 1)).toList();
        if (!organizations.isEmpty()) {
            // One search for them all rather than a read each.
            RecordPages.searchAll(fhir, fhir.search().forResource(Organization.class)
                    .where(new TokenClientParam("_id").exactly().codes(organizations)).count(100), Organization.class, org -> {
                        String reference = "Organization/" + org.getIdElement().getIdPart();
                        found.put(reference, new Party(reference, Party.Kind.ORGANIZATION,
                                japaneseName(org), englishName(org), englishName(org), japaneseName(org), englishName(org)));
                    });
        }
        references.forEach(reference -> found.computeIfAbsent(reference, Party::unknown));
        return found;
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
