package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.codesystems.ConditionCategory;
import org.hl7.fhir.r4.model.codesystems.ConditionClinical;
import org.hl7.fhir.r4.model.codesystems.ConditionVerStatus;
import org.phrhub.ingest.ssmix2.hl7.Hl7Times;
import org.phrhub.ingest.ssmix2.hl7.MessageFields;
import org.phrhub.ingest.ssmix2.hl7.jahis.v25.group.PPR_ZD1_PROBLEM;
import org.phrhub.ingest.ssmix2.hl7.jahis.v25.message.PPR_ZD1;
import org.phrhub.ingest.ssmix2.hl7.jahis.v25.segment.ZPR;
import org.phrhub.vocabulary.JpCore;

/**
 * PPR-01 (diseases, JAHIS {@code PPR^ZD1}) as one Condition per PRB: the disease in the MEDIS standard
 * disease master and ICD-10 (PRB-3, PRB-10, ZPR), its modifiers, outcome (PRB-14), onset and resolution.
 */
public final class ProblemMapper implements DataTypeMapper {

    /** PRB-1 action code of a disease the hospital has removed. */
    private static final String DELETE = "DE";
    /** The HL7 table 0241 outcome "recovered", the one that ends a disease. */
    private static final String RECOVERED = "R";
    /** ZPR-1 and ZPR-4 hold the prefix modifiers, ZPR-3 and ZPR-6 the postfix ones (key number, exchange code). */
    private static final int[] PREFIX_FIELDS = {1, 4};
    private static final int[] DISEASE_FIELDS = {2, 5};
    private static final int[] POSTFIX_FIELDS = {3, 6};
    /** The postfix modifier that makes a disease a suspicion. */
    private static final String SUSPECTED = "の疑い";

    @Override
    public Set<String> dataTypes() {
        return Set.of("PPR-01");
    }

    @Override
    public List<Resource> map(Message message, MappingContext context) throws MappingException {
        if (!(message instanceof PPR_ZD1 problems)) {
            throw new MappingException("a PPR-01 file must hold a JAHIS PPR^ZD1 message (MSH-9 PPR^ZD1^PPR_ZD1), "
                    + "this one is " + new MessageFields(message).get("MSH-9").orElse("without MSH-9"));
        }
        List<Resource> conditions = new ArrayList<>();
        try {
            for (PPR_ZD1_PROBLEM disease : problems.getPROBLEMAll()) {
                Segment prb = disease.getPRB();
                // A deleted disease (PRB-1 DE) is one the hospital withdrew, e.g. entered by mistake. The
                // file replaces the earlier ones of its record key, so leaving it out removes it.
                if (DELETE.equals(MessageFields.get(prb, 1, 1).orElse(""))) {
                    continue;
                }
                conditions.add(condition(prb, disease.getZPR(), context));
            }
        } catch (HL7Exception e) {
            throw new MappingException("the PPR^ZD1 message cannot be read disease by disease: " + e.getMessage(), e);
        }
        return conditions;
    }

    private static Condition condition(Segment prb, ZPR zpr, MappingContext context) throws MappingException, HL7Exception {
        Optional<SourceCode> disease = SourceCode.of(prb, 3);
        String key = MessageFields.get(prb, 4, 1).or(() -> disease.flatMap(SourceCode::code))
                .orElseThrow(() -> new MappingException("PRB-4 (problem instance ID) and PRB-3 (disease code) are "
                        + "both empty: the disease cannot be told apart from the others of the patient"));
        String which = "PRB " + key;
        if (disease.isEmpty()) {
            throw new MappingException(which + ": PRB-3 (disease) is empty: which disease it is is not said");
        }

        Condition condition = new Condition();
        condition.getMeta().addProfile(JpCore.CONDITION_PROFILE);
        condition.addIdentifier(context.sourceRecord("PRB", key));
        condition.setSubject(context.subject());
        String institution = context.institutionCode();
        condition.setCode(code(disease.get(), prb, zpr, institution));
        condition.setVerificationStatus(verification(zpr));
        condition.addCategory(category(prb));

        Optional<SourceCode> outcome = SourceCode.of(prb, 14);
        boolean resolved = outcome.flatMap(SourceCode::code).filter(RECOVERED::equals).isPresent();
        ConditionClinical status = resolved ? ConditionClinical.RESOLVED : ConditionClinical.ACTIVE;
        condition.setClinicalStatus(new CodeableConcept(new Coding(status.getSystem(), status.toCode(), status.getDisplay())));
        outcome.ifPresent(element -> condition.addExtension(JpCore.DISEASE_OUTCOME_EXTENSION, element.concept(institution)));

        // JP Core allows the date the disease was established in place of an unknown onset.
        Optional<DateTimeType> onset = dateTime(prb, 16, which, "onset date");
        if (onset.isEmpty()) {
            onset = dateTime(prb, 7, which, "problem established date");
        }
        onset.ifPresent(condition::setOnset);
        // FHIR allows an end date only for a disease that is over: another outcome's date (JAHIS fills PRB-9
        // with the date of any outcome, "not recovered" too) would contradict the active status.
        if (resolved) {
            dateTime(prb, 9, which, "actual problem resolution date").ifPresent(condition::setAbatement);
        }
        Optional<DateTimeType> recorded = dateTime(prb, 2, which, "action date");
        if (recorded.isEmpty()) {
            recorded = dateTime(prb, 7, which, "problem established date");
        }
        recorded.ifPresent(condition::setRecordedDateElement);
        return condition;
    }

    /**
     * The disease by every code the message gives (PRB-3, the ZPR disease fields, the ICD-10 of PRB-10), its
     * modifiers as the JP Core extensions, and as text the full name, modifiers included.
     */
    private static CodeableConcept code(SourceCode disease, Segment prb, ZPR zpr, String institution) throws HL7Exception {
        CodeableConcept code = new CodeableConcept();
        disease.coding(institution).ifPresent(coding -> addOnce(code, coding));
        for (SourceCode element : elements(zpr, DISEASE_FIELDS)) {
            element.coding(institution).ifPresent(coding -> addOnce(code, coding));
        }
        // PRB-10 carries ICD-10 in its first triplet; the alternate one is the JAHIS diagnosis context.
        SourceCode.of(prb, 10).flatMap(icd -> icd.coding(institution)).ifPresent(coding -> addOnce(code, coding));

        List<SourceCode> prefixes = elements(zpr, PREFIX_FIELDS);
        List<SourceCode> postfixes = elements(zpr, POSTFIX_FIELDS);
        prefixes.forEach(modifier -> code.addExtension(JpCore.DISEASE_PREFIX_MODIFIER_EXTENSION,
                modifier.modifierConcept(institution)));
        postfixes.forEach(modifier -> code.addExtension(JpCore.DISEASE_POSTFIX_MODIFIER_EXTENSION,
                modifier.modifierConcept(institution)));
        StringBuilder text = new StringBuilder();
        distinctTexts(prefixes).forEach(text::append);
        text.append(disease.text().orElse(""));
        distinctTexts(postfixes).forEach(text::append);
        if (!text.isEmpty()) {
            code.setText(text.toString());
        }
        return code;
    }

    /** Suspected diseases carry the modifier の疑い; the others are the hospital's confirmed diagnoses. */
    private static CodeableConcept verification(ZPR zpr) throws HL7Exception {
        boolean suspected = distinctTexts(elements(zpr, POSTFIX_FIELDS)).contains(SUSPECTED);
        ConditionVerStatus status = suspected ? ConditionVerStatus.UNCONFIRMED : ConditionVerStatus.CONFIRMED;
        return new CodeableConcept(new Coding(status.getSystem(), status.toCode(), status.getDisplay()));
    }

    /**
     * JAHIS names in PRB-10's alternate triplet (table JHSD0004) the encounter the diagnosis was made at
     * (e.g. O 外来時, at an outpatient visit): such a disease is that encounter's diagnosis. Without it, it
     * is an entry of the patient's problem list.
     */
    private static CodeableConcept category(Segment prb) {
        boolean atEncounter = MessageFields.get(prb, 10, 4).isPresent();
        ConditionCategory category = atEncounter ? ConditionCategory.ENCOUNTERDIAGNOSIS : ConditionCategory.PROBLEMLISTITEM;
        return new CodeableConcept(new Coding(category.getSystem(), category.toCode(), category.getDisplay()));
    }

    private static List<SourceCode> elements(ZPR zpr, int[] fields) throws HL7Exception {
        List<SourceCode> elements = new ArrayList<>();
        if (zpr == null || zpr.isEmpty()) {
            return elements;
        }
        for (int field : fields) {
            for (int rep = 0; rep < zpr.codes(field).length; rep++) {
                SourceCode.of(zpr, field, rep).ifPresent(elements::add);
            }
        }
        return elements;
    }

    /** The modifiers' texts in order, each once: a modifier may be given both by key number and exchange code. */
    private static List<String> distinctTexts(List<SourceCode> elements) {
        return elements.stream().flatMap(element -> element.text().stream()).distinct().toList();
    }

    private static void addOnce(CodeableConcept code, Coding coding) {
        boolean known = code.getCoding().stream().anyMatch(existing -> existing.getCode().equals(coding.getCode())
                && Objects.equals(existing.getSystem(), coding.getSystem()));
        if (!known) {
            code.addCoding(coding);
        }
    }

    private static Optional<DateTimeType> dateTime(Segment prb, int field, String which, String name) throws MappingException {
        try {
            return Hl7Times.dateTime(MessageFields.get(prb, field, 1));
        } catch (DateTimeParseException e) {
            throw new MappingException(which + ": PRB-" + field + " (" + name + ") '" + e.getParsedString()
                    + "' is not a date (yyyy[MM[dd[HH[mm[ss]]]]])", e);
        }
    }
}
