package org.phrhub.ingest.ssmix2.hl7.jahis.v25.group;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractGroup;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.v25.segment.ORC;
import ca.uhn.hl7v2.model.v25.segment.PRB;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import java.util.List;
import org.phrhub.ingest.ssmix2.hl7.jahis.v25.segment.ZPR;

/**
 * One disease of a {@code PPR^ZD1}: its PRB, the ZPR naming it with its modifiers, and the order it was
 * entered under. The JAHIS dental-formula (ZPD) and insurance (ZI1) segments, which the hub does not read,
 * stay in the group as HAPI's non-standard segments.
 */
@SuppressWarnings("serial")
public class PPR_ZD1_PROBLEM extends AbstractGroup {

    public PPR_ZD1_PROBLEM(Group parent, ModelClassFactory factory) {
        super(parent, factory);
        try {
            add(PRB.class, true, false);
            add(ZPR.class, false, false);
            add(ORC.class, false, true);
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build the PPR_ZD1 PROBLEM group", e);
        }
    }

    public PRB getPRB() {
        return getTyped("PRB", PRB.class);
    }

    public ZPR getZPR() {
        return getTyped("ZPR", ZPR.class);
    }

    public List<ORC> getORCAll() throws HL7Exception {
        return getAllAsList("ORC", ORC.class);
    }
}
