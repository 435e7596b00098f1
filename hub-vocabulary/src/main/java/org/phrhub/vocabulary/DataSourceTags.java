package org.phrhub.vocabulary;

/** Tags in {@code meta.tag} telling where a resource came from: {@code ehr} for hospital data, {@code phr} for home data. */
public final class DataSourceTags {

    public static final String SYSTEM = "https://phr-hub.example/fhir/CodeSystem/data-source";
    public static final String EHR = "ehr";
    public static final String PHR = "phr";

    private DataSourceTags() {}
}
