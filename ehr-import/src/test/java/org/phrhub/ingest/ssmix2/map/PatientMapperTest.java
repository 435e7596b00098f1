package org.phrhub.ingest.ssmix2.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.phrhub.ingest.ssmix2.SampleStorage;
import org.phrhub.vocabulary.JpCore;

/** ADT-00 of the real sample storage as the hospital's view of the resident. */
class PatientMapperTest {

    private final Path adt00 = SampleStorage.onlyFile(SampleStorage.PATIENT_FOLDER + "/-/ADT-00");

    @Test
    void demographicsKeepKanjiAndKanaNamesBirthDateGenderAndAddress() throws MappingException {
        List<Resource> resources = new PatientMapper().map(SampleStorage.message(adt00), SampleStorage.context(adt00));

        assertThat(resources).hasSize(1);
        Patient patient = (Patient) resources.getFirst();
        assertThat(patient.getIdentifier()).anySatisfy(identifier -> {
            assertThat(identifier.getSystem()).isEqualTo("urn:oid:1.2.392.100495.20.3.51.1" + SampleStorage.INSTITUTION);
            assertThat(identifier.getValue()).isEqualTo("9999013");
        });
        assertThat(patient.getName()).extracting(HumanName::getText).containsExactly("患者 太郎", "カンジャ タロウ");
        assertThat(patient.getName()).extracting(name -> name.getExtensionByUrl(JpCore.NAME_REPRESENTATION_EXTENSION)
                .getValue().primitiveValue()).containsExactly("IDE", "SYL");
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("患者");
        assertThat(patient.getNameFirstRep().getGivenAsSingleString()).isEqualTo("太郎");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1948-04-05");
        assertThat(patient.getGender()).isEqualTo(AdministrativeGender.MALE);
        Address home = patient.getAddressFirstRep();
        assertThat(home.getUse()).isEqualTo(Address.AddressUse.HOME);
        assertThat(home.getPostalCode()).isEqualTo("422-8033");
        assertThat(home.getText()).isEqualTo("静岡県静岡市登呂１−３−５");
        assertThat(home.getCountry()).isEqualTo("JPN");
    }

    @Test
    void sourcePatientOfEveryMessageNamesThePatientNumberOfPid3() throws MappingException {
        Path omp01 = SampleStorage.onlyFile(SampleStorage.PATIENT_FOLDER + "/20110701/OMP-01");
        SourcePatient patient = SourcePatient.of(SampleStorage.message(omp01));

        assertThat(patient.patientNumber()).isEqualTo("9999013");
        assertThat(patient.kanaName()).map(HumanName::getText).contains("カンジャ タロウ");
        assertThat(patient.kanjiName()).map(HumanName::getText).contains("患者 太郎");
    }
}
