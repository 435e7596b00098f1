package org.phrhub.ingest.ssmix2.map;

import org.phrhub.testsupport.fhir.R4Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.model.Message;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCriticality;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceSeverity;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.phrhub.ingest.ssmix2.SampleStorage;
import org.phrhub.ingest.ssmix2.hl7.Hl7ReadException;
import org.phrhub.ingest.ssmix2.hl7.Ssmix2MessageReader;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.HubImportCodes;
import org.phrhub.vocabulary.JpCore;

/** ADT-61 of the real sample storage, and edge cases of it, as AllergyIntolerance resources. */
class AllergyMapperTest {

    private static final String HEADER = "MSH|^~\\&|HIS123|SEND|GW|RCV|20111014232213||ADT^A60^ADT_A60|1|P|2.5"
            + "||||||~ISO IR87||ISO2022-1994\r"
            + "EVN||20111013232213\r"
            + "PID|0001||12345678^^^^PI||山田^太郎^^^^^L^I||19650415|M\r";

    private final Path adt61 = SampleStorage.onlyFile(SampleStorage.PATIENT_FOLDER + "/-/ADT-61");
    private final AllergyMapper mapper = new AllergyMapper();

    private List<AllergyIntolerance> sample() throws MappingException {
        return allergies(mapper.map(SampleStorage.message(adt61), SampleStorage.context(adt61)));
    }

    private List<AllergyIntolerance> synthetic(String iamSegments) throws MappingException, Hl7ReadException {
        Message message = new Ssmix2MessageReader().read((HEADER + iamSegments).getBytes(Charset.forName("ISO-2022-JP")));
        return allergies(mapper.map(message, SampleStorage.context(adt61)));
    }

    private static List<AllergyIntolerance> allergies(List<Resource> resources) {
        return resources.stream().map(AllergyIntolerance.class::cast).toList();
    }

    @Test
    void everyIamOfTheSampleIsAnAllergyOfTheResidentWithItsSourceRecord() throws MappingException {
        List<AllergyIntolerance> allergies = sample();

        assertThat(allergies).hasSize(4);
        assertThat(allergies).allSatisfy(allergy -> {
            assertThat(allergy.getPatient().getReference()).isEqualTo("Patient/taro");
            assertThat(allergy.getClinicalStatus().getCodingFirstRep().getCode()).isEqualTo("active");
            assertThat(allergy.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("confirmed");
            assertThat(allergy.getRecordedDateElement().getValueAsString()).startsWith("2011-10-13T23:22:13");
            assertThat(allergy.getMeta().hasProfile(JpCore.ALLERGY_INTOLERANCE_PROFILE)).isTrue();
        });
        assertThat(allergies).extracting(allergy -> allergy.getIdentifierFirstRep().getValue()).containsExactly(
                SampleStorage.INSTITUTION + "/9999013/ADT-61/999999999999999/IAM/1",
                SampleStorage.INSTITUTION + "/9999013/ADT-61/999999999999999/IAM/2",
                SampleStorage.INSTITUTION + "/9999013/ADT-61/999999999999999/IAM/3",
                SampleStorage.INSTITUTION + "/9999013/ADT-61/999999999999999/IAM/4");
        assertThat(allergies).extracting(allergy -> allergy.getIdentifierFirstRep().getSystem())
                .containsOnly(HubIdentifiers.SOURCE_RECORD);
    }

    @Test
    void allergenKeepsItsNameAndCodeDrugsUnderHot9OtherTablesUnderTheirOwnName() throws MappingException {
        List<AllergyIntolerance> allergies = sample();

        assertThat(allergies).extracting(allergy -> allergy.getCode().getText())
                .containsExactly("スギ", "ソバ", "ハウスダスト", "アリナミン");
        Coding cedar = allergies.get(0).getCode().getCodingFirstRep();
        assertThat(cedar.getSystem()).isEqualTo(HubImportCodes.SSMIX2_TABLE_PREFIX + "JC10");
        assertThat(cedar.getCode()).isEqualTo("5A1002216023023");
        assertThat(cedar.getDisplay()).isEqualTo("スギ");
        Coding drug = allergies.get(3).getCode().getCodingFirstRep();
        assertThat(drug.getSystem()).isEqualTo(JpCore.HOT9);
        assertThat(drug.getCode()).isEqualTo("106824501");
    }

    @Test
    void categorySeverityAndReactionFollowTheHl7Tables() throws MappingException {
        List<AllergyIntolerance> allergies = sample();

        assertThat(allergies).extracting(allergy -> allergy.getCategory().getFirst().getValue()).containsExactly(
                AllergyIntoleranceCategory.ENVIRONMENT, AllergyIntoleranceCategory.FOOD,
                AllergyIntoleranceCategory.ENVIRONMENT, AllergyIntoleranceCategory.MEDICATION);
        assertThat(allergies).extracting(allergy -> allergy.getReactionFirstRep().getSeverity()).containsExactly(
                AllergyIntoleranceSeverity.MILD, AllergyIntoleranceSeverity.MODERATE,
                AllergyIntoleranceSeverity.MILD, AllergyIntoleranceSeverity.MODERATE);
        assertThat(allergies).extracting(AllergyIntolerance::getCriticality).containsOnly(AllergyIntoleranceCriticality.LOW);
        assertThat(allergies).extracting(allergy -> allergy.getReactionFirstRep().getDescription())
                .containsExactly("目のかゆみ", "湿疹", "くしゃみ", "のどの渇きが止まらない");
        assertThat(allergies.get(0).getReactionFirstRep().getManifestationFirstRep().getText()).isEqualTo("目のかゆみ");
    }

    @Test
    void onsetKeepsThePrecisionOfTheHospitalOrItsTextWhenNoDate() throws MappingException {
        List<AllergyIntolerance> allergies = sample();

        assertThat(allergies.get(0).getOnsetDateTimeType().getValueAsString()).isEqualTo("1996-01");
        assertThat(allergies.get(1).getOnsetStringType().getValue()).isEqualTo("小学校低学年の頃");
        assertThat(allergies.get(2).getOnsetDateTimeType().getValueAsString()).isEqualTo("2003-02");
        assertThat(allergies.get(3).getOnsetDateTimeType().getValueAsString()).isEqualTo("2007-07-10");
    }

    @Test
    void sampleAllergiesAreValidFhirR4() throws MappingException {
        for (AllergyIntolerance allergy : sample()) {
            assertThat(R4Validation.errors(allergy)).as("validation errors of %s", R4Validation.json(allergy)).isEmpty();
        }
    }

    @Test
    void deletedAllergyIsNotEmitted() throws Exception {
        List<AllergyIntolerance> allergies = synthetic(
                "IAM|1|FA^食物アレルギー^HL70127|^ソバ^JC10|SV^重度^HL70128|呼吸困難|D^削除^HL70323\r"
                + "IAM|2|FA^食物アレルギー^HL70127|^卵^99XYZ|SV^重度^HL70128|呼吸困難|A^追加^HL70323\r");

        assertThat(allergies).hasSize(1);
        AllergyIntolerance egg = allergies.getFirst();
        assertThat(egg.getIdentifierFirstRep().getValue()).endsWith("/IAM/2");
        assertThat(egg.getCode().getText()).isEqualTo("卵");
        assertThat(egg.getCode().hasCoding()).isFalse();
        assertThat(egg.getCriticality()).isEqualTo(AllergyIntoleranceCriticality.HIGH);
        assertThat(R4Validation.errors(egg)).isEmpty();
    }

    @Test
    void allergyWithoutAllergenIsRefused() {
        assertThatThrownBy(() -> synthetic("IAM|1|FA^食物アレルギー^HL70127||MO^中等度^HL70128|湿疹|A^追加^HL70323\r"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("IAM 1")
                .hasMessageContaining("IAM-3 (allergen) is empty");
    }

    @Test
    void allergyWithoutSetIdIsRefused() {
        assertThatThrownBy(() -> synthetic("IAM||FA^食物アレルギー^HL70127|^ソバ^JC10\r"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("IAM-1 (set ID) is empty");
    }

    @Test
    void onsetThatIsNoDateIsRefusedNamingTheField() {
        assertThatThrownBy(() -> synthetic("IAM|1|FA^食物アレルギー^HL70127|^ソバ^JC10||||||||1996/01\r"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("IAM 1: IAM-11 (onset date) '1996/01' is not a date");
    }
}
