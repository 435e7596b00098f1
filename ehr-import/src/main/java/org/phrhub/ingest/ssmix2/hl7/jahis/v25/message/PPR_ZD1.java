package org.phrhub.ingest.ssmix2.hl7.jahis.v25.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractMessage;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.model.v25.segment.PV1;
import ca.uhn.hl7v2.parser.DefaultModelClassFactory;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import java.util.List;
import org.phrhub.ingest.ssmix2.hl7.jahis.v25.group.PPR_ZD1_PROBLEM;

/**
 * JAHIS problem (disease) information, {@code PPR^ZD1}: MSH, PID, [PV1], then one group per disease
 * {@code { PRB [ZPR] [{ZPD}] [{ZI1}] [{ORC}] }}. HL7 v2.5 has no such structure, so HAPI would read it as a
 * generic message with every segment at the top and no way to tell which ZPR belongs to which PRB.
 */
@SuppressWarnings("serial")
public class PPR_ZD1 extends AbstractMessage {

    public PPR_ZD1() {
        this(new DefaultModelClassFactory());
    }

    public PPR_ZD1(ModelClassFactory factory) {
        super(factory);
        try {
            add(MSH.class, true, false);
            add(PID.class, true, false);
            add(PV1.class, false, false);
            add(PPR_ZD1_PROBLEM.class, true, true);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build the PPR_ZD1 structure", e);
        }
    }

    @Override
    public String getVersion() {
        return "2.5";
    }

    public MSH getMSH() {
        return getTyped("MSH", MSH.class);
    }

    public PID getPID() {
        return getTyped("PID", PID.class);
    }

    public PV1 getPV1() {
        return getTyped("PV1", PV1.class);
    }

    public List<PPR_ZD1_PROBLEM> getPROBLEMAll() throws HL7Exception {
        return getAllAsList("PROBLEM", PPR_ZD1_PROBLEM.class);
    }
}
