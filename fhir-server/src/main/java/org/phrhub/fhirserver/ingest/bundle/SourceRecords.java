package org.phrhub.fhirserver.ingest.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.ingest.codes.HubImportCodes;

/**
 * Gives each resource of a bundle the {@link HubImportCodes#SOURCE_RECORD} identifier the hub stores it
 * under, so that importing the bundle again updates what the first import made:
 * <ul>
 *   <li>a resource with a business identifier (its first identifier with a system and a value):
 *       {@code <institution>/<system>|<value>}, the same whichever bundle brings it;</li>
 *   <li>one without: {@code <bundle key>#<fullUrl>}, or {@code <bundle key>#entry-<position>} when the entry
 *       has no fullUrl either, stable as long as the sender sends the same bundle.</li>
 * </ul>
 * Two resources of one type that come out the same refuse the bundle: the hub would store only one of them.
 */
final class SourceRecords {

    private SourceRecords() {}

    static void assign(String institution, String bundleKey, List<BundleEntry> records) throws RefusedBundleException {
        Map<String, List<BundleEntry>> byRecord = new LinkedHashMap<>();
        Map<BundleEntry, String> values = new LinkedHashMap<>();
        for (BundleEntry entry : records) {
            Resource resource = entry.resource();
            // A sender does not choose where the hub stores a resource: a source record it brings is dropped.
            identifiersOf(resource).removeIf(identifier -> HubImportCodes.SOURCE_RECORD.equals(identifier.getSystem()));
            Identifier business = businessIdentifier(resource);
            String value = business != null
                    ? institution + "/" + business.getSystem() + "|" + business.getValue()
                    : bundleKey + "#" + (entry.fullUrl() != null ? entry.fullUrl() : "entry-" + entry.position());
            values.put(entry, value);
            byRecord.computeIfAbsent(entry.type() + " " + value, key -> new ArrayList<>()).add(entry);
        }
        List<String> collisions = byRecord.values().stream().filter(entries -> entries.size() > 1)
                .map(SourceRecords::describeCollision).toList();
        if (!collisions.isEmpty()) {
            throw new RefusedBundleException(String.join("; ", collisions)
                    + "; the hub keeps one resource per identifier: give each its own identifier or merge them");
        }
        values.forEach((entry, value) -> ((Identifier) entry.resource().addChild("identifier"))
                .setSystem(HubImportCodes.SOURCE_RECORD).setValue(value));
    }

    private static String describeCollision(List<BundleEntry> entries) {
        BundleEntry first = entries.getFirst();
        Identifier business = businessIdentifier(first.resource());
        String what = business != null ? "the identifier " + business.getSystem() + "|" + business.getValue()
                : "the fullUrl " + first.fullUrl();
        return entries.size() + " " + first.type() + " entries carry " + what + ": "
                + String.join(", ", entries.stream().map(BundleEntry::describe).toList());
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
