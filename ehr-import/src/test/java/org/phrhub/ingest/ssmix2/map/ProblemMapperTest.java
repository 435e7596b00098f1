package org.phrhub.ingest.ssmix2.map;

import org.phrhub.testsupport.fhir.R4Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.hl7v2.model.Message;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.phrhub.ingest.ssmix2.SampleStorage;
import org.phrhub.ingest.ssmix2.hl7.Hl7ReadException;
import org.phrhub.ingest.ssmix2.hl7.Ssmix2MessageReader;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.JpCore;

/** PPR-01 of the real sample storage, and edge cases of it, as Condition resources. */
class ProblemMapperTest {

    private static final String HEADER = "MSH|^~\\&|HIS123|SEND|GW|RCV|20111209163030||PPR^ZD1^PPR_ZD1|1|P|2.5"
            + "||||||~ISO IR87||ISO2022-1994\r"
            + "PID|0001||1234567890^^^^PI||患者^太郎^^^^^L^I||19650415|M\r";

    private final Path ppr01 = SampleStorage.onlyFile(SampleStorage.PATIENT_FOLDER + "/-/PPR-01");
    private final ProblemMapper mapper = new ProblemMapper();

    private List<Condition> sample() throws MappingException {
        return conditions(mapper.map(SampleStorage.message(ppr01), SampleStorage.context(ppr01)));
    }

    private List<Condition> synthetic(String diseases) throws MappingException, Hl7ReadException {
        Message message = new Ssmix2MessageReader().read((HEADER + diseases).getBytes(Charset.forName("ISO-2022-JP")));
        return conditions(mapper.map(message, SampleStorage.context(ppr01)));
    }

    /** A PRB segment with the values given as field number, value, field number, value... */
    private static String prb(Object... fieldsAndValues) {
        String[] fields = new String[26];
        Arrays.fill(fields, "");
        fields[0] = "PRB";
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields[(Integer) fieldsAndValues[i]] = (String) fieldsAndValues[i + 1];
        }
        return String.join("|", fields).replaceAll("\\|+$", "") + "\r";
    }

    private static List<Condition> conditions(List<Resource> resources) {
        return resources.stream().map(Condition.class::cast).toList();
    }

    @Test
    void sampleDiseaseIsAnActiveConfirmedOutpatientDiagnosisOfTheResident() throws MappingException {
        List<Condition> conditions = sample();

        assertThat(conditions).hasSize(1);
        Condition gastritis = conditions.getFirst();
        assertThat(gastritis.getSubject().getReference()).isEqualTo("Patient/taro");
        assertThat(gastritis.getIdentifierFirstRep().getSystem()).isEqualTo(HubIdentifiers.SOURCE_RECORD);
        assertThat(gastritis.getIdentifierFirstRep().getValue())
                .isEqualTo(SampleStorage.INSTITUTION + "/9999013/PPR-01/999999999999999/PRB/123456789012345");
        assertThat(gastritis.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
        assertThat(gastritis.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("confirmed");
        assertThat(gastritis.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("encounter-diagnosis");
        assertThat(gastritis.getMeta().hasProfile(JpCore.CONDITION_PROFILE)).isTrue();
    }

    @Test
    void diseaseIsCodedByMedisKeyNumberExchangeCodeAndIcd10() throws MappingException {
        CodeableConcept code = sample().getFirst().getCode();

        assertThat(code.getText()).isEqualTo("胃炎");
        assertThat(code.getCoding()).extracting(Coding::getSystem, Coding::getCode).containsExactly(
                tuple(JpCore.MEDIS_DISEASE_KEY_NUMBER, "20054174"),
                tuple(JpCore.MEDIS_DISEASE_EXCHANGE_CODE, "TSQF"),
                tuple(JpCore.ICD10_MHLW, "K297"));
        assertThat(code.hasExtension()).isFalse();
    }

    @Test
    void datesKeepTheirDayAndAnUnrecoveredDiseaseHasNoEnd() throws MappingException {
        Condition gastritis = sample().getFirst();

        assertThat(gastritis.getOnsetDateTimeType().getValueAsString()).isEqualTo("2011-08-31");
        assertThat(gastritis.getRecordedDateElement().getValueAsString()).isEqualTo("2011-09-15");
        assertThat(gastritis.hasAbatement()).isFalse();
        CodeableConcept outcome = (CodeableConcept) gastritis.getExtensionByUrl(JpCore.DISEASE_OUTCOME_EXTENSION).getValue();
        assertThat(outcome.getCodingFirstRep().getSystem()).isEqualTo(JpCore.HL70241_OUTCOME);
        assertThat(outcome.getCodingFirstRep().getCode()).isEqualTo("N");
        assertThat(outcome.getText()).isEqualTo("回復せず");
    }

    @Test
    void sampleConditionsAreValidFhirR4() throws MappingException {
        for (Condition condition : sample()) {
            assertThat(R4Validation.errors(condition)).as("validation errors of %s", R4Validation.json(condition)).isEmpty();
        }
    }

    @Test
    void recoveredDiseaseIsResolvedWithItsEndAndModifiersMakeTheFullName() throws Exception {
        List<Condition> conditions = synthetic(
                prb(1, "AD", 2, "20120105", 3, "20054174^胃炎^MDCDX2", 4, "1", 9, "20120104", 14, "R^回復^HL70241",
                        16, "201112")
                + "ZPR|12345678^急性^MDCDX2|20054174^胃炎^MDCDX2|87654321^の疑い^MDCDX2|ABCD^急性^MDCDX2|TSQF^胃炎^MDCDX2\r");

        assertThat(conditions).hasSize(1);
        Condition condition = conditions.getFirst();
        assertThat(condition.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("resolved");
        assertThat(condition.getAbatementDateTimeType().getValueAsString()).isEqualTo("2012-01-04");
        assertThat(condition.getOnsetDateTimeType().getValueAsString()).isEqualTo("2011-12");
        assertThat(condition.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("problem-list-item");
        assertThat(condition.getCode().getText()).isEqualTo("急性胃炎の疑い");
        assertThat(condition.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("unconfirmed");
        assertThat(condition.getCode().getExtensionsByUrl(JpCore.DISEASE_PREFIX_MODIFIER_EXTENSION))
                .extracting(extension -> ((CodeableConcept) extension.getValue()).getCodingFirstRep().getSystem())
                .containsExactly(JpCore.MEDIS_MODIFIER_KEY_NUMBER, JpCore.MEDIS_MODIFIER_EXCHANGE_CODE);
        assertThat(condition.getCode().getExtensionsByUrl(JpCore.DISEASE_POSTFIX_MODIFIER_EXTENSION)).hasSize(1);
        assertThat(R4Validation.errors(condition)).as("validation errors of %s", R4Validation.json(condition)).isEmpty();
    }

    @Test
    void deletedDiseaseIsNotEmitted() throws Exception {
        List<Condition> conditions = synthetic(
                "PRB|DE|20120105|20054174^胃炎^MDCDX2|1\r"
                + "PRB|AD|20120105|^高血圧症^99LOCAL|2\r");

        assertThat(conditions).hasSize(1);
        assertThat(conditions.getFirst().getIdentifierFirstRep().getValue()).endsWith("/PRB/2");
        assertThat(conditions.getFirst().getCode().getText()).isEqualTo("高血圧症");
    }

    @Test
    void diseaseWithoutCodeOrInstanceIdIsRefused() {
        assertThatThrownBy(() -> synthetic("PRB|AD|20120105\r"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("PRB-4 (problem instance ID) and PRB-3 (disease code) are both empty");
    }

    @Test
    void diseaseWithoutNameIsRefused() {
        assertThatThrownBy(() -> synthetic("PRB|AD|20120105||1\r"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("PRB 1: PRB-3 (disease) is empty");
    }

    @Test
    void onsetThatIsNoDateIsRefusedNamingTheField() {
        assertThatThrownBy(() -> synthetic(prb(1, "AD", 3, "20054174^胃炎^MDCDX2", 4, "1", 16, "2011/12")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("PRB 1: PRB-16 (onset date) '2011/12' is not a date");
    }
}
