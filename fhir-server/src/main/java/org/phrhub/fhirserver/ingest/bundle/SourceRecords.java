package org.phrhub.fhirserver.ingest.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.vocabulary.HubIdentifiers;

/**
 * Gives each resource of a bundle the {@link HubIdentifiers#SOURCE_RECORD} identifier the hub stores it
 * under, so that importing the bundle again updates what the first import made:
 * <ul>
 *   <li>a resource with a business identifier (its first identifier with a system and a value):
 *       {@code <institution>/<system>|<value>}, the same whichever bundle brings it;</li>
 *   <li>one without, and one whose business identifier another entry of its type in the bundle carries too
 *       (the JP-CLINS example patient summary has two such Conditions): {@code <bundle key>#<fullUrl>}, or
 *       {@code <bundle key>#entry-<position>} when the entry has no fullUrl, stable as long as the sender
 *       sends the same bundle. Such an identifier tells neither entry apart, so each is stored as a resource
 *       of its own and the report warns of it.</li>
 * </ul>
 */
final class SourceRecords {

    private SourceRecords() {}

    /** @return the warnings for the report, one per identifier that entries share */
    static List<String> assign(String institution, String bundleKey, List<BundleEntry> records) {
        Map<String, List<BundleEntry>> byIdentifier = new LinkedHashMap<>();
        for (BundleEntry entry : records) {
            // A sender does not choose where the hub stores a resource: a source record it brings is dropped.
            identifiersOf(entry.resource()).removeIf(identifier -> HubIdentifiers.SOURCE_RECORD.equals(identifier.getSystem()));
            Identifier business = businessIdentifier(entry.resource());
            if (business != null) {
                byIdentifier.computeIfAbsent(entry.type() + " " + business.getSystem() + "|" + business.getValue(),
                        key -> new ArrayList<>()).add(entry);
            }
        }
        List<String> warnings = new ArrayList<>();
        List<BundleEntry> sharing = new ArrayList<>();
        for (List<BundleEntry> entries : byIdentifier.values()) {
            if (entries.size() > 1) {
                sharing.addAll(entries);
                warnings.add(entries.size() + " " + entries.getFirst().type() + " entries carry the identifier "
                        + describe(businessIdentifier(entries.getFirst().resource())) + ": "
                        + String.join(", ", entries.stream().map(BundleEntry::describe).toList())
                        + "; each is stored as a resource of its own, known by its entry in this bundle rather than by the"
                        + " identifier; give each its own identifier");
            }
        }

        Map<BundleEntry, String> values = new LinkedHashMap<>();
        for (BundleEntry entry : records) {
            Identifier business = businessIdentifier(entry.resource());
            // Unique: the bundle's fullUrls are (BundleContents), and so are its entries' positions.
            String value = business != null && !sharing.contains(entry)
                    ? institution + "/" + describe(business)
                    : bundleKey + "#" + (entry.fullUrl() != null ? entry.fullUrl() : "entry-" + entry.position());
            values.put(entry, value);
        }
        values.forEach((entry, value) -> ((Identifier) entry.resource().addChild("identifier"))
                .setSystem(HubIdentifiers.SOURCE_RECORD).setValue(value));
        return warnings;
    }

    private static String describe(Identifier identifier) {
        return identifier.getSystem() + "|" + identifier.getValue();
    }

    private static Identifier businessIdentifier(Resource resource) {
        return identifiersOf(resource).stream()
                .filter(identifier -> identifier.hasSystem() && identifier.hasValue())
                .findFirst().orElse(null);
    }

    /**
     * The resource's identifiers as the list it holds them in. Every type the importer writes but Composition
     * has a list; a Composition holds one identifier, which the source record takes (its business identifier
     * lives on in the source record's value).
     */
    @SuppressWarnings("unchecked")
    private static List<Identifier> identifiersOf(Resource resource) {
        try {
            Object identifiers = resource.getClass().getMethod("getIdentifier").invoke(resource);
            if (identifiers instanceof List<?> list) {
                return (List<Identifier>) list;
            }
            Identifier single = (Identifier) identifiers;
            return single.hasSystem() || single.hasValue() ? new ArrayList<>(List.of(single)) : new ArrayList<>();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(resource.fhirType() + " has no identifier; the importer cannot tell it again", e);
        }
    }
}
