package org.phrhub.ingest.ssmix2.map;

import org.phrhub.testsupport.fhir.R4Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.phrhub.ingest.ssmix2.SampleStorage;
import org.phrhub.ingest.ssmix2.hl7.Ssmix2MessageReader;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.HubImportCodes;
import org.phrhub.vocabulary.JpCore;

/** OMP-01 and OMP-02 of the real sample storage as JP Core MedicationRequests. */
class PrescriptionMapperTest {

    private final Path omp01 = SampleStorage.onlyFile(SampleStorage.PATIENT_FOLDER + "/20110701/OMP-01");
    private final Path omp02 = SampleStorage.onlyFile(SampleStorage.PATIENT_FOLDER + "/20110701/OMP-02");
    private final PrescriptionMapper mapper = new PrescriptionMapper();

    private List<MedicationRequest> map(Path file) throws MappingException {
        return mapper.map(SampleStorage.message(file), SampleStorage.context(file)).stream()
                .map(MedicationRequest.class::cast).toList();
    }

    @Test
    void outpatientPrescriptionIsOneRequestPerDrugLineWithItsHot9Code() throws MappingException {
        List<MedicationRequest> requests = map(omp01);

        assertThat(requests).extracting(r -> r.getMedicationCodeableConcept().getCodingFirstRep().getSystem() + "|"
                + r.getMedicationCodeableConcept().getCodingFirstRep().getCode())
                .containsExactly(JpCore.HOT9 + "|108665201", JpCore.HOT9 + "|110626901", JpCore.HOT9 + "|100607002");
        assertThat(requests.getFirst().getMedicationCodeableConcept().getText()).isEqualTo("ダーゼン錠（５mg)");
        assertThat(requests).allSatisfy(request -> {
            assertThat(request.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.ACTIVE);
            assertThat(request.getIntent()).isEqualTo(MedicationRequest.MedicationRequestIntent.ORDER);
            assertThat(request.getSubject().getReference()).isEqualTo("Patient/taro");
            assertThat(request.getAuthoredOnElement().getValueAsString()).isEqualTo("2011-07-01T10:30:45+09:00");
            assertThat(request.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("outpatient");
            assertThat(request.getRequester().getDisplay()).isEqualTo("医師 一郎");
        });
        R4Validation.assertValid(requests);
    }

    @Test
    void sourceRecordIdentifierTellsDrugLinesOfOneRpApart() throws MappingException {
        List<MedicationRequest> requests = map(omp01);

        assertThat(requests).extracting(r -> sourceRecord(r).getValue()).containsExactly(
                SampleStorage.INSTITUTION + "/9999013/OMP-01/000000011000185/000000011000185/1/1",
                SampleStorage.INSTITUTION + "/9999013/OMP-01/000000011000185/000000011000185/1/2",
                SampleStorage.INSTITUTION + "/9999013/OMP-01/000000011000185/000000011000185/2/1");
        assertThat(requests).extracting(r -> identifier(r, JpCore.RP_NUMBER) + "-" + identifier(r, JpCore.ORDER_IN_RP))
                .containsExactly("1-1", "1-2", "2-1");
        assertThat(map(omp01)).extracting(r -> sourceRecord(r).getValue())
                .containsExactlyElementsOf(requests.stream().map(r -> sourceRecord(r).getValue()).toList());
    }

    @Test
    void dosageCarriesJamiUsageRouteDosePerTimeDailyDoseAndDaysOfSupply() throws MappingException {
        MedicationRequest pansporin = map(omp01).get(1);

        Dosage dosage = pansporin.getDosageInstructionFirstRep();
        assertThat(dosage.getText()).isEqualTo("内服・経口・１日３回朝昼夕食後");
        assertThat(dosage.getTiming().getCode().getCodingFirstRep().getSystem()).isEqualTo("urn:oid:1.2.392.200250.2.2.20.20");
        assertThat(dosage.getTiming().getCode().getCodingFirstRep().getCode()).isEqualTo("1013044400000000");
        Duration days = dosage.getTiming().getRepeat().getBoundsDuration();
        assertThat(days.getValue()).isEqualByComparingTo("5");
        assertThat(days.getCode()).isEqualTo("d");
        Period periodOfUse = (Period) dosage.getExtensionByUrl(JpCore.DOSAGE_PERIOD_OF_USE_EXTENSION).getValue();
        assertThat(periodOfUse.getStartElement().getValueAsString()).isEqualTo("2011-07-01T00:00:00+09:00");
        assertThat(dosage.getRoute().getCodingFirstRep().getSystem()).isEqualTo(JpCore.ROUTE_HL70162);
        assertThat(dosage.getRoute().getCodingFirstRep().getCode()).isEqualTo("PO");
        Quantity dose = dosage.getDoseAndRateFirstRep().getDoseQuantity();
        assertThat(dose.getValue()).isEqualByComparingTo("2");
        assertThat(dose.getSystem() + "|" + dose.getCode() + "|" + dose.getUnit()).isEqualTo(JpCore.MERIT9_UNIT + "|TAB|錠");
        Ratio daily = dosage.getDoseAndRateFirstRep().getRateRatio();
        assertThat(daily.getNumerator().getValue()).isEqualByComparingTo("6");
        assertThat(daily.getDenominator().getCode()).isEqualTo("d");
        assertThat(pansporin.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("30");
        assertThat(pansporin.getDispenseRequest().getQuantity().getCode()).isEqualTo("TAB");
        assertThat(pansporin.getDispenseRequest().getExpectedSupplyDuration().getValue()).isEqualByComparingTo("5");

        MedicationRequest aleviatin = map(omp01).get(2);
        assertThat(aleviatin.getDosageInstructionFirstRep().getTiming().getCode().getCodingFirstRep().getCode())
                .isEqualTo("1012040400000000");
        assertThat(aleviatin.getDispenseRequest().getQuantity().getValue()).isEqualByComparingTo("1400");
        assertThat(aleviatin.getDispenseRequest().getQuantity().getCode()).isEqualTo("MG");
        assertThat(aleviatin.getDispenseRequest().getExpectedSupplyDuration().getValue()).isEqualByComparingTo("14");
    }

    @Test
    void mixedInjectionReferencesAContainedMedicationOfItsRxcComponents() throws MappingException {
        List<MedicationRequest> requests = map(omp02);

        assertThat(requests).hasSize(3);
        MedicationRequest first = requests.getFirst();
        assertThat(first.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("inpatient");
        assertThat(first.getMedicationReference().getReference()).isEqualTo("#mixed-injection");
        Medication mixed = (Medication) first.getContained().getFirst();
        assertThat(mixed.getIngredient()).extracting(i -> i.getItemCodeableConcept().getCodingFirstRep().getSystem() + "|"
                + i.getItemCodeableConcept().getCodingFirstRep().getCode())
                .containsExactly(JpCore.HOT9 + "|620007329", JpCore.HOT9 + "|620002559");
        assertThat(mixed.getIngredientFirstRep().getStrength().getNumerator().getCode()).isEqualTo("HON");
        assertThat(mixed.getCode().getText()).isEqualTo("ソリタ−Ｔ３号輸液５００ｍＬ 1本 + アドナ注（静脈用）50mg 1アンプル");
        assertThat(mixed.getCode().getCodingFirstRep().getSystem())
                .isEqualTo(HubImportCodes.localCodeSystem(SampleStorage.INSTITUTION, "99I02"));

        Dosage dosage = first.getDosageInstructionFirstRep();
        assertThat(dosage.getText()).isEqualTo("５時間一定速度で");
        assertThat(dosage.getRoute().getCodingFirstRep().getCode()).isEqualTo("IV");
        assertThat(dosage.getDoseAndRateFirstRep().getDoseQuantity().getValue()).isEqualByComparingTo("510");
        assertThat(dosage.getDoseAndRateFirstRep().getDoseQuantity().getCode()).isEqualTo("ML");
        Quantity rate = dosage.getDoseAndRateFirstRep().getRateQuantity();
        assertThat(rate.getValue()).isEqualByComparingTo("102");
        assertThat(rate.getUnit()).isEqualTo("ml/hr");
        Period bounds = dosage.getTiming().getRepeat().getBoundsPeriod();
        assertThat(bounds.getStartElement().getValueAsString()).isEqualTo("2011-07-01T08:00:00+09:00");
        assertThat(bounds.getEndElement().getValueAsString()).isEqualTo("2011-07-01T13:00:00+09:00");
        assertThat(requests).extracting(r -> sourceRecord(r).getValue()).doesNotHaveDuplicates();
        R4Validation.assertValid(requests);
    }

    @Test
    void cancelledOrderIsACancelledRequest() throws Exception {
        MedicationRequest request = (MedicationRequest) mapper.map(message(omp01Text().replace("ORC|NW|", "ORC|CA|")),
                SampleStorage.context(omp01)).getFirst();

        assertThat(request.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.CANCELLED);
    }

    @Test
    void drugLineWithoutADrugCodeIsRefusedNamingItsGroup() throws Exception {
        String text = omp01Text().replace("RXE||108665201^ダーゼン錠（５mg)^HOT9|", "RXE|||");

        assertThatThrownBy(() -> mapper.map(message(text), SampleStorage.context(omp01)))
                .isInstanceOf(MappingException.class)
                .hasMessage("RXE-2 (give code, the drug) is empty in RXE of order group 1");
    }

    @Test
    void doseThatIsNoNumberIsRefused() throws Exception {
        String text = omp01Text().replace("^HOT9|1||TAB", "^HOT9|one||TAB");

        assertThatThrownBy(() -> mapper.map(message(text), SampleStorage.context(omp01)))
                .isInstanceOf(MappingException.class)
                .hasMessage("RXE-3 (give amount) of RXE of order group 1 is 'one', not a number");
    }

    private String omp01Text() throws Exception {
        return Ssmix2MessageReader.decode(java.nio.file.Files.readAllBytes(omp01));
    }

    static ca.uhn.hl7v2.model.Message message(String text) throws Exception {
        return new Ssmix2MessageReader().read(text.getBytes(Charset.forName("ISO-2022-JP")));
    }

    private static Identifier sourceRecord(Resource resource) {
        return ((MedicationRequest) resource).getIdentifier().stream()
                .filter(i -> HubIdentifiers.SOURCE_RECORD.equals(i.getSystem())).findFirst().orElseThrow();
    }

    private static String identifier(MedicationRequest request, String system) {
        return request.getIdentifier().stream().filter(i -> system.equals(i.getSystem())).findFirst().orElseThrow().getValue();
    }
}
