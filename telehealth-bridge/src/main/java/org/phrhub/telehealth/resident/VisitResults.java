package org.phrhub.telehealth.resident;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.telehealth.record.RecordPages;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.SnomedCt;

/**
 * What the resident's clinicians recorded in online visits, as the resident reads it in their own record:
 * the doctor's notes (SOAP, diagnoses, prescriptions, home averages) and the pharmacist's medication
 * guidance (what was explained, the drugs handed over), newest first.
 */
public final class VisitResults {

    static final int RECENT = 10;

    private final ZoneId zone;

    public VisitResults(ZoneId zone) {
        this.zone = zone;
    }

    public enum Kind { CONSULTATION, GUIDANCE }

    /** One line of a result; {@code kind} names it on the page, e.g. {@code diagnosis}, {@code dispensed}. */
    public record Item(String kind, String text) {}

    /**
     * @param sections each section's title and text (the note's own, in the clinician's words)
     * @param items    the diagnoses, prescriptions, averages and drugs handed over, one line each
     */
    public record Result(Kind kind, ZonedDateTime date, String author, String title, List<Map.Entry<String, String>> sections,
            List<Item> items) {}

    public List<Result> of(IGenericClient fhir, String patient) {
        return Stream.concat(consultations(fhir, patient).stream(), guidance(fhir, patient).stream())
                .sorted(Comparator.comparing(Result::date).reversed())
                .limit(RECENT)
                .toList();
    }

    private List<Result> consultations(IGenericClient fhir, String patient) {
        Bundle found = fhir.search().forResource(Composition.class)
                .where(new ReferenceClientParam("subject").hasId(patient))
                .and(new TokenClientParam("type").exactly().systemAndCode(Loinc.SYSTEM, Loinc.CONSULT_NOTE))
                .include(Composition.INCLUDE_ENTRY)
                .sort().descending("date")
                .count(RECENT)
                .returnBundle(Bundle.class).execute();
        Map<String, Resource> included = new HashMap<>();
        found.getEntry().forEach(e -> included.put(reference(e.getResource()), e.getResource()));
        return found.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Composition.class::isInstance).map(Composition.class::cast)
                .map(note -> new Result(Kind.CONSULTATION, note.getDate().toInstant().atZone(zone),
                        note.getAuthorFirstRep().getDisplay(), note.getTitle(),
                        note.getSection().stream().filter(s -> s.hasText() && !s.getText().getDiv().allText().isBlank())
                                .map(s -> Map.entry(s.getTitle(), s.getText().getDiv().allText())).toList(),
                        note.getSection().stream().flatMap(s -> s.getEntry().stream())
                                .map(r -> included.get(r.getReferenceElement().toUnqualifiedVersionless().getValue()))
                                .filter(r -> r != null).map(VisitResults::item).toList()))
                .toList();
    }

    /** The pharmacist's guidance Procedures, and in one more search the drugs handed over in those visits. */
    private List<Result> guidance(IGenericClient fhir, String patient) {
        List<Procedure> procedures = fhir.search().forResource(Procedure.class)
                .where(new ReferenceClientParam("subject").hasId(patient))
                .and(new TokenClientParam("code").exactly().systemAndCode(SnomedCt.SYSTEM, SnomedCt.MEDICATION_EDUCATION))
                .sort().descending("date")
                .count(RECENT)
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Procedure.class::isInstance).map(Procedure.class::cast).toList();
        List<String> encounters = procedures.stream().filter(Procedure::hasEncounter)
                .map(p -> p.getEncounter().getReferenceElement().toUnqualifiedVersionless().getValue()).distinct().toList();
        Map<String, List<MedicationDispense>> dispensed = new HashMap<>();
        if (!encounters.isEmpty()) {
            RecordPages.searchAll(fhir, fhir.search().forResource(MedicationDispense.class)
                    .where(new ReferenceClientParam("subject").hasId(patient))
                    .and(new ReferenceClientParam("context").hasAnyOfIds(encounters))
                    .count(200), MedicationDispense.class, dispense -> dispensed.computeIfAbsent(
                            dispense.getContext().getReferenceElement().toUnqualifiedVersionless().getValue(), e -> new ArrayList<>()).add(dispense));
        }
        return procedures.stream().map(procedure -> {
            List<Item> items = new ArrayList<>();
            procedure.getNote().stream().filter(n -> n.hasText()).forEach(n -> items.add(new Item("guidance", n.getText())));
            String encounter = procedure.hasEncounter() ? procedure.getEncounter().getReferenceElement().toUnqualifiedVersionless().getValue() : "";
            dispensed.getOrDefault(encounter, List.of()).forEach(d -> items.add(new Item("dispensed", dispenseLine(d))));
            ZonedDateTime date = procedure.hasPerformedPeriod() && procedure.getPerformedPeriod().hasStart()
                    ? procedure.getPerformedPeriod().getStart().toInstant().atZone(zone)
                    : procedure.getMeta().getLastUpdated().toInstant().atZone(zone);
            return new Result(Kind.GUIDANCE, date, procedure.getPerformerFirstRep().getActor().getDisplay(),
                    procedure.getCode().getText(), List.of(), items);
        }).toList();
    }

    private static Item item(Resource resource) {
        return switch (resource) {
            case Condition condition -> new Item("diagnosis", condition.getCode().getText());
            case MedicationRequest request -> new Item("prescription", (request.getMedicationCodeableConcept().getText() + " "
                    + request.getDosageInstructionFirstRep().getText() + " "
                    + plain(request.getDispenseRequest().getExpectedSupplyDuration().getValue()) + "日分").strip());
            case Observation average -> new Item("homeAverage", average.getComponent().stream()
                    .map(c -> plain(c.getValueQuantity().getValue())).collect(Collectors.joining("/"))
                    + " mmHg" + average.getExtensionsByUrl(HubVisitCodes.HOME_BP_OCCASION_EXTENSION).stream()
                    .map(x -> " (" + x.getValue().primitiveValue() + ")").findFirst().orElse(""));
            default -> new Item("other", resource.fhirType());
        };
    }

    private static String dispenseLine(MedicationDispense dispense) {
        String drug = dispense.hasMedicationCodeableConcept() ? dispense.getMedicationCodeableConcept().getText() : "";
        String quantity = Optional.ofNullable(dispense.getQuantity()).filter(Quantity::hasValue)
                .map(q -> plain(q.getValue()) + (q.hasUnit() ? q.getUnit() : "")).orElse("");
        String days = Optional.ofNullable(dispense.getDaysSupply()).filter(Quantity::hasValue)
                .map(q -> plain(q.getValue()) + "日分").orElse("");
        return String.join(" ", Stream.of(drug, quantity, days).filter(s -> !s.isBlank()).toList());
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static String reference(Resource resource) {
        return resource.getIdElement().toUnqualifiedVersionless().getValue();
    }
}
