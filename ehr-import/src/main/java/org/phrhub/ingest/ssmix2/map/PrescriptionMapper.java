package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v25.group.RDE_O11_ORDER;
import ca.uhn.hl7v2.model.v25.message.RDE_O11;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.phrhub.ingest.ssmix2.hl7.MessageFields;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.Ucum;

/**
 * OMP-01 (outpatient prescription) and OMP-02 (inpatient injection), RDE^O11: one MedicationRequest per
 * ORC/RXE group, i.e. per drug line. The drug is RXE-2 (HOT9 or YJ); an injection mixed from RXC components
 * (RXE-2 then names only the kind of order, e.g. {@code 00^一般}) references a contained Medication whose
 * ingredients are the RXC drugs, base solution first as the message lists them. Dose is RXE-3/RXE-5 per
 * administration, the daily dose RXE-19, the drip rate RXE-23/RXE-24; TQ1 gives the JAMI usage code, the days
 * of supply and the administration period; RXR-1 the route.
 */
public final class PrescriptionMapper implements DataTypeMapper {

    private static final String MIXED_MEDICATION_ID = "mixed-injection";
    /** The unit tables whose codes a Quantity keeps with their system: MERIT-9 drug units and UCUM. */
    private static final Set<String> UNIT_TABLES = Set.of("MR9P", "UCUM");

    @Override
    public Set<String> dataTypes() {
        return Set.of("OMP-01", "OMP-02");
    }

    @Override
    public List<Resource> map(Message message, MappingContext context) throws MappingException {
        if (!(message instanceof RDE_O11 rde)) {
            throw new MappingException(context.file().dataType() + " must be an RDE^O11 message, this one is "
                    + message.getName());
        }
        String institution = context.institutionCode();
        Optional<String> visitClass = new MessageFields(message).all("PV1").stream()
                .map(pv1 -> MessageFields.get(pv1, 2, 1)).flatMap(Optional::stream).findFirst();
        Map<String, Integer> linesPerRp = new HashMap<>();
        List<Resource> requests = new ArrayList<>();
        List<RDE_O11_ORDER> orders;
        try {
            orders = rde.getORDERAll();
        } catch (HL7Exception e) {
            throw new MappingException("the RDE^O11 message has no readable ORDER groups: " + e.getMessage(), e);
        }
        for (int group = 0; group < orders.size(); group++) {
            RDE_O11_ORDER order = orders.get(group);
            if (isEmpty(order.getRXE())) {
                continue;
            }
            String where = "order group " + (group + 1);
            SourceSegment orc = new SourceSegment(order.getORC(), "ORC of " + where);
            SourceSegment rxe = new SourceSegment(order.getRXE(), "RXE of " + where);
            Optional<SourceSegment> tq1 = firstTq1(order).map(tq -> new SourceSegment(tq, "TQ1 of " + where));
            Optional<SourceSegment> rxr = rxrs(order).stream().findFirst().map(seg -> new SourceSegment(seg, "RXR of " + where));
            List<SourceSegment> rxcs = new ArrayList<>();
            for (Segment rxc : rxcs(order)) {
                rxcs.add(new SourceSegment(rxc, "RXC " + (rxcs.size() + 1) + " of " + where));
            }

            String orderNumber = orc.required(2, 1, "placer order number");
            String rpNumber = orc.text(4, 1).orElse(String.valueOf(group + 1));
            // Drug lines of one RP share ORC-2 and ORC-4; their place within the RP tells them apart.
            int lineInRp = linesPerRp.merge(orderNumber + "/" + rpNumber, 1, Integer::sum);

            MedicationRequest request = new MedicationRequest();
            request.addIdentifier(context.sourceRecord(orderNumber, rpNumber, String.valueOf(lineInRp)));
            request.addIdentifier().setSystem(JpCore.RP_NUMBER).setValue(rpNumber);
            request.addIdentifier().setSystem(JpCore.ORDER_IN_RP).setValue(String.valueOf(lineInRp));
            request.setStatus(status(orc));
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.setSubject(context.subject());
            orc.dateTime(9, "date/time of transaction").ifPresent(request::setAuthoredOnElement);
            requester(orc).ifPresent(request::setRequester);
            category(orc.text(29, 1).or(() -> visitClass)).ifPresent(request::addCategory);
            medication(request, rxe, rxcs, institution);
            request.addDosageInstruction(dosage(rxe, tq1, rxr, institution));
            dispense(request, rxe, tq1, institution);
            requests.add(request);
        }
        if (requests.isEmpty()) {
            throw new MappingException("the RDE^O11 message has no RXE segment: there is no drug to import");
        }
        return requests;
    }

    private static MedicationRequestStatus status(SourceSegment orc) throws MappingException {
        String control = orc.text(1, 1).orElse("NW");
        return switch (control) {
            case "NW", "XO", "SC", "OK", "RP", "RU" -> MedicationRequestStatus.ACTIVE;
            case "CA", "CR", "OC" -> MedicationRequestStatus.CANCELLED;
            case "DC", "DR", "OD" -> MedicationRequestStatus.STOPPED;
            case "HD", "OH" -> MedicationRequestStatus.ONHOLD;
            default -> throw orc.invalid(1, "order control", control, "NW, XO, CA, DC or HD");
        };
    }

    /** ORC-12, the ordering doctor: JAHIS writes the staff number and the kanji name (XCN 1 to 3). */
    private static Optional<Reference> requester(SourceSegment orc) {
        Optional<String> name = Optional.of(String.join(" ", orc.text(12, 2).orElse(""), orc.text(12, 3).orElse("")).strip())
                .filter(text -> !text.isEmpty());
        return name.or(() -> orc.text(12, 1)).map(display -> new Reference().setDisplay(display));
    }

    /** ORC-29 (HL7 table 0482, {@code I}/{@code O}), else the patient class of PV1-2. */
    private static Optional<CodeableConcept> category(Optional<String> orderType) {
        return orderType.flatMap(type -> switch (type) {
            case "I" -> Optional.of("inpatient");
            case "O" -> Optional.of("outpatient");
            default -> Optional.empty();
        }).map(code -> new CodeableConcept().addCoding(
                new Coding(Hl7Terminology.MEDICATION_REQUEST_CATEGORY, code, null)));
    }

    private static void medication(MedicationRequest request, SourceSegment rxe, List<SourceSegment> rxcs,
            String institution) throws MappingException {
        if (rxcs.isEmpty()) {
            request.setMedication(rxe.requiredCode(2, "give code, the drug").concept(institution));
            return;
        }
        Medication mixed = new Medication();
        mixed.setId(MIXED_MEDICATION_ID);
        CodeableConcept code = rxe.code(2).map(kind -> kind.concept(institution)).orElseGet(CodeableConcept::new);
        List<String> names = new ArrayList<>();
        for (SourceSegment rxc : rxcs) {
            SourceCode drug = rxc.requiredCode(2, "component code, the drug");
            Medication.MedicationIngredientComponent ingredient = mixed.addIngredient().setItem(drug.concept(institution));
            Optional<Quantity> amount = quantity(rxc, 3, 4, "component amount", institution);
            // Strength is per administration: RXC-3 of the drug in one bag or syringe of the mix.
            amount.ifPresent(value -> ingredient.setStrength(new Ratio().setNumerator(value)
                    .setDenominator(new Quantity(1).setUnit("回"))));
            names.add(drug.label() + amount.map(value -> " " + value.getValue().toPlainString() + value.getUnit()).orElse(""));
        }
        code.setText(String.join(" + ", names));
        mixed.setCode(code);
        request.addContained(mixed);
        request.setMedication(new Reference("#" + MIXED_MEDICATION_ID));
    }

    private static Dosage dosage(SourceSegment rxe, Optional<SourceSegment> tq1, Optional<SourceSegment> rxr,
            String institution) throws MappingException {
        Dosage dosage = new Dosage();
        Optional<SourceCode> usage = tq1.flatMap(tq -> tq.codeInSubComponents(3, 1));
        Optional<SourceCode> instructions = rxe.code(7);
        List<String> text = new ArrayList<>();
        usage.ifPresent(code -> text.add(code.label()));
        instructions.ifPresent(code -> text.add(code.label()));
        if (!text.isEmpty()) {
            dosage.setText(String.join(" ", text));
        }
        Timing timing = new Timing();
        usage.ifPresent(code -> timing.setCode(code.concept(institution)));
        if (tq1.isPresent()) {
            SourceSegment tq = tq1.get();
            Optional<Duration> days = duration(tq);
            Period period = new Period();
            tq.dateTime(7, "start date/time").ifPresent(period::setStartElement);
            tq.dateTime(8, "end date/time").ifPresent(period::setEndElement);
            // Timing.repeat.bounds is one of both: the days of supply when given, the start then in JP Core's extension.
            if (days.isPresent()) {
                timing.getRepeat().setBounds(days.get());
                if (period.hasStart()) {
                    dosage.addExtension(JpCore.DOSAGE_PERIOD_OF_USE_EXTENSION, period);
                }
            } else if (!period.isEmpty()) {
                timing.getRepeat().setBounds(period);
            }
        }
        if (!timing.isEmpty()) {
            dosage.setTiming(timing);
        }
        rxr.flatMap(route -> route.code(1)).ifPresent(route -> dosage.setRoute(route.concept(institution)));
        Dosage.DosageDoseAndRateComponent doseAndRate = new Dosage.DosageDoseAndRateComponent();
        quantity(rxe, 3, 5, "give amount", institution).ifPresent(doseAndRate::setDose);
        Optional<Quantity> rate = rxe.decimal(23, 1, "give rate amount")
                .map(value -> unit(new Quantity().setValue(value), rxe.code(24), institution));
        if (rate.isPresent()) {
            doseAndRate.setRate(rate.get());
        } else {
            // RXE-19, the total daily dose, as JP Core writes it: dose per one day.
            Optional<Quantity> daily = rxe.decimal(19, 1, "total daily dose")
                    .map(value -> unit(new Quantity().setValue(value), rxe.codeInSubComponents(19, 2), institution));
            daily.ifPresent(quantity -> doseAndRate.setRate(new Ratio().setNumerator(quantity)
                    .setDenominator(new Quantity(1).setUnit("日").setSystem(Ucum.SYSTEM).setCode("d"))));
        }
        if (!doseAndRate.isEmpty()) {
            dosage.addDoseAndRate(doseAndRate);
        }
        return dosage;
    }

    private static void dispense(MedicationRequest request, SourceSegment rxe, Optional<SourceSegment> tq1,
            String institution) throws MappingException {
        quantity(rxe, 10, 11, "dispense amount", institution).ifPresent(quantity -> request.getDispenseRequest().setQuantity(quantity));
        if (tq1.isPresent()) {
            duration(tq1.get()).ifPresent(days -> request.getDispenseRequest().setExpectedSupplyDuration(days));
        }
    }

    /** TQ1-6, the service duration ({@code 5^d}: five days), in UCUM time units. */
    private static Optional<Duration> duration(SourceSegment tq1) throws MappingException {
        Optional<BigDecimal> value = tq1.decimal(6, 1, "service duration");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String unit = tq1.text(6, 2).orElse("d");
        String display = switch (unit) {
            case "d" -> "日";
            case "wk" -> "週";
            case "mo" -> "月";
            case "h" -> "時間";
            case "min" -> "分";
            default -> throw tq1.invalid(6, "service duration unit", unit, "d, wk, mo, h or min");
        };
        Duration duration = new Duration();
        duration.setValue(value.get()).setUnit(display).setSystem(Ucum.SYSTEM).setCode(unit);
        return Optional.of(duration);
    }

    /** An amount and its unit field, e.g. RXE-3 with RXE-5 ({@code TAB^錠^MR9P}: MERIT-9). */
    private static Optional<Quantity> quantity(SourceSegment segment, int amountField, int unitField, String meaning,
            String institution) throws MappingException {
        return segment.decimal(amountField, 1, meaning)
                .map(value -> unit(new Quantity().setValue(value), segment.code(unitField), institution));
    }

    /**
     * The unit as written: MERIT-9 and UCUM units keep code and system; any other unit table (e.g. {@code ISO+})
     * has no FHIR system, so only its code is kept, as the unit text.
     */
    static Quantity unit(Quantity quantity, Optional<SourceCode> unit, String institution) {
        if (unit.isEmpty()) {
            return quantity;
        }
        SourceCode code = unit.get();
        Optional<Coding> coded = code.coding(institution).filter(coding -> UNIT_TABLES.contains(code.table().get()));
        if (coded.isPresent()) {
            quantity.setCode(coded.get().getCode()).setSystem(coded.get().getSystem());
            quantity.setUnit(code.label());
        } else {
            quantity.setUnit(code.code().orElse(code.label()));
        }
        return quantity;
    }

    private static Optional<Segment> firstTq1(RDE_O11_ORDER order) throws MappingException {
        try {
            return order.getTIMING_ENCODEDAll().stream().map(timing -> (Segment) timing.getTQ1())
                    .filter(tq -> !isEmpty(tq)).findFirst();
        } catch (HL7Exception e) {
            throw new MappingException("unreadable TQ1 segments: " + e.getMessage(), e);
        }
    }

    private static List<Segment> rxrs(RDE_O11_ORDER order) throws MappingException {
        try {
            return order.getRXRAll().stream().map(rxr -> (Segment) rxr).filter(rxr -> !isEmpty(rxr)).toList();
        } catch (HL7Exception e) {
            throw new MappingException("unreadable RXR segments: " + e.getMessage(), e);
        }
    }

    private static List<Segment> rxcs(RDE_O11_ORDER order) throws MappingException {
        try {
            return order.getRXCAll().stream().map(rxc -> (Segment) rxc).filter(rxc -> !isEmpty(rxc)).toList();
        } catch (HL7Exception e) {
            throw new MappingException("unreadable RXC segments: " + e.getMessage(), e);
        }
    }

    private static boolean isEmpty(Segment segment) {
        try {
            return segment.isEmpty();
        } catch (HL7Exception e) {
            return true;
        }
    }
}
