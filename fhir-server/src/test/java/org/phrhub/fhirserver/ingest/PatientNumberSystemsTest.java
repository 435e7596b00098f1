package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which identifier systems a hospital's patient numbers are read under, as configured. */
class PatientNumberSystemsTest {

    private static final String JP_CORE = "urn:oid:1.2.392.100495.20.3.51.1";

    @Test
    void aHospitalWithoutConfigurationIsReadUnderJpCoreAlone() {
        PatientNumberSystems systems = new PatientNumberSystems(Map.of());

        assertThat(systems.systemsOf("1311234567")).containsExactly(JP_CORE + "1311234567");
        assertThat(systems.systemOf("1311234567")).isEqualTo(JP_CORE + "1311234567");
    }

    @Test
    void aConfiguredSystemIsReadFirstAndJpCoreStillCounts() {
        PatientNumberSystems systems = new PatientNumberSystems(Map.of("1311234567", "http://hospital.smarthealthit.org"));

        assertThat(systems.systemsOf("1311234567")).containsExactly("http://hospital.smarthealthit.org", JP_CORE + "1311234567");
        assertThat(systems.systemsOf("1399999999")).containsExactly(JP_CORE + "1399999999");
        assertThat(systems.describe("1311234567"))
                .isEqualTo("http://hospital.smarthealthit.org (configured by phrhub.import.patient-number-systems.1311234567) or "
                        + JP_CORE + "1311234567");
    }

    @Test
    void aConfigurationThatCouldNotMatchStopsTheStartWithThePropertyToFix() {
        assertThatThrownBy(() -> new PatientNumberSystems(Map.of("131123", "http://hospital.example/mrn")))
                .hasMessageContaining("phrhub.import.patient-number-systems.131123")
                .hasMessageContaining("10-digit medical institution code");
        assertThatThrownBy(() -> new PatientNumberSystems(Map.of("1311234567", "mrn")))
                .hasMessageContaining("phrhub.import.patient-number-systems.1311234567 must be an identifier system URI");
        assertThatThrownBy(() -> new PatientNumberSystems(Map.of("1311234567", "https://phr-hub.example/fhir/sid/common-id")))
                .hasMessageContaining("one of the hub's own systems");
    }
}
