package org.phrhub.telehealth.patient;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.HubVisitCodes;

/** What the patient's clinicians recorded in online visits, as the patient reads it in their own record. */
public final class ConsultationResults {

    static final int RECENT = 10;

    private final ZoneId zone;

    public ConsultationResults(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * @param sections each section's title and text
     * @param items    the diagnoses, prescriptions and averages the note lists, as one line each
     */
    public record Result(ZonedDateTime date, String author, String title, List<Map.Entry<String, String>> sections,
            List<String> items) {}

    public List<Result> of(IGenericClient fhir, String patient) {
        Bundle found = fhir.search().forResource(Composition.class)
                .where(new ReferenceClientParam("subject").hasId(patient))
                .and(new TokenClientParam("type").exactly().systemAndCode(Loinc.SYSTEM, Loinc.CONSULT_NOTE))
                .include(Composition.INCLUDE_ENTRY)
                .sort().descending("date")
                .count(RECENT)
                .returnBundle(Bundle.class).execute();
        Map<String, Resource> included = new HashMap<>();
        found.getEntry().forEach(e -> included.put(e.getResource().getIdElement().toUnqualifiedVersionless().getValue(), e.getResource()));
        return found.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Composition.class::isInstance).map(Composition.class::cast)
                .map(note -> new Result(note.getDate().toInstant().atZone(zone),
                        note.getAuthorFirstRep().getDisplay(), note.getTitle(),
                        note.getSection().stream().filter(s -> s.hasText() && !s.getText().getDiv().allText().isBlank())
                                .map(s -> Map.entry(s.getTitle(), s.getText().getDiv().allText())).toList(),
                        note.getSection().stream().flatMap(s -> s.getEntry().stream())
                                .map(r -> included.get(r.getReferenceElement().toUnqualifiedVersionless().getValue()))
                                .filter(r -> r != null).map(ConsultationResults::line).toList()))
                .toList();
    }

    private static String line(Resource resource) {
        return switch (resource) {
            case Condition condition -> "診断: " + condition.getCode().getText();
            case MedicationRequest request -> "処方: " + request.getMedicationCodeableConcept().getText() + " "
                    + request.getDosageInstructionFirstRep().getText() + " "
                    + request.getDispenseRequest().getExpectedSupplyDuration().getValue() + "日分";
            case Observation average -> "家庭血圧の平均: " + average.getComponent().stream()
                    .map(c -> c.getValueQuantity().getValue().toPlainString()).reduce((a, b) -> a + "/" + b).orElse("")
                    + " mmHg (" + average.getExtensionsByUrl(HubVisitCodes.HOME_BP_OCCASION_EXTENSION).stream()
                    .map(x -> x.getValue().primitiveValue()).findFirst().orElse("") + ")";
            default -> resource.fhirType();
        };
    }
}
