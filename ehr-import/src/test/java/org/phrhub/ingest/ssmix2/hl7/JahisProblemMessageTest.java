package org.phrhub.ingest.ssmix2.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.phrhub.ingest.ssmix2.SampleStorage;
import org.phrhub.ingest.ssmix2.hl7.jahis.v25.group.PPR_ZD1_PROBLEM;
import org.phrhub.ingest.ssmix2.hl7.jahis.v25.message.PPR_ZD1;

/** The JAHIS PPR^ZD1 of the real sample storage read into the custom structure, not a generic message. */
class JahisProblemMessageTest {

    private final Path ppr01 = SampleStorage.onlyFile(SampleStorage.PATIENT_FOLDER + "/-/PPR-01");

    @Test
    void problemMessageIsReadAsPprZd1WithItsZSegmentsInTheDiseaseGroup() throws HL7Exception {
        Message message = SampleStorage.message(ppr01);

        assertThat(message).isInstanceOf(PPR_ZD1.class);
        PPR_ZD1 problems = (PPR_ZD1) message;
        assertThat(problems.getPID().getPatientIdentifierList(0).getIDNumber().getValue()).isEqualTo("1234567890");
        assertThat(problems.getPROBLEMAll()).hasSize(1);
        PPR_ZD1_PROBLEM disease = problems.getPROBLEMAll().getFirst();
        assertThat(disease.getPRB().getProblemID().getIdentifier().getValue()).isEqualTo("20054174");
        assertThat(disease.getZPR().codes(5)[0].getIdentifier().getValue()).isEqualTo("TSQF");
        assertThat(disease.getZPR().codes(5)[0].getNameOfCodingSystem().getValue()).isEqualTo("MDCDX2");
        assertThat(disease.getORCAll()).hasSize(1);
        assertThat(disease.getORCAll().getFirst().getPlacerOrderNumber().getEntityIdentifier().getValue())
                .isEqualTo("123456789012345");
    }
}
