package org.phrhub.gateway.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.phrhub.vocabulary.HubIdentifiers;

/**
 * The server id of a reading's Observation, derived from its identifier: every upload of the same reading,
 * by any gateway and after any crash, names the same resource, so storing it with {@code PUT} stores it once
 * without a search for the identifier. The identifier can outgrow the 64 characters of a FHIR id; its
 * SHA-256 (160 bits of it, a collision among a country's readings being far less likely than a disk error)
 * cannot.
 */
public final class ReadingIds {

    private static final String PREFIX = "phd-";
    private static final int HASH_BYTES = 20;

    private ReadingIds() {}

    /** e.g. {@code phd-3f9a...} (44 characters) for an identifier value of {@link HubIdentifiers#READING}. */
    public static String of(String readingIdentifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((HubIdentifiers.READING + "|" + readingIdentifier).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash, 0, HASH_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
