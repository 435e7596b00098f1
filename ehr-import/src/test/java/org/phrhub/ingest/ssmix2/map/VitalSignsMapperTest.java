package org.phrhub.ingest.ssmix2.map;

import org.phrhub.testsupport.fhir.R4Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.ingest.ssmix2.SampleStorage;
import org.phrhub.ingest.ssmix2.hl7.Ssmix2MessageReader;
import org.phrhub.ingest.ssmix2.storage.StorageFileName;
import org.phrhub.vocabulary.HubImportCodes;
import org.phrhub.vocabulary.JpCore;

/**
 * The synthetic extended-storage vital signs as FHIR R4 vital-sign Observations: the ORU-01 file, and a
 * document of the published vital-sign rule (ORU^R30 under {@code L-OBSERVATIONS^OBSERVATIONS^99ZL01}).
 */
class VitalSignsMapperTest {

    private final Path oru01 = synthetic("999/901/9999013/20111220/ORU-01");
    private final VitalSignsMapper mapper = new VitalSignsMapper();

    private static Path synthetic(String folder) {
        try (var files = Files.list(Path.of(Objects.requireNonNull(
                VitalSignsMapperTest.class.getResource("/ssmix2-synthetic/" + folder)).toURI()))) {
            return files.findFirst().orElseThrow();
        } catch (URISyntaxException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The main document of an extended-storage vital-sign document folder, as the published rule lays it out. */
    private static Path extendedVitalSigns() {
        return synthetic("999/901/9999013/20111221/L-OBSERVATIONS^OBSERVATIONS^99ZL01").resolve("main_document.hl7");
    }

    private List<Observation> mapExtended() throws Exception {
        Path document = extendedVitalSigns();
        MappingContext context = new MappingContext(SampleStorage.INSTITUTION,
                StorageFileName.parseDocumentFolder(document.getParent().getFileName().toString()), new Reference("Patient/taro"));
        return mapper.map(SampleStorage.message(document), context).stream().map(Observation.class::cast).toList();
    }

    private List<Observation> map(String text) throws Exception {
        return mapper.map(PrescriptionMapperTest.message(text), SampleStorage.context(oru01)).stream()
                .map(Observation.class::cast).toList();
    }

    private String text() throws Exception {
        return Ssmix2MessageReader.decode(Files.readAllBytes(oru01));
    }

    @Test
    void eachVitalSignHasItsLoincCodeUcumUnitAndTheHospitalsCodeBeside() throws Exception {
        List<Observation> observations = map(text());

        assertThat(observations).extracting(o -> o.getCode().getCodingFirstRep().getCode() + "="
                + (o.hasValueQuantity() ? o.getValueQuantity().getValue().toPlainString() + " " + o.getValueQuantity().getCode() : "panel"))
                .containsExactly("8310-5=36.8 Cel", "8867-4=72 /min", "8302-2=165.2 cm", "29463-7=61.5 kg", "2708-6=97 %",
                        "85354-9=panel");
        assertThat(observations).allSatisfy(o -> {
            assertThat(o.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs");
            assertThat(o.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
            assertThat(o.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2011-12-20T14:30:00+09:00");
            assertThat(o.getSubject().getReference()).isEqualTo("Patient/taro");
            assertThat(o.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        });
        Observation height = observations.get(2);
        assertThat(height.getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://loinc.org|8302-2", JpCore.JLAC10 + "|9N001000000000001");
        assertThat(height.getMeta().getProfile().getFirst().getValue()).isEqualTo("http://hl7.org/fhir/StructureDefinition/bodyheight");
        assertThat(observations.getFirst().getCode().getText()).isEqualTo("体温");
        R4Validation.assertValid(observations);
    }

    @Test
    void systolicAndDiastolicPressureOfOneTimeAreOnePanel() throws Exception {
        Observation panel = map(text()).getLast();

        assertThat(panel.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode() + "="
                + c.getValueQuantity().getValue().toPlainString() + " " + c.getValueQuantity().getCode())
                .containsExactly("8480-6=128 mm[Hg]", "8462-4=82 mm[Hg]");
        assertThat(panel.getComponentFirstRep().getCode().getCoding().get(1).getCode()).isEqualTo("9A751000000000001");
        assertThat(panel.getComponentFirstRep().getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("H");
        assertThat(panel.getIdentifierFirstRep().getValue())
                .isEqualTo(SampleStorage.INSTITUTION + "/9999013/ORU-01/000000011000400/OBX/1/2+3");
    }

    @Test
    void panelWithoutDiastolicPressureMarksItAbsent() throws Exception {
        String text = text().replaceAll("OBX\\|3\\|[^\r]*\r", "");

        Observation panel = map(text).getLast();
        assertThat(panel.getComponent().get(1).getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("not-asked");
        R4Validation.assertValid(List.of(panel));
    }

    @Test
    void vitalSignInAnotherUnitIsRefusedNotConverted() throws Exception {
        String text = text().replace("||165.2|cm^cm^UCUM|", "||1.652|m^m^UCUM|");

        assertThatThrownBy(() -> map(text)).isInstanceOf(MappingException.class)
                .hasMessage("OBX-6 (units) of OBX 5 of OBR 1 is 'm'; expected cm for Body height");
    }

    @Test
    void unknownObservationIsKeptWithTheHospitalsCode() throws Exception {
        String text = text().replace("VS021^SpO2^99VS1^2708-6^Oxygen saturation in Arterial blood^LN", "VS099^意識レベル^99VS1");

        Observation other = map(text).get(4);
        assertThat(other.getCode().getCodingFirstRep().getCode()).isEqualTo("VS099");
        assertThat(other.getMeta().hasProfile()).isFalse();
        assertThat(other.getValueQuantity().getValue()).isEqualByComparingTo("97");
    }

    @Test
    void vitalSignWithoutACodeIsRefusedNamingItsSegment() throws Exception {
        String text = text().replace("OBX|4|NM|VS011^脈拍数^99VS1^8867-4^Heart rate^LN|", "OBX|4|NM||");

        assertThatThrownBy(() -> map(text)).isInstanceOf(MappingException.class)
                .hasMessage("OBX-3 (observation identifier, the vital sign) is empty in OBX 4 of OBR 1");
    }

    @Test
    void extendedStorageVitalSignsOfTheDayAreOneObservationPerReadingAndOnePanelPerTime() throws Exception {
        List<Observation> observations = mapExtended();

        assertThat(observations).extracting(o -> o.getCode().getCodingFirstRep().getCode() + "@"
                + o.getEffectiveDateTimeType().getValueAsString().substring(11, 16) + "="
                + (o.hasValueQuantity() ? o.getValueQuantity().getValue().toPlainString() + " " + o.getValueQuantity().getCode()
                        : o.getComponent().get(0).getValueQuantity().getValue() + "/" + o.getComponent().get(1).getValueQuantity().getValue()))
                .containsExactly("8867-4@08:00=68 /min", "9279-1@08:00=16 /min", "8310-5@08:00=36.4 Cel",
                        "8867-4@08:30=92 /min", "9279-1@08:30=18 /min", "8310-5@08:30=37.6 Cel",
                        "85354-9@08:00=124/78", "85354-9@08:30=131/80");
        assertThat(observations.get(1).getMeta().getProfile().getFirst().getValue())
                .isEqualTo("http://hl7.org/fhir/StructureDefinition/resprate");
        assertThat(observations.get(0).getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://loinc.org|8867-4", JpCore.JLAC10 + "|9P300000000000001");
        // The published table's 16-character temperature code is read, and kept as the table it came in, not as JLAC10.
        assertThat(observations.get(2).getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://loinc.org|8310-5", HubImportCodes.ssmix2Table("JC10") + "|9P10000000000001");
        assertThat(observations.get(7).getComponentFirstRep().getInterpretationFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("H");
        assertThat(observations.get(0).getIdentifierFirstRep().getValue())
                .isEqualTo(SampleStorage.INSTITUTION + "/9999013/L-OBSERVATIONS^OBSERVATIONS^99ZL01/000002011122108/OBX/1/3");
        R4Validation.assertValid(observations);
    }

    @Test
    void extendedStorageVitalSignsNeedAnObservationMessage() throws Exception {
        Path document = extendedVitalSigns();
        MappingContext context = new MappingContext(SampleStorage.INSTITUTION,
                StorageFileName.parseDocumentFolder(document.getParent().getFileName().toString()), new Reference("Patient/taro"));
        String adt = "MSH|^~\\&|HIS|SEND|GW|RCV|20111221083012||ADT^A08^ADT_A01|1|P|2.5\rPID|0001||9999013^^^^PI\r";

        assertThatThrownBy(() -> mapper.map(PrescriptionMapperTest.message(adt), context)).isInstanceOf(MappingException.class)
                .hasMessage("L-OBSERVATIONS^OBSERVATIONS^99ZL01 must be an ORU^R01 or ORU^R30 message, this one is ADT_A01");
    }
}
