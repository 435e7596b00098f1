package org.phrhub.ingest.ssmix2.map;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.phrhub.vocabulary.Hl7Terminology;

/**
 * What one OBX says about its result: the value by OBX-2 type with the OBX-6 unit, the OBX-7 reference range,
 * the OBX-8 abnormal flags and the OBX-11 result status, as Observation elements.
 */
final class ObservationValues {

    /** {@code 6.70-8.3}: low and high, either may be missing ({@code -8.3}, {@code 6.70-}). */
    private static final Pattern RANGE = Pattern.compile("\\s*(-?\\d+(?:\\.\\d+)?)?\\s*-\\s*(-?\\d+(?:\\.\\d+)?)?\\s*");

    private ObservationValues() {}

    /** OBX-5 read as OBX-2 says: NM a Quantity, CE/CWE a CodeableConcept, anything else its text. */
    static Optional<Type> value(SourceSegment obx, String institution) throws MappingException {
        String type = obx.text(2, 1).orElse("ST");
        switch (type) {
            case "NM" -> {
                return obx.decimal(5, 1, "observation value").map(value -> unit(new Quantity().setValue(value), obx, institution));
            }
            case "CE", "CWE" -> {
                return obx.code(5).map(code -> (Type) code.concept(institution));
            }
            default -> {
                return obx.text(5, 1).map(StringType::new);
            }
        }
    }

    /** OBX-6 as given; only a UCUM unit keeps code and system, a hospital's unit table is not UCUM. */
    static Quantity unit(Quantity quantity, SourceSegment obx, String institution) {
        return PrescriptionMapper.unit(quantity, obx.code(6), institution);
    }

    static Optional<Observation.ObservationReferenceRangeComponent> referenceRange(SourceSegment obx, String institution) {
        Optional<String> text = obx.text(7, 1);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Observation.ObservationReferenceRangeComponent range = new Observation.ObservationReferenceRangeComponent();
        range.setText(text.get());
        Matcher m = RANGE.matcher(text.get());
        if (m.matches()) {
            if (m.group(1) != null) {
                range.setLow(unit(new Quantity().setValue(new BigDecimal(m.group(1))), obx, institution));
            }
            if (m.group(2) != null) {
                range.setHigh(unit(new Quantity().setValue(new BigDecimal(m.group(2))), obx, institution));
            }
        }
        return Optional.of(range);
    }

    /** OBX-8 flags are HL7 table 0078, whose codes FHIR kept as v3 ObservationInterpretation codes. */
    static Optional<CodeableConcept> interpretation(SourceSegment obx) throws MappingException {
        Optional<String> flag = obx.text(8, 1);
        if (flag.isEmpty()) {
            return Optional.empty();
        }
        return switch (flag.get()) {
            case "H", "L", "HH", "LL", "N", "A", "AA", "<", ">", "U", "D", "B", "W", "S", "R", "I" -> Optional.of(
                    new CodeableConcept().addCoding(new Coding(
                            Hl7Terminology.OBSERVATION_INTERPRETATION, flag.get(), null)));
            default -> throw obx.invalid(8, "abnormal flags", flag.get(), "an HL7 table 0078 flag such as H, L or N");
        };
    }

    static ObservationStatus status(SourceSegment obx) throws MappingException {
        Optional<String> status = obx.text(11, 1);
        if (status.isEmpty()) {
            return ObservationStatus.UNKNOWN;
        }
        return switch (status.get()) {
            case "F" -> ObservationStatus.FINAL;
            case "C" -> ObservationStatus.CORRECTED;
            case "P", "R", "S" -> ObservationStatus.PRELIMINARY;
            case "I", "O" -> ObservationStatus.REGISTERED;
            case "D", "W" -> ObservationStatus.ENTEREDINERROR;
            case "X" -> ObservationStatus.CANCELLED;
            default -> throw obx.invalid(11, "result status", status.get(), "F, C, P, R, I, D, W or X");
        };
    }
}
