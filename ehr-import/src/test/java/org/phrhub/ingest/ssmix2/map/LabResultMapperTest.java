package org.phrhub.ingest.ssmix2.map;

import org.phrhub.testsupport.fhir.R4Validation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.phrhub.ingest.ssmix2.SampleStorage;
import org.phrhub.ingest.ssmix2.hl7.Ssmix2MessageReader;
import org.phrhub.vocabulary.HubImportCodes;
import org.phrhub.vocabulary.JpCore;

/** OML-11 of the real sample storage as laboratory Observations and their DiagnosticReport. */
class LabResultMapperTest {

    private final Path oml11 = SampleStorage.onlyFile(SampleStorage.PATIENT_FOLDER + "/20111220/OML-11");
    private final LabResultMapper mapper = new LabResultMapper();

    private List<Resource> map(String text) throws Exception {
        return mapper.map(PrescriptionMapperTest.message(text), SampleStorage.context(oml11));
    }

    private List<Resource> mapped() {
        try {
            return mapper.map(SampleStorage.message(oml11), SampleStorage.context(oml11));
        } catch (MappingException e) {
            throw new AssertionError(e);
        }
    }

    private String text() throws Exception {
        return Ssmix2MessageReader.decode(Files.readAllBytes(oml11));
    }

    @Test
    void eachObxIsALaboratoryObservationWithItsJlac10CodeValueAndRange() {
        List<Resource> resources = mapped();

        assertThat(resources).hasSize(4);
        List<Observation> observations = resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast).toList();
        assertThat(observations).extracting(o -> o.getCode().getCodingFirstRep().getSystem() + "|" + o.getCode().getCodingFirstRep().getCode())
                .containsExactly(JpCore.JLAC10 + "|3A016000002327102", JpCore.JLAC10 + "|3A010000002327101",
                        JpCore.JLAC10 + "|3A015000002327101");
        Observation protein = observations.get(1);
        assertThat(protein.getCode().getText()).isEqualTo("総蛋白");
        assertThat(protein.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
        assertThat(protein.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(protein.getValueQuantity().getValue()).isEqualByComparingTo("7.2");
        assertThat(protein.getValueQuantity().getUnit()).isEqualTo("g/dl");
        assertThat(protein.getValueQuantity().hasSystem()).isFalse();
        Observation.ObservationReferenceRangeComponent range = protein.getReferenceRangeFirstRep();
        assertThat(range.getText()).isEqualTo("6.70-8.3");
        assertThat(range.getLow().getValue()).isEqualByComparingTo("6.70");
        assertThat(range.getHigh().getValue()).isEqualByComparingTo("8.3");
        assertThat(protein.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2011-12-19T15:00:00+09:00");
        assertThat(protein.getIssuedElement().getValueAsString()).isEqualTo("2011-12-20T10:30:59+09:00");
        assertThat(protein.getNoteFirstRep().getText()).isEqualTo("検体: 血清");
        assertThat(protein.getSubject().getReference()).isEqualTo("Patient/taro");
        assertThat(protein.getIdentifier()).extracting(i -> i.getValue())
                .containsExactly(SampleStorage.INSTITUTION + "/9999013/OML-11/000000011000354/OBX/1/2");
        assertThat(observations.getFirst().getValueQuantity().hasUnit()).isFalse();
    }

    @Test
    void reportListsItsObservationsByTheirPlaceholderIds() {
        List<Resource> resources = mapped();

        DiagnosticReport report = (DiagnosticReport) resources.getLast();
        assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(report.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("LAB");
        assertThat(report.getCode().getCodingFirstRep().getCode()).isEqualTo("E001");
        assertThat(report.getCode().getCodingFirstRep().getSystem())
                .isEqualTo(HubImportCodes.localCodeSystem(SampleStorage.INSTITUTION, "99O03"));
        assertThat(report.getCode().getText()).isEqualTo("血液学的検査");
        assertThat(report.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2011-12-19");
        assertThat(report.getIssuedElement().getValueAsString()).isEqualTo("2011-12-20T10:30:59+09:00");
        assertThat(report.getIdentifierFirstRep().getValue())
                .isEqualTo(SampleStorage.INSTITUTION + "/9999013/OML-11/000000011000354/OBR/1");
        assertThat(report.getResult()).extracting(Reference::getReference)
                .containsExactlyElementsOf(resources.subList(0, 3).stream().map(r -> r.getIdElement().getValue()).toList())
                .allSatisfy(reference -> assertThat(reference).startsWith("urn:uuid:"));
        R4Validation.assertValid(resources);
    }

    @Test
    void highAndLowFlagsAndCorrectedStatusAreKept() throws Exception {
        List<Resource> resources = map(text().replace("|6.70-8.3||||F|", "|6.70-8.3|H|||C|"));

        Observation protein = (Observation) resources.get(1);
        assertThat(protein.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("H");
        assertThat(protein.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
        R4Validation.assertValid(List.of(protein));
    }

    @Test
    void textResultIsAString() throws Exception {
        List<Resource> resources = map(text().replace("OBX|1|NM|3A016000002327102^A/G比^JC10||1.7|",
                "OBX|1|ST|3A016000002327102^A/G比^JC10||判定不能|"));

        assertThat(((Observation) resources.getFirst()).getValueStringType().getValue()).isEqualTo("判定不能");
    }

    @Test
    void observationWithoutACodeIsRefusedNamingItsSegment() throws Exception {
        String text = text().replace("OBX|2|NM|3A010000002327101^総蛋白^JC10|", "OBX|2|NM||");

        assertThatThrownBy(() -> map(text)).isInstanceOf(MappingException.class)
                .hasMessage("OBX-3 (observation identifier, the test) is empty in OBX 2 of OBR 1");
    }

    @Test
    void numericResultThatIsNoNumberIsRefused() throws Exception {
        String text = text().replace("^総蛋白^JC10||7.2|", "^総蛋白^JC10||7,2|");

        assertThatThrownBy(() -> map(text)).isInstanceOf(MappingException.class)
                .hasMessage("OBX-5 (observation value) of OBX 2 of OBR 1 is '7,2', not a number");
    }
}
