package org.phrhub.ingest.ssmix2.hl7.jahis.v25.segment;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.AbstractSegment;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.v25.datatype.CWE;
import ca.uhn.hl7v2.parser.ModelClassFactory;

/**
 * JAHIS disease name segment ZPR, following a PRB: the disease in the MEDIS standard disease master and its
 * modifiers, as coded elements (e.g. {@code ZPR-2} the disease by key number, {@code ZPR-5} by exchange
 * code, both with the table {@code MDCDX2}). Every field is read as a repeating CWE; which field holds what
 * is the mapper's business.
 */
@SuppressWarnings("serial")
public class ZPR extends AbstractSegment {

    /** The fields JAHIS defines; more in a file are kept by HAPI as extra fields. */
    private static final int FIELDS = 6;

    public ZPR(Group parent, ModelClassFactory factory) {
        super(parent, factory);
        try {
            for (int field = 1; field <= FIELDS; field++) {
                add(CWE.class, false, 0, 250, new Object[] {getMessage()}, "ZPR-" + field);
            }
        } catch (HL7Exception e) {
            throw new IllegalStateException("cannot build the ZPR segment", e);
        }
    }

    /** The repetitions of a field, e.g. {@code codes(2)} for the disease. */
    public CWE[] codes(int field) throws HL7Exception {
        Type[] types = getField(field);
        CWE[] codes = new CWE[types.length];
        for (int i = 0; i < types.length; i++) {
            codes[i] = (CWE) types[i];
        }
        return codes;
    }

    @Override
    protected Type createNewTypeWithoutReflection(int field) {
        return new CWE(getMessage());
    }
}
