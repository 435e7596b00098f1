package org.phrhub.vocabulary;

import java.util.Set;

/** HL7 v3 Confidentiality labels, as found in {@code meta.security}. */
public final class V3Confidentiality {

    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    /** Restricted and very restricted: shown only where a consent names the label. */
    public static final Set<String> RESTRICTED = Set.of("R", "V");

    private V3Confidentiality() {}
}
