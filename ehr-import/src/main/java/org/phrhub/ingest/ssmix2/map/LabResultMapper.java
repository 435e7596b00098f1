package org.phrhub.ingest.ssmix2.map;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v25.group.OUL_R22_ORDER;
import ca.uhn.hl7v2.model.v25.group.OUL_R22_RESULT;
import ca.uhn.hl7v2.model.v25.group.OUL_R22_SPECIMEN;
import ca.uhn.hl7v2.model.v25.message.OUL_R22;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.vocabulary.Hl7Terminology;

/**
 * OML-11 (specimen test results), OUL^R22: one laboratory Observation per OBX (JLAC10 code, value, unit,
 * reference range, abnormal flag, status, time) and one DiagnosticReport per OBR listing them.
 *
 * <p>Each Observation gets a placeholder id {@code urn:uuid:...} ({@link IdType#newRandomUuid()}) and its report
 * references it by that same value: the importer stores the resources under ids it derives from their
 * source-record identifiers and rewrites these placeholder references to them. Nothing else may rely on the
 * placeholders; they differ on every mapping.
 */
public final class LabResultMapper implements DataTypeMapper {

    @Override
    public Set<String> dataTypes() {
        return Set.of("OML-11");
    }

    @Override
    public List<Resource> map(Message message, MappingContext context) throws MappingException {
        if (!(message instanceof OUL_R22 oul)) {
            throw new MappingException(context.file().dataType() + " must be an OUL^R22 message, this one is "
                    + message.getName());
        }
        String institution = context.institutionCode();
        List<Resource> resources = new ArrayList<>();
        try {
            int orderCount = 0;
            for (OUL_R22_SPECIMEN specimen : oul.getSPECIMENAll()) {
                Optional<SourceCode> specimenType = new SourceSegment(specimen.getSPM(), "SPM").code(4);
                for (OUL_R22_ORDER order : specimen.getORDERAll()) {
                    if (order.getOBR().isEmpty()) {
                        continue;
                    }
                    orderCount++;
                    resources.addAll(report(order, orderCount, specimenType, context, institution));
                }
            }
        } catch (HL7Exception e) {
            throw new MappingException("unreadable OUL^R22 structure: " + e.getMessage(), e);
        }
        if (resources.isEmpty()) {
            throw new MappingException("the OUL^R22 message has no OBR segment: there is no result to import");
        }
        return resources;
    }

    private static List<Resource> report(OUL_R22_ORDER order, int position, Optional<SourceCode> specimenType,
            MappingContext context, String institution) throws MappingException, HL7Exception {
        String obrSetId = Optional.ofNullable(order.getOBR().getSetIDOBR().getValue()).filter(id -> !id.isBlank())
                .orElse(String.valueOf(position));
        SourceSegment obr = new SourceSegment(order.getOBR(), "OBR " + obrSetId);
        Optional<DateTimeType> observed = obr.dateTime(7, "observation date/time");
        Optional<DateTimeType> reported = obr.dateTime(22, "results report/status change date/time");

        DiagnosticReport report = new DiagnosticReport();
        report.addIdentifier(context.sourceRecord("OBR", obrSetId));
        report.setStatus(reportStatus(obr));
        report.addCategory(new CodeableConcept().addCoding(
                new Coding(Hl7Terminology.DIAGNOSTIC_SERVICE_SECTION, "LAB", "Laboratory")));
        report.setCode(obr.requiredCode(4, "universal service identifier, the test ordered").concept(institution));
        report.setSubject(context.subject());
        observed.ifPresent(report::setEffective);
        reported.ifPresent(time -> report.setIssuedElement(new InstantType(time.getValue(), time.getPrecision(), time.getTimeZone())));

        List<Resource> resources = new ArrayList<>();
        int obxPosition = 0;
        for (OUL_R22_RESULT result : order.getRESULTAll()) {
            Segment segment = result.getOBX();
            if (segment.isEmpty()) {
                continue;
            }
            obxPosition++;
            String obxSetId = Optional.ofNullable(result.getOBX().getSetIDOBX().getValue()).filter(id -> !id.isBlank())
                    .orElse(String.valueOf(obxPosition));
            SourceSegment obx = new SourceSegment(segment, "OBX " + obxSetId + " of OBR " + obrSetId);
            Observation observation = observation(obx, context, institution);
            observation.addIdentifier(context.sourceRecord("OBX", obrSetId, obxSetId));
            if (!observation.hasEffective()) {
                observed.ifPresent(observation::setEffective);
            }
            reported.ifPresent(time -> observation.setIssuedElement(
                    new InstantType(time.getValue(), time.getPrecision(), time.getTimeZone())));
            specimenType.ifPresent(type -> observation.addNote().setText("検体: " + type.label()));
            IdType placeholder = IdType.newRandomUuid();
            observation.setIdElement(placeholder);
            report.addResult(new Reference(placeholder.getValue()));
            resources.add(observation);
        }
        resources.add(report);
        return resources;
    }

    private static Observation observation(SourceSegment obx, MappingContext context, String institution)
            throws MappingException {
        Observation observation = new Observation();
        observation.setStatus(ObservationValues.status(obx));
        observation.addCategory(new CodeableConcept().addCoding(
                new Coding(Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.LABORATORY, "Laboratory")));
        observation.setCode(obx.requiredCode(3, "observation identifier, the test").concept(institution));
        observation.setSubject(context.subject());
        ObservationValues.value(obx, institution).ifPresent(observation::setValue);
        ObservationValues.referenceRange(obx, institution).ifPresent(observation::addReferenceRange);
        ObservationValues.interpretation(obx).ifPresent(observation::addInterpretation);
        obx.dateTime(14, "date/time of the observation").ifPresent(observation::setEffective);
        return observation;
    }

    /** OBR-25, the result status of the whole test; reports without one are final, as JAHIS sends results. */
    private static DiagnosticReport.DiagnosticReportStatus reportStatus(SourceSegment obr) throws MappingException {
        Optional<String> status = obr.text(25, 1);
        if (status.isEmpty()) {
            return DiagnosticReport.DiagnosticReportStatus.FINAL;
        }
        return switch (status.get()) {
            case "F" -> DiagnosticReport.DiagnosticReportStatus.FINAL;
            case "C" -> DiagnosticReport.DiagnosticReportStatus.CORRECTED;
            case "P", "R", "S" -> DiagnosticReport.DiagnosticReportStatus.PRELIMINARY;
            case "I", "O" -> DiagnosticReport.DiagnosticReportStatus.REGISTERED;
            case "X" -> DiagnosticReport.DiagnosticReportStatus.CANCELLED;
            default -> throw obr.invalid(25, "result status", status.get(), "F, C, P, R, I or X");
        };
    }
}
