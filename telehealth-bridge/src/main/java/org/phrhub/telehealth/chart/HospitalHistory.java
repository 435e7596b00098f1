package org.phrhub.telehealth.chart;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IQuery;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.telehealth.record.RecordPages;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.HubImportCodes;
import org.phrhub.vocabulary.JpCore;

/**
 * The patient's hospital history for the chart: active conditions, current prescriptions, recent lab
 * results and allergies, each with the hospital it came from and its date. The hospital is the one whose
 * institution code the import wrote into {@code meta.source}; what clinicians recorded online names them.
 */
public final class HospitalHistory {

    /** How many lab results the chart lists, newest first. */
    static final int RECENT_LAB_RESULTS = 30;

    private final ZoneId zone;
    private final HospitalNames hospitalNames;

    public HospitalHistory(ZoneId zone, Clock clock) {
        this.zone = zone;
        this.hospitalNames = new HospitalNames(clock);
    }

    public List<HistoryEntry> activeConditions(IGenericClient fhir, String patient) {
        return entries(fhir, fhir.search().forResource(Condition.class)
                        .where(new TokenClientParam("subject").exactly().code(patient))
                        .and(new TokenClientParam("clinical-status").exactly().code("active")),
                Condition.class, this::condition);
    }

    public List<HistoryEntry> currentPrescriptions(IGenericClient fhir, String patient) {
        return entries(fhir, fhir.search().forResource(MedicationRequest.class)
                        .where(new TokenClientParam("subject").exactly().code(patient))
                        .and(new TokenClientParam("status").exactly().code("active")),
                MedicationRequest.class, this::prescription);
    }

    public List<HistoryEntry> recentLabResults(IGenericClient fhir, String patient) {
        IQuery<IBaseBundle> query = fhir.search().forResource(Observation.class)
                .where(new TokenClientParam("subject").exactly().code(patient))
                .and(new TokenClientParam("category").exactly().systemAndCode(Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.LABORATORY))
                .sort().descending("date")
                .count(RECENT_LAB_RESULTS);
        return fromFirstPage(fhir, query, Observation.class, this::labResult);
    }

    public List<HistoryEntry> allergies(IGenericClient fhir, String patient) {
        return entries(fhir, fhir.search().forResource(AllergyIntolerance.class)
                        .where(new TokenClientParam("patient").exactly().code(patient)),
                AllergyIntolerance.class, this::allergy);
    }

    private <T extends Resource> List<HistoryEntry> entries(IGenericClient fhir, IQuery<IBaseBundle> query, Class<T> type,
            EntryMaker<T> maker) {
        List<Resource> found = new ArrayList<>();
        RecordPages.everyEntry(fhir, query.count(200), found::add);
        return lines(fhir, found, type, maker, Comparator.comparing((HistoryEntry e) -> e.date().orElse(LocalDate.MIN)).reversed());
    }

    private <T extends Resource> List<HistoryEntry> fromFirstPage(IGenericClient fhir, IQuery<IBaseBundle> query, Class<T> type,
            EntryMaker<T> maker) {
        List<Resource> found = RecordPages.firstPage(query).getEntry().stream()
                .map(org.hl7.fhir.r4.model.Bundle.BundleEntryComponent::getResource).toList();
        return lines(fhir, found, type, maker, Comparator.comparing((HistoryEntry e) -> e.date().orElse(LocalDate.MIN)).reversed());
    }

    private <T extends Resource> List<HistoryEntry> lines(IGenericClient fhir, List<Resource> found, Class<T> type,
            EntryMaker<T> maker, Comparator<HistoryEntry> order) {
        List<T> resources = found.stream().filter(type::isInstance).map(type::cast).toList();
        Set<String> institutions = resources.stream()
                .map(resource -> HubImportCodes.institutionOfSource(resource.getMeta().getSource()))
                .flatMap(Optional::stream).collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, String> hospitals = hospitalNames.of(fhir, institutions);
        return resources.stream()
                .map(resource -> maker.make(resource, HubImportCodes.institutionOfSource(resource.getMeta().getSource())
                        .map(code -> hospitals.getOrDefault(code, code))))
                .sorted(order)
                .toList();
    }

    private HistoryEntry condition(Condition condition, Optional<String> hospital) {
        String icd10 = codeIn(condition.getCode(), JpCore.ICD10_MHLW).map(code -> "ICD-10 " + code).orElse("");
        Optional<LocalDate> date = condition.hasOnsetDateTimeType()
                ? day(condition.getOnsetDateTimeType().getValue())
                : day(condition.getRecordedDate());
        return new HistoryEntry(text(condition.getCode()), "", icd10, Optional.empty(), date,
                hospital.orElse(display(condition.getRecorder())), codes(condition.getCode()), reference(condition));
    }

    private HistoryEntry prescription(MedicationRequest request, Optional<String> hospital) {
        String drug = request.hasMedicationCodeableConcept() ? text(request.getMedicationCodeableConcept())
                : display(request.getMedicationReference());
        String dose = request.getDosageInstruction().stream().map(HospitalHistory::dosage).filter(s -> !s.isBlank())
                .collect(Collectors.joining(" / "));
        String days = request.getDispenseRequest().hasExpectedSupplyDuration()
                ? request.getDispenseRequest().getExpectedSupplyDuration().getValue().stripTrailingZeros().toPlainString()
                        + " " + request.getDispenseRequest().getExpectedSupplyDuration().getUnit()
                : "";
        return new HistoryEntry(drug, dose, days, Optional.empty(), day(request.getAuthoredOn()),
                hospital.orElse(display(request.getRequester())),
                request.hasMedicationCodeableConcept() ? codes(request.getMedicationCodeableConcept()) : Set.of(), reference(request));
    }

    private HistoryEntry labResult(Observation observation, Optional<String> hospital) {
        String value = observation.hasValueQuantity() ? quantity(observation.getValueQuantity())
                : observation.hasValue() ? observation.getValue().primitiveValue() : "";
        String range = observation.getReferenceRange().stream().map(r -> r.hasText() ? r.getText()
                        : (r.hasLow() ? plain(r.getLow().getValue()) : "") + "–" + (r.hasHigh() ? plain(r.getHigh().getValue()) : ""))
                .findFirst().orElse("");
        Optional<String> flag = observation.getInterpretation().stream().flatMap(c -> c.getCoding().stream())
                .map(Coding::getCode).filter(code -> code != null && !code.equals("N")).findFirst();
        Optional<LocalDate> date = observation.hasEffectiveDateTimeType() ? day(observation.getEffectiveDateTimeType().getValue())
                : Optional.empty();
        return new HistoryEntry(text(observation.getCode()), value, range, flag, date, hospital.orElse(""),
                codes(observation.getCode()), reference(observation));
    }

    private HistoryEntry allergy(AllergyIntolerance allergy, Optional<String> hospital) {
        String reaction = allergy.getReaction().stream()
                .map(r -> r.getManifestation().stream().map(HospitalHistory::text).collect(Collectors.joining("、"))
                        + (r.hasSeverity() ? " (" + r.getSeverity().getDisplay() + ")" : ""))
                .collect(Collectors.joining(" / "));
        String category = allergy.getCategory().stream().map(c -> c.getValue().toCode()).collect(Collectors.joining(", "));
        return new HistoryEntry(text(allergy.getCode()), reaction, category, Optional.empty(), day(allergy.getRecordedDate()),
                hospital.orElse(display(allergy.getRecorder())), codes(allergy.getCode()), reference(allergy));
    }

    private static String dosage(Dosage dosage) {
        List<String> parts = new ArrayList<>();
        dosage.getDoseAndRate().stream().filter(d -> d.hasDoseQuantity()).findFirst()
                .ifPresent(d -> parts.add(quantity(d.getDoseQuantity())));
        if (dosage.hasText()) {
            parts.add(dosage.getText());
        } else if (dosage.hasTiming() && dosage.getTiming().hasCode()) {
            parts.add(text(dosage.getTiming().getCode()));
        }
        return String.join(" ", parts);
    }

    private Optional<LocalDate> day(Date date) {
        return Optional.ofNullable(date).map(d -> d.toInstant().atZone(zone).toLocalDate());
    }

    static String text(CodeableConcept concept) {
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                .filter(s -> s != null && !s.isBlank()).findFirst().orElse("");
    }

    private static Set<String> codes(CodeableConcept concept) {
        return concept.getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).collect(Collectors.toSet());
    }

    private static String reference(Resource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }

    private static Optional<String> codeIn(CodeableConcept concept, String system) {
        return concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).map(Coding::getCode).findFirst();
    }

    private static String display(Reference reference) {
        return reference.hasDisplay() ? reference.getDisplay() : "";
    }

    private static String quantity(Quantity quantity) {
        String unit = quantity.hasUnit() ? quantity.getUnit() : quantity.hasCode() ? quantity.getCode() : "";
        return (plain(quantity.getValue()) + " " + unit).strip();
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    @FunctionalInterface
    private interface EntryMaker<T> {
        HistoryEntry make(T resource, Optional<String> hospital);
    }
}
