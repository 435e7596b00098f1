package org.phrhub.fhirserver.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Resource ids derived from what identifies a record in its source. Importing the same record again
 * addresses the same resource, so an import is an upsert by id (PUT) rather than a conditional create,
 * which HAPI cannot make safe under concurrent imports.
 */
public final class StableIds {

    private StableIds() {}

    /** {@code ehr-} and 40 hex digits of SHA-256 over type, system and value: well within FHIR's 64 characters. */
    public static String of(String resourceType, Identifier identifier) {
        return of(resourceType, identifier.getSystem() + "|" + identifier.getValue());
    }

    public static String of(String resourceType, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((resourceType + "|" + key).getBytes(StandardCharsets.UTF_8));
            return "ehr-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
