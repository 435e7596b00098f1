package org.phrhub.fhirserver.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * What an imported unit was made from: the source's bytes (an SS-MIX2 file, a bundle as sent), the residents
 * it was filed for, and the revision of the mapping. Equal fingerprints mean importing the source again would
 * store exactly what its last import stored ({@link RecordWriter.StoredUnit#madeFrom}).
 */
public final class SourceFingerprint {

    /**
     * Raise this when the import stores something else for the same source (a mapper of ehr-import's
     * {@code Ssmix2Mappers}, the bundle import's rewriting), so that every source is mapped and stored again on
     * its next import instead of being taken as unchanged.
     */
    static final int MAPPING_REVISION = 1;

    private SourceFingerprint() {}

    /** e.g. {@code sha256:9f2c...;Patient/taro;mapping-1} */
    public static String of(byte[] source, Collection<String> residentReferences) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(sha256.digest(source)) + ";"
                    + String.join(",", residentReferences.stream().sorted().toList()) + ";mapping-" + MAPPING_REVISION;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
