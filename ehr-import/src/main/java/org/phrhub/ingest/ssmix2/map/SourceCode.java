package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.model.Segment;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.phrhub.ingest.codes.CodeTables;
import org.phrhub.ingest.ssmix2.hl7.MessageFields;

/**
 * One HL7 coded element (CE / CWE / CNE) as the message carries it: code, text and the name of its code table
 * (e.g. {@code HOT9}, {@code JC10}, or a hospital's own {@code 99...} table), each possibly absent. Its FHIR
 * system is the one {@link CodeTables} gives the table.
 */
public record SourceCode(Optional<String> code, Optional<String> text, Optional<String> table) {

    /** Empty when the element carries neither a code nor a text. */
    static Optional<SourceCode> of(Optional<String> code, Optional<String> text, Optional<String> table) {
        return code.isEmpty() && text.isEmpty() ? Optional.empty() : Optional.of(new SourceCode(code, text, table));
    }

    /** The element in components 1 to 3 of one repetition of {@code field} (the first is 0). */
    public static Optional<SourceCode> of(Segment segment, int field, int repetition) {
        return of(MessageFields.get(segment, field, repetition, 1, 1),
                MessageFields.get(segment, field, repetition, 2, 1),
                MessageFields.get(segment, field, repetition, 3, 1));
    }

    /** The element in components 1 to 3 of the field's first repetition. */
    public static Optional<SourceCode> of(Segment segment, int field) {
        return of(segment, field, 0);
    }

    /**
     * As a coding of a drug, disease, allergen, test, unit, usage or route, in the system of its table at the
     * institution with this code; a code without a table stays text only, never guessed.
     */
    public Optional<Coding> coding(String institutionCode) {
        return coding(institutionCode, CodeTables::system);
    }

    /** As a coding of a disease modifier (e.g. 急性, の疑い); a code without a table stays text only. */
    public Optional<Coding> modifierCoding(String institutionCode) {
        return coding(institutionCode, CodeTables::modifierSystem);
    }

    /** The coding, if any, and as text what a reader is shown. */
    public CodeableConcept concept(String institutionCode) {
        return concept(coding(institutionCode));
    }

    /** {@link #concept} of a disease modifier. */
    public CodeableConcept modifierConcept(String institutionCode) {
        return concept(modifierCoding(institutionCode));
    }

    /** What a reader is shown: the text, or the code when there is none. */
    public String label() {
        return text.or(() -> code).orElseThrow();
    }

    /** {@link CodeTables#system} or {@link CodeTables#modifierSystem}. */
    private interface SystemRule {
        String system(String institutionCode, String table, String code);
    }

    private Optional<Coding> coding(String institutionCode, SystemRule rule) {
        if (code.isEmpty() || table.isEmpty()) {
            return Optional.empty();
        }
        Coding coding = new Coding().setSystem(rule.system(institutionCode, table.get(), code.get())).setCode(code.get());
        text.ifPresent(coding::setDisplay);
        return Optional.of(coding);
    }

    private CodeableConcept concept(Optional<Coding> coding) {
        CodeableConcept concept = new CodeableConcept();
        coding.ifPresent(concept::addCoding);
        concept.setText(label());
        return concept;
    }
}
