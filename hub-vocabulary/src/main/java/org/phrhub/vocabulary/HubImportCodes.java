package org.phrhub.vocabulary;

import java.util.List;
import java.util.Optional;

/** The hub's own code systems for imported data, where no standard one exists. */
public final class HubImportCodes {

    /** Where an imported resource came from, in {@code meta.source}: {@code <scheme>:<institution>/<path>}. */
    public static final String SSMIX2_SOURCE_SCHEME = "urn:phr-hub:ssmix2:";
    /** The same for a FHIR bundle a hospital sent: {@code urn:phr-hub:bundle:<institution>/<bundle key>}. */
    public static final String BUNDLE_SOURCE_SCHEME = "urn:phr-hub:bundle:";

    /**
     * Extension of an imported unit's Provenance: what the unit was made from (a hash of the file, the
     * resident it was filed for and the mapping's revision), so the same file imported again is known
     * unchanged without being read.
     */
    public static final String SOURCE_FINGERPRINT_EXTENSION = "https://phr-hub.example/fhir/StructureDefinition/source-fingerprint";

    /**
     * Codes of an HL7 code table the hub has no standard system for (e.g. {@code JC10}): this prefix
     * followed by the table's name, so that the code is kept and can be re-coded once the table is known.
     */
    public static final String SSMIX2_TABLE_PREFIX = "https://phr-hub.example/fhir/CodeSystem/ssmix2-table/";

    /** Prefix of the systems of a hospital's own code tables (JAHIS names them {@code 99...}), per institution. */
    public static final String LOCAL_CODE_SYSTEM_PREFIX = "https://phr-hub.example/fhir/CodeSystem/ehr-local/";

    private HubImportCodes() {}

    /** The institution code an imported resource's {@code meta.source} names; empty for data not imported. */
    public static Optional<String> institutionOfSource(String source) {
        if (source == null) {
            return Optional.empty();
        }
        for (String scheme : List.of(SSMIX2_SOURCE_SCHEME, BUNDLE_SOURCE_SCHEME)) {
            if (source.startsWith(scheme)) {
                String rest = source.substring(scheme.length());
                int slash = rest.indexOf('/');
                return Optional.of(slash < 0 ? rest : rest.substring(0, slash)).filter(code -> !code.isEmpty());
            }
        }
        return Optional.empty();
    }

    /** The system of codes from an HL7 code table the hub has no standard system for. */
    public static String ssmix2Table(String table) {
        return SSMIX2_TABLE_PREFIX + table;
    }

    /**
     * The system of the code table a hospital names {@code table} in its messages: local tables mean something
     * only at that hospital, so the system carries the 10-digit institution code.
     */
    public static String localCodeSystem(String institutionCode, String table) {
        return LOCAL_CODE_SYSTEM_PREFIX + institutionCode + "/" + table;
    }
}
