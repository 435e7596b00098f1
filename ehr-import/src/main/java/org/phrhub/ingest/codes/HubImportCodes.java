package org.phrhub.ingest.codes;

/** The hub's own systems for imported data, where no standard one exists. */
public final class HubImportCodes {

    /** Tags telling where a resource came from: {@code ehr} for hospital data, {@code phr} for home data. */
    public static final String DATA_SOURCE_TAGS = "https://phr-hub.example/fhir/CodeSystem/data-source";
    public static final String EHR = "ehr";

    /**
     * The identifier every imported resource carries: institution, data type and the key of the record in
     * its source (order number and position, or the patient number), so a re-import finds what it made.
     */
    public static final String SOURCE_RECORD = "https://phr-hub.example/fhir/sid/ehr-source-record";

    /** Prefix of the systems of a hospital's own code tables (JAHIS names them {@code 99...}), per institution. */
    public static final String LOCAL_CODE_SYSTEM_PREFIX = "https://phr-hub.example/fhir/CodeSystem/ehr-local/";

    private HubImportCodes() {}

    /**
     * The system of the code table a hospital names {@code table} in its messages: local tables mean something
     * only at that hospital, so the system carries the 10-digit institution code.
     */
    public static String localCodeSystem(String institutionCode, String table) {
        return LOCAL_CODE_SYSTEM_PREFIX + institutionCode + "/" + table;
    }
}
