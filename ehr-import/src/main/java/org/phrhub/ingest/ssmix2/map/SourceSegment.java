package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.model.Segment;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.hl7.fhir.r4.model.DateTimeType;
import org.phrhub.ingest.ssmix2.hl7.Hl7Times;
import org.phrhub.ingest.ssmix2.hl7.MessageFields;

/**
 * One segment's values as a mapper needs them: texts, codes, numbers and times, with every refusal naming the
 * segment and field (e.g. {@code OBX-5 of OBX 2 in OBR 1}) so that whoever fixes the file knows where to look.
 */
final class SourceSegment {

    private final Segment segment;
    private final String where;

    /** {@code where} names this segment among its kind, e.g. {@code "OBX 2 in OBR 1"}. */
    SourceSegment(Segment segment, String where) {
        this.segment = segment;
        this.where = where;
    }

    String where() {
        return where;
    }

    Optional<String> text(int field, int component) {
        return MessageFields.get(segment, field, component);
    }

    Optional<String> text(int field, int repetition, int component, int subComponent) {
        return MessageFields.get(segment, field, repetition, component, subComponent);
    }

    String required(int field, int component, String meaning) throws MappingException {
        return text(field, component).orElseThrow(() -> missing(field, meaning));
    }

    /** The CE/CWE in components 1 to 3 of the field. */
    Optional<SourceCode> code(int field) {
        return SourceCode.of(segment, field);
    }

    /** The CE/CWE of HL7 v2 alternate identifier components 4 to 6. */
    Optional<SourceCode> alternateCode(int field) {
        return SourceCode.of(text(field, 4), text(field, 5), text(field, 6));
    }

    /** A CE/CWE written in the sub-components of one component (as TQ1-3 carries the JAMI usage code). */
    Optional<SourceCode> codeInSubComponents(int field, int component) {
        return SourceCode.of(text(field, 0, component, 1), text(field, 0, component, 2), text(field, 0, component, 3));
    }

    SourceCode requiredCode(int field, String meaning) throws MappingException {
        return code(field).orElseThrow(() -> missing(field, meaning));
    }

    Optional<BigDecimal> decimal(int field, int component, String meaning) throws MappingException {
        Optional<String> value = text(field, component);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(value.get()));
        } catch (NumberFormatException e) {
            throw new MappingException(name(field) + " (" + meaning + ") of " + where + " is '" + value.get()
                    + "', not a number", e);
        }
    }

    Optional<DateTimeType> dateTime(int field, String meaning) throws MappingException {
        try {
            return Hl7Times.dateTime(text(field, 1));
        } catch (DateTimeParseException e) {
            throw new MappingException(name(field) + " (" + meaning + ") of " + where + " is '" + e.getParsedString()
                    + "', not an HL7 date/time", e);
        }
    }

    MappingException invalid(int field, String meaning, String value, String expected) {
        return new MappingException(name(field) + " (" + meaning + ") of " + where + " is '" + value + "'; expected "
                + expected);
    }

    private MappingException missing(int field, String meaning) {
        return new MappingException(name(field) + " (" + meaning + ") is empty in " + where);
    }

    private String name(int field) {
        return segment.getName() + "-" + field;
    }
}
