package org.phrhub.fhirserver.ingest;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the regional EHR import ({@code phrhub.import.*}).
 *
 * @param maxUploadBytes the most an uploaded SS-MIX2 zip may unpack to
 * @param maxUploadFiles the most files it may hold
 * @param maxBundleBytes the most a FHIR bundle given to {@code $import-bundle} may be
 * @param patientNumberSystems by 10-digit institution code, the identifier system that institution's bundles carry
 *     its patient numbers under, where it is not JP Core's ({@link PatientNumberSystems})
 */
@ConfigurationProperties(prefix = "phrhub.import")
public record ImportProperties(
        @DefaultValue("1073741824") long maxUploadBytes,
        @DefaultValue("200000") int maxUploadFiles,
        @DefaultValue("104857600") long maxBundleBytes,
        Map<String, String> patientNumberSystems) {

    public ImportProperties {
        patientNumberSystems = patientNumberSystems == null ? Map.of() : Map.copyOf(patientNumberSystems);
    }
}
