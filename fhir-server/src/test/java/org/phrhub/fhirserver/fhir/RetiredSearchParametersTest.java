package org.phrhub.fhirserver.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.Observations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The built-in search parameters the hub retired are neither indexed nor searchable; the ones it uses are. */
class RetiredSearchParametersTest extends FhirServerIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void aBloodPressureIsIndexedForWhatTheHubSearchesByOnly() {
        Observation bloodPressure = Observations.heartRate("Patient/hanako", 72);
        bloodPressure.setValue(null);
        bloodPressure.setCode(new CodeableConcept()
                .addCoding(new Coding("http://loinc.org", "85354-9", "Blood pressure panel"))
                .addCoding(new Coding("urn:iso:std:iso:11073:10101", "150020", "MDC_PRESS_BLD_NONINV")));
        for (String[] component : List.of(new String[] {"8480-6", "150021", "128"}, new String[] {"8462-4", "150022", "84"})) {
            bloodPressure.addComponent().setCode(new CodeableConcept()
                            .addCoding(new Coding("http://loinc.org", component[0], null))
                            .addCoding(new Coding("urn:iso:std:iso:11073:10101", component[1], null)))
                    .setValue(new Quantity().setValue(Integer.parseInt(component[2])).setSystem("http://unitsofmeasure.org").setCode("mm[Hg]"));
        }
        String id = "retired-sp-" + UUID.randomUUID();
        bloodPressure.setId(id);

        FhirHttp.Response stored = fhir.put("Observation/" + id, tokenOf("hanako"), bloodPressure);

        assertThat(stored.status()).as(stored.toString()).isIn(200, 201);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> indexed = jdbc.queryForList("""
                select distinct sp_name from (
                  select sp_name, res_id from hfj_spidx_token union all select sp_name, res_id from hfj_spidx_quantity
                  union all select sp_name, res_id from hfj_spidx_string) rows
                where res_id = (select res_id from hfj_resource where res_type = 'Observation' and fhir_id = ?)""",
                String.class, id);
        assertThat(indexed).contains("code", "category", "status", "identifier")
                .doesNotContainAnyElementsOf(RetiredSearchParameters.RETIRED.get("Observation"));

        FhirHttp.Response byCode = fhir.get("Observation?patient=Patient/hanako&code=http://loinc.org%7C85354-9", tokenOf("hanako"));
        FhirHttp.Response byComponent = fhir.get("Observation?patient=Patient/hanako&component-code=http://loinc.org%7C8480-6", tokenOf("hanako"));
        assertThat(byCode.status()).isEqualTo(200);
        assertThat(byCode.bundle().getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).contains(id);
        assertThat(byComponent.status()).as(byComponent.toString()).isEqualTo(400);
        assertThat(byComponent.diagnostics()).contains("component-code");
    }
}
