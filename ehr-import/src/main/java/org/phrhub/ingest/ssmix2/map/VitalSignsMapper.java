package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_OBSERVATION;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v25.group.ORU_R30_OBSERVATION;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.message.ORU_R30;
import ca.uhn.hl7v2.model.v25.segment.OBR;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Ucum;

/**
 * Vital signs in SS-MIX2 extended storage: one Observation per OBX following the FHIR R4 vital-signs profile of
 * its kind (LOINC code first, the hospital's JLAC10 or local code kept beside it, UCUM unit), and one
 * blood-pressure panel (85354-9) per OBR and time combining the systolic and diastolic OBX.
 *
 * <p>Two names are read. The published extended-storage rule for bedside vital signs files them under the
 * data type {@code L-OBSERVATIONS^OBSERVATIONS^99ZL01} as one ORU^R30 message (one OBR, the readings of the
 * day or hour as OBX, each with its time in OBX-14, JLAC10 codes in OBX-3). Before it, the hospitals this hub
 * imports from agreed on {@code ORU-01} with ORU^R01 messages.
 */
public final class VitalSignsMapper implements DataTypeMapper {

    /** The data type the published extended-storage rule gives bedside vital signs. */
    public static final String EXTENDED_STORAGE_VITAL_SIGNS = "L-OBSERVATIONS^OBSERVATIONS^99ZL01";

    @Override
    public Set<String> dataTypes() {
        return Set.of("ORU-01", EXTENDED_STORAGE_VITAL_SIGNS);
    }

    @Override
    public List<Resource> map(Message message, MappingContext context) throws MappingException {
        String institution = context.institutionCode();
        List<Resource> resources = new ArrayList<>();
        try {
            if (message instanceof ORU_R01 oru) {
                int position = 0;
                for (ORU_R01_PATIENT_RESULT result : oru.getPATIENT_RESULTAll()) {
                    for (ORU_R01_ORDER_OBSERVATION order : result.getORDER_OBSERVATIONAll()) {
                        if (order.getOBR().isEmpty()) {
                            continue;
                        }
                        position++;
                        List<OBX> observations = new ArrayList<>();
                        for (ORU_R01_OBSERVATION observation : order.getOBSERVATIONAll()) {
                            observations.add(observation.getOBX());
                        }
                        resources.addAll(order(order.getOBR(), observations, position, context, institution));
                    }
                }
            } else if (message instanceof ORU_R30 oru) {
                List<OBX> observations = new ArrayList<>();
                for (ORU_R30_OBSERVATION observation : oru.getOBSERVATIONAll()) {
                    observations.add(observation.getOBX());
                }
                resources.addAll(order(oru.getOBR(), observations, 1, context, institution));
            } else {
                throw new MappingException(context.file().dataType() + " must be an ORU^R01 or ORU^R30 message, this one is "
                        + message.getName());
            }
        } catch (HL7Exception e) {
            throw new MappingException("unreadable " + message.getName().replace('_', '^') + " structure: " + e.getMessage(), e);
        }
        if (resources.isEmpty()) {
            throw new MappingException("the " + message.getName().replace('_', '^')
                    + " message has no OBX segment: there is no vital sign to import");
        }
        return resources;
    }

    private record Measured(VitalSign sign, String obxSetId, Observation source) {}

    /** The OBX segments of one OBR; {@code position} stands in for an OBR without a set id. */
    private static List<Resource> order(OBR obrSegment, List<OBX> observations, int position, MappingContext context,
            String institution) throws MappingException, HL7Exception {
        String obrSetId = Optional.ofNullable(obrSegment.getSetIDOBR().getValue()).filter(id -> !id.isBlank())
                .orElse(String.valueOf(position));
        SourceSegment obr = new SourceSegment(obrSegment, "OBR " + obrSetId);
        Optional<DateTimeType> observed = obr.dateTime(7, "observation date/time");
        List<Resource> resources = new ArrayList<>();
        // Systolic and diastolic pressure of one time, in OBX order, become one panel.
        Map<String, List<Measured>> pressures = new LinkedHashMap<>();
        int obxPosition = 0;
        for (OBX obxSegment : observations) {
            if (obxSegment.isEmpty()) {
                continue;
            }
            obxPosition++;
            String obxSetId = Optional.ofNullable(obxSegment.getSetIDOBX().getValue())
                    .filter(id -> !id.isBlank()).orElse(String.valueOf(obxPosition));
            SourceSegment obx = new SourceSegment(obxSegment, "OBX " + obxSetId + " of OBR " + obrSetId);
            SourceCode code = obx.requiredCode(3, "observation identifier, the vital sign");
            Optional<VitalSign> sign = VitalSign.of(institution, Optional.of(code), obx.alternateCode(3));
            Observation mapped = base(obx, code, context, institution);
            if (!mapped.hasEffective()) {
                observed.ifPresent(mapped::setEffective);
            }
            if (sign.isEmpty()) {
                // A vital sign this hub has no LOINC code for: kept with the hospital's code, under no profile.
                ObservationValues.value(obx, institution).ifPresent(mapped::setValue);
                mapped.addIdentifier(context.sourceRecord("OBX", obrSetId, obxSetId));
                resources.add(mapped);
                continue;
            }
            Quantity value = measured(obx, sign.get());
            if (sign.get().isBloodPressure()) {
                mapped.setValue(value);
                String time = mapped.hasEffective() ? mapped.getEffectiveDateTimeType().getValueAsString() : "";
                pressures.computeIfAbsent(time, t -> new ArrayList<>()).add(new Measured(sign.get(), obxSetId, mapped));
                continue;
            }
            mapped.getMeta().addProfile(sign.get().profile);
            // LOINC first, once, as the profile wants it; a LOINC alternate identifier is the same code.
            mapped.getCode().getCoding().removeIf(coding -> Loinc.SYSTEM.equals(coding.getSystem()));
            mapped.getCode().getCoding().addFirst(new Coding(Loinc.SYSTEM, sign.get().loinc, sign.get().display));
            mapped.setValue(value);
            mapped.addIdentifier(context.sourceRecord("OBX", obrSetId, obxSetId));
            resources.add(mapped);
        }
        for (List<Measured> pair : pressures.values()) {
            resources.add(bloodPressure(pair, obrSetId, context));
        }
        return resources;
    }

    private static Observation base(SourceSegment obx, SourceCode code, MappingContext context, String institution)
            throws MappingException {
        Observation observation = new Observation();
        observation.setStatus(ObservationValues.status(obx));
        observation.addCategory(new CodeableConcept().addCoding(
                new Coding(Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.VITAL_SIGNS, "Vital Signs")));
        observation.setCode(code.concept(institution));
        obx.alternateCode(3).flatMap(alternate -> alternate.coding(institution)).ifPresent(observation.getCode()::addCoding);
        observation.setSubject(context.subject());
        obx.dateTime(14, "date/time of the observation").ifPresent(observation::setEffective);
        ObservationValues.interpretation(obx).ifPresent(observation::addInterpretation);
        return observation;
    }

    /** OBX-5 in the profile's UCUM unit; a value in any other unit is refused, never converted silently. */
    private static Quantity measured(SourceSegment obx, VitalSign sign) throws MappingException {
        if (!obx.text(2, 1).orElse("NM").equals("NM")) {
            throw obx.invalid(2, "value type", obx.text(2, 1).orElse(""), "NM: " + sign.display + " is a number");
        }
        BigDecimal value = obx.decimal(5, 1, "observation value")
                .orElseThrow(() -> obx.invalid(5, "observation value", "", "the measured " + sign.display));
        String unit = obx.text(6, 1).orElse("");
        if (!sign.accepts(unit, obx.text(6, 2).orElse(""))) {
            throw obx.invalid(6, "units", unit, sign.ucum + " for " + sign.display);
        }
        return new Quantity().setValue(value).setUnit(sign.ucum).setSystem(Ucum.SYSTEM).setCode(sign.ucum);
    }

    private static Observation bloodPressure(List<Measured> measured, String obrSetId, MappingContext context) {
        Observation first = measured.getFirst().source();
        Observation panel = new Observation();
        panel.getMeta().addProfile(VitalSign.SYSTOLIC.profile);
        panel.setStatus(first.getStatus());
        panel.setCategory(first.getCategory());
        panel.setCode(new CodeableConcept().addCoding(new Coding(Loinc.SYSTEM, Loinc.BLOOD_PRESSURE_PANEL,
                "Blood pressure panel with all children optional")).setText("血圧"));
        panel.setSubject(first.getSubject());
        panel.setEffective(first.getEffective());
        List<String> setIds = new ArrayList<>();
        for (VitalSign part : List.of(VitalSign.SYSTOLIC, VitalSign.DIASTOLIC)) {
            Observation.ObservationComponentComponent component = panel.addComponent();
            Optional<Measured> found = measured.stream().filter(m -> m.sign() == part).findFirst();
            CodeableConcept code = new CodeableConcept().addCoding(new Coding(Loinc.SYSTEM, part.loinc, part.display));
            found.ifPresent(m -> {
                m.source().getCode().getCoding().stream().filter(coding -> !Loinc.SYSTEM.equals(coding.getSystem()))
                        .forEach(code::addCoding);
                code.setText(m.source().getCode().getText());
                component.setValue(m.source().getValue());
                component.setInterpretation(m.source().getInterpretation());
                setIds.add(m.obxSetId());
            });
            component.setCode(code);
            if (found.isEmpty()) {
                // The profile wants both pressures; the one the hospital did not send is marked absent.
                component.setDataAbsentReason(new CodeableConcept().addCoding(new Coding(
                        Hl7Terminology.DATA_ABSENT_REASON, "not-asked", "Not Asked")));
            }
        }
        panel.addIdentifier(context.sourceRecord("OBX", obrSetId, String.join("+", setIds)));
        return panel;
    }
}
