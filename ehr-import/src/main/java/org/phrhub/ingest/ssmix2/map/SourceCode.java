package org.phrhub.ingest.ssmix2.map;

import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * A coded value as an HL7 v2 CE/CWE carries it: code, text and the name of its code table (e.g. {@code HOT9},
 * {@code JC10}, or a hospital's own {@code 99...} table).
 */
public record SourceCode(Optional<String> code, Optional<String> text, Optional<String> table) {

    /** Empty when the field carries neither a code nor a text. */
    static Optional<SourceCode> of(Optional<String> code, Optional<String> text, Optional<String> table) {
        return code.isEmpty() && text.isEmpty() ? Optional.empty() : Optional.of(new SourceCode(code, text, table));
    }

    /** The coding in the system its table names; a code without a table stays text only, never guessed. */
    public Optional<Coding> coding(SourceCodeSystems systems) {
        if (code.isEmpty() || table.isEmpty()) {
            return Optional.empty();
        }
        Coding coding = new Coding().setSystem(systems.system(table.get())).setCode(code.get());
        text.ifPresent(coding::setDisplay);
        return Optional.of(coding);
    }

    public CodeableConcept concept(SourceCodeSystems systems) {
        CodeableConcept concept = new CodeableConcept();
        coding(systems).ifPresent(concept::addCoding);
        concept.setText(text.or(() -> code).orElseThrow());
        return concept;
    }

    /** What a reader is shown: the text, or the code when there is none. */
    public String label() {
        return text.or(() -> code).orElseThrow();
    }
}
