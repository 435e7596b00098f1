package org.phrhub.fhirserver.ingest.bundle;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.phrhub.vocabulary.HubImportCodes;

/**
 * What identifies a bundle across imports, as one source unit.
 *
 * <p>The key is {@code <institution>/<Bundle.identifier system|value>} when the bundle has an identifier
 * (a document always has), else {@code <institution>/sha256:<hex>} over the JSON of its entries: the same
 * content sent again is the same unit, changed content without an identifier a new one. The time is
 * {@code Bundle.timestamp}, else the newest {@code meta.lastUpdated} of its entries, else now.
 *
 * @param key the unit key, from which its Provenance's id derives
 * @param path how the report names the bundle: its identifier, or {@code bundle}
 * @param sourceUri {@code urn:phr-hub:bundle:<key>}, in {@code meta.source} of what it stores
 */
record BundleIdentity(String key, String path, String sourceUri, Instant occurred) {

    static final String SOURCE_SCHEME = HubImportCodes.BUNDLE_SOURCE_SCHEME;

    /** Call on the bundle as received, before anything of it is rewritten. */
    static BundleIdentity of(String institution, Bundle bundle, FhirContext fhir, Instant now) {
        Identifier identifier = bundle.getIdentifier();
        String key;
        String path;
        if (identifier.hasValue()) {
            path = identifier.hasSystem() ? identifier.getSystem() + "|" + identifier.getValue() : identifier.getValue();
            key = institution + "/" + path;
        } else {
            path = "bundle";
            key = institution + "/sha256:" + sha256(entriesJson(bundle, fhir));
        }
        return new BundleIdentity(key, path, SOURCE_SCHEME + key, occurred(bundle, now));
    }

    private static Instant occurred(Bundle bundle, Instant now) {
        if (bundle.hasTimestamp()) {
            return bundle.getTimestamp().toInstant();
        }
        return bundle.getEntry().stream()
                .filter(entry -> entry.hasResource() && entry.getResource().getMeta().hasLastUpdated())
                .map(entry -> entry.getResource().getMeta().getLastUpdated().toInstant())
                .max(Instant::compareTo)
                .orElse(now);
    }

    /** The entries alone, so that the envelope (id, meta, timestamp) of an otherwise same bundle does not count. */
    private static String entriesJson(Bundle bundle, FhirContext fhir) {
        Bundle entries = new Bundle();
        bundle.getEntry().stream().filter(Objects::nonNull).forEach(entry -> entries.addEntry(entry.copy()));
        return fhir.newJsonParser().encodeResourceToString(entries);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
