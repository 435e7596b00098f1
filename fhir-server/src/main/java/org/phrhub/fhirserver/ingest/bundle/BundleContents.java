package org.phrhub.fhirserver.ingest.bundle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.consent.decision.ResourceTypes;

/**
 * What of a bundle the importer stores: its Patient entries (the hospital's view of whose data it is) and
 * its other resources. Reads in a batch or transaction are ignored, as is the sender's own Provenance (the
 * hub records its own per import); resources of types the hub does not keep are skipped ({@link EntryTypes});
 * anything the importer may not do refuses the whole bundle.
 */
final class BundleContents {

    private static final Set<BundleType> IMPORTED_TYPES =
            EnumSet.of(BundleType.TRANSACTION, BundleType.BATCH, BundleType.COLLECTION, BundleType.DOCUMENT);

    private final List<BundleEntry> patients = new ArrayList<>();
    private final List<BundleEntry> records = new ArrayList<>();
    private final List<BundleEntry> skipped = new ArrayList<>();
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
        contents.requireDistinctFullUrls();
        if (contents.patients.isEmpty() && contents.records.isEmpty()) {
            throw new RefusedBundleException(contents.skipped.isEmpty() ? "the bundle holds no resource to import"
                    : "the bundle holds no resource the hub keeps, only " + contents.skippedTypes());
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
        } else if (EntryTypes.refusal(resource).isPresent()) {
            throw new RefusedBundleException(imported.describe() + " holds a " + resource.fhirType()
                    + " resource, which the EHR importer may not write: " + EntryTypes.refusal(resource).get()
                    + "; it writes " + String.join(", ", ResourceTypes.CLINICAL.stream().sorted().toList()));
        } else if (!EntryTypes.kept(resource.fhirType())) {
            skipped.add(imported);
        } else if (resource.fhirType().equals("Patient")) {
            patients.add(imported);
        } else {
            records.add(imported);
        }
    }

    /**
     * A fullUrl names one entry (FHIR's rule bdl-7): references by it, and the ids of entries without an
     * identifier, would otherwise mean either of two.
     */
    private void requireDistinctFullUrls() throws RefusedBundleException {
        Map<String, List<BundleEntry>> byFullUrl = new LinkedHashMap<>();
        for (List<BundleEntry> entries : List.of(patients, records, skipped)) {
            entries.stream().filter(entry -> entry.fullUrl() != null)
                    .forEach(entry -> byFullUrl.computeIfAbsent(entry.fullUrl(), url -> new ArrayList<>()).add(entry));
        }
        List<String> shared = byFullUrl.entrySet().stream().filter(named -> named.getValue().size() > 1)
                .map(named -> named.getValue().size() + " entries carry the fullUrl " + named.getKey() + ": "
                        + String.join(", ", named.getValue().stream().sorted(Comparator.comparingInt(BundleEntry::position))
                                .map(entry -> "entry " + entry.position() + " (" + entry.type() + ")").toList()))
                .toList();
        if (!shared.isEmpty()) {
            throw new RefusedBundleException(String.join("; ", shared) + "; a fullUrl names one entry of a bundle: give each entry its own");
        }
    }

    List<BundleEntry> patients() {
        return patients;
    }

    List<BundleEntry> records() {
        return records;
    }

    /** Entries of types the hub does not keep: not stored, and references to them are removed. */
    List<BundleEntry> skipped() {
        return skipped;
    }

    /** The skipped entries counted by type, grouped by the reason, e.g. {@code 2 Claim, 1 Coverage: the hub does not keep billing data}. */
    String skippedTypes() {
        Map<String, Map<String, Integer>> byReason = new TreeMap<>();
        for (BundleEntry entry : skipped) {
            byReason.computeIfAbsent(EntryTypes.skipReason(entry.type()), reason -> new TreeMap<>()).merge(entry.type(), 1, Integer::sum);
        }
        List<String> groups = new ArrayList<>();
        byReason.forEach((reason, counts) -> groups.add(String.join(", ", counts.entrySet().stream()
                .map(count -> count.getValue() + " " + count.getKey()).toList()) + ": " + reason));
        return String.join("; ", groups);
    }

    /** What was left out, entry by entry, and why. */
    List<String> ignored() {
        return ignored;
    }
}
