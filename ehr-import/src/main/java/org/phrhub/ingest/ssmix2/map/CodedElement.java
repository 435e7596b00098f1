package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.model.Segment;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.hl7.fhir.r4.model.Coding;
import org.phrhub.ingest.codes.CodeTables;
import org.phrhub.ingest.ssmix2.hl7.MessageFields;

/**
 * One HL7 coded element (CE / CWE / CNE): identifier, text and the name of its code table, each possibly
 * absent.
 */
public record CodedElement(Optional<String> code, Optional<String> text, Optional<String> table) {

    /** The element in {@code field} (its first repetition unless given), or empty when it has neither code nor text. */
    public static Optional<CodedElement> of(Segment segment, int field, int repetition) {
        CodedElement element = new CodedElement(
                MessageFields.get(segment, field, repetition, 1, 1),
                MessageFields.get(segment, field, repetition, 2, 1),
                MessageFields.get(segment, field, repetition, 3, 1));
        return element.code.isEmpty() && element.text.isEmpty() ? Optional.empty() : Optional.of(element);
    }

    public static Optional<CodedElement> of(Segment segment, int field) {
        return of(segment, field, 0);
    }

    /** As a coding of a disease, allergen or drug; empty without a code. */
    public Optional<Coding> coding() {
        return coding(CodeTables::system);
    }

    /** As a coding of a disease modifier; empty without a code. */
    public Optional<Coding> modifierCoding() {
        return coding(CodeTables::modifierSystem);
    }

    private Optional<Coding> coding(BinaryOperator<String> systemOfTableAndCode) {
        return code.map(value -> {
            Coding coding = new Coding().setCode(value);
            table.ifPresent(name -> coding.setSystem(systemOfTableAndCode.apply(name, value)));
            text.ifPresent(coding::setDisplay);
            return coding;
        });
    }
}
