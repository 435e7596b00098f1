package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCriticality;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceSeverity;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.codesystems.AllergyintoleranceClinical;
import org.hl7.fhir.r4.model.codesystems.AllergyintoleranceVerification;
import org.phrhub.ingest.ssmix2.hl7.Hl7Times;
import org.phrhub.ingest.ssmix2.hl7.MessageFields;
import org.phrhub.vocabulary.JpCore;

/**
 * ADT-61 (allergies, {@code ADT^A60}) as one AllergyIntolerance per IAM segment: the allergen (IAM-3), its
 * kind (IAM-2, HL7 table 0127), severity (IAM-4, table 0128), reaction (IAM-5) and onset (IAM-11, or the
 * text of IAM-12). The hospital lists what it knows as confirmed, current allergies.
 */
public final class AllergyMapper implements DataTypeMapper {

    /** IAM-6 action code (HL7 table 0323) of an allergy the hospital has removed. */
    private static final String DELETE = "D";

    @Override
    public Set<String> dataTypes() {
        return Set.of("ADT-61");
    }

    @Override
    public List<Resource> map(Message message, MappingContext context) throws MappingException {
        MessageFields fields = new MessageFields(message);
        Optional<DateTimeType> recorded = dateTime(fields.get("EVN-2"), "EVN-2 (recorded date/time)");
        List<Resource> allergies = new ArrayList<>();
        for (Segment iam : fields.all("IAM")) {
            // A deleted allergy (IAM-6 D) is one the hospital withdrew: no longer, or never, true of the
            // patient. The file replaces the earlier ones of its record key, so leaving it out removes it.
            if (DELETE.equals(MessageFields.get(iam, 6, 1).orElse(""))) {
                continue;
            }
            allergies.add(allergy(iam, recorded, context));
        }
        return allergies;
    }

    private static AllergyIntolerance allergy(Segment iam, Optional<DateTimeType> recorded, MappingContext context)
            throws MappingException {
        String setId = MessageFields.get(iam, 1, 1)
                .orElseThrow(() -> new MappingException("IAM-1 (set ID) is empty: the allergy cannot be told apart "
                        + "from the others of the patient"));
        String which = "IAM " + setId;
        SourceCode allergen = SourceCode.of(iam, 3)
                .orElseThrow(() -> new MappingException(which + ": IAM-3 (allergen) is empty: what the patient is "
                        + "allergic to is not said"));

        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.getMeta().addProfile(JpCore.ALLERGY_INTOLERANCE_PROFILE);
        allergy.addIdentifier(context.sourceRecord("IAM", setId));
        allergy.setPatient(context.subject());
        allergy.setClinicalStatus(new CodeableConcept(new Coding(AllergyintoleranceClinical.ACTIVE.getSystem(),
                AllergyintoleranceClinical.ACTIVE.toCode(), AllergyintoleranceClinical.ACTIVE.getDisplay())));
        allergy.setVerificationStatus(new CodeableConcept(new Coding(AllergyintoleranceVerification.CONFIRMED.getSystem(),
                AllergyintoleranceVerification.CONFIRMED.toCode(), AllergyintoleranceVerification.CONFIRMED.getDisplay())));

        allergy.setCode(allergen.concept(context.institutionCode()));

        Optional<String> type = MessageFields.get(iam, 2, 1);
        type.flatMap(AllergyMapper::category).ifPresent(allergy::addCategory);
        // Table 0127 lists allergies, save MC (a miscellaneous contraindication).
        if (type.isPresent() && !type.get().equals("MC")) {
            allergy.setType(AllergyIntoleranceType.ALLERGY);
        }

        Optional<AllergyIntoleranceSeverity> severity = MessageFields.get(iam, 4, 1).flatMap(AllergyMapper::severity);
        severity.map(AllergyMapper::criticality).ifPresent(allergy::setCriticality);
        Optional<String> reaction = MessageFields.get(iam, 5, 1);
        if (reaction.isPresent()) {
            AllergyIntolerance.AllergyIntoleranceReactionComponent component = allergy.addReaction()
                    .setDescription(reaction.get());
            // The reaction is text only; FHIR requires a manifestation, which the text is.
            component.addManifestation().setText(reaction.get());
            severity.ifPresent(component::setSeverity);
        }

        Optional<DateTimeType> onset = dateTime(MessageFields.get(iam, 11, 1), which + ": IAM-11 (onset date)");
        if (onset.isPresent()) {
            allergy.setOnset(onset.get());
        } else {
            MessageFields.get(iam, 12, 1).ifPresent(text -> allergy.setOnset(new StringType(text)));
        }
        recorded.ifPresent(allergy::setRecordedDateElement);
        return allergy;
    }

    /** HL7 table 0127; animal, plant and miscellaneous allergies have no FHIR category of their own. */
    private static Optional<AllergyIntoleranceCategory> category(String type) {
        return switch (type) {
            case "FA" -> Optional.of(AllergyIntoleranceCategory.FOOD);
            case "DA" -> Optional.of(AllergyIntoleranceCategory.MEDICATION);
            case "EA", "LA" -> Optional.of(AllergyIntoleranceCategory.ENVIRONMENT);
            default -> Optional.empty();
        };
    }

    /** HL7 table 0128; U (unknown) says nothing. */
    private static Optional<AllergyIntoleranceSeverity> severity(String code) {
        return switch (code) {
            case "MI" -> Optional.of(AllergyIntoleranceSeverity.MILD);
            case "MO" -> Optional.of(AllergyIntoleranceSeverity.MODERATE);
            case "SV" -> Optional.of(AllergyIntoleranceSeverity.SEVERE);
            default -> Optional.empty();
        };
    }

    /**
     * FHIR criticality is the risk of a life-threatening reaction, low or high: a severe reaction makes it
     * high, a mild or moderate one low.
     */
    private static AllergyIntoleranceCriticality criticality(AllergyIntoleranceSeverity severity) {
        return severity == AllergyIntoleranceSeverity.SEVERE ? AllergyIntoleranceCriticality.HIGH
                : AllergyIntoleranceCriticality.LOW;
    }

    private static Optional<DateTimeType> dateTime(Optional<String> value, String field) throws MappingException {
        try {
            return Hl7Times.dateTime(value);
        } catch (DateTimeParseException e) {
            throw new MappingException(field + " '" + e.getParsedString() + "' is not a date (yyyy[MM[dd]])", e);
        }
    }
}
