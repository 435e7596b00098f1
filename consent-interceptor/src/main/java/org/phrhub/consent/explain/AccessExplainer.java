package org.phrhub.consent.explain;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.consent.ConsentSettings;
import org.phrhub.consent.decision.AccessDecision;
import org.phrhub.consent.decision.AccessKind;
import org.phrhub.consent.decision.ConsentActors;
import org.phrhub.consent.decision.ConsentDecisionEngine;
import org.phrhub.consent.decision.DataDescriber;
import org.phrhub.consent.decision.DataDescription;
import org.phrhub.consent.decision.DataDescription.Code;
import org.phrhub.consent.decision.Reader;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
import org.phrhub.vocabulary.DataClasses;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.V3ActReason;

/**
 * The answer of {@code $access-explain}: tells a patient who can see which classes of their data and
 * why, and a clinician what they themselves may see, by asking the same decision engine that guards
 * every request. The access policy admits nobody else to the operation.
 */
public final class AccessExplainer {

    /** The classes of data the answer walks through, each as made-up data of that class. */
    private static final List<DataClass> DATA_CLASSES = List.of(
            new DataClass("Patient", "demographics", Set.of()),
            new DataClass("Observation", "vital-signs", Set.of(observationCategory("vital-signs"))),
            new DataClass("Observation", "laboratory", Set.of(observationCategory("laboratory"))),
            new DataClass("MedicationRequest", DataClasses.MEDICATION, Set.of()),
            new DataClass("Condition", DataClasses.PROBLEM_LIST,
                    Set.of(new Code(Hl7Terminology.CONDITION_CATEGORY, Hl7Terminology.PROBLEM_LIST_ITEM))),
            new DataClass("AllergyIntolerance", "allergies", Set.of()),
            new DataClass("Immunization", "immunizations", Set.of()),
            new DataClass("DiagnosticReport", "reports", Set.of()),
            new DataClass("Encounter", "encounters", Set.of()));

    private final ConsentSource records;
    private final ConsentDecisionEngine engine;
    private final ConsentSettings settings;
    private final Clock clock;

    public AccessExplainer(ConsentSource records, ConsentDecisionEngine engine, ConsentSettings settings, Clock clock) {
        this.records = records;
        this.engine = engine;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param patient the patient asking, e.g. {@code Patient/hanako}
     * @param actor   the one actor to explain, e.g. {@code Practitioner/x}; empty for everyone the Consents name
     * @param purpose the purpose to decide for, a well-formed v3-ActReason code; empty for each actor's usual one
     * @throws IllegalArgumentException when the actor is not of the form Type/id
     */
    public Parameters explain(String patient, Optional<String> actor, Optional<String> purpose) {
        Instant now = clock.instant();
        List<Consent> consents = records.activeConsentsOf(List.of(patient)).stream()
                .filter(c -> ConsentDecisionEngine.isInForce(c, patient, now))
                .toList();
        Parameters answer = new Parameters();
        answer.addParameter("patient", patient);
        for (Consent consent : consents) {
            answer.addParameter().setName("consent")
                    .addPart(new ParametersParameterComponent().setName("reference")
                            .setValue(new StringType(consent.getIdElement().toUnqualifiedVersionless().getValue())))
                    .addPart(new ParametersParameterComponent().setName("actors")
                            .setValue(new StringType(String.join(", ", ConsentActors.named(consent)))));
        }
        Set<String> actors = new LinkedHashSet<>();
        if (actor.isPresent()) {
            actors.add(FhirUser.parse(actor.get()).reference());
        } else {
            consents.forEach(c -> actors.addAll(ConsentActors.named(c)));
        }
        for (String each : actors) {
            Reader reader = readerFor(each, purpose.orElse(defaultPurposeOf(each)));
            for (DataClass dataClass : DATA_CLASSES) {
                AccessDecision decision = engine.decide(reader, describe(dataClass, patient), consents, AccessKind.READ, now);
                ParametersParameterComponent line = accessLine(answer, each, reader.purpose(), dataClass, decision);
                line.addPart().setName("reason").setValue(new StringType(decision.reason()));
                decision.basis().forEach(b -> line.addPart().setName("basis").setValue(new StringType(b)));
            }
        }
        return answer;
    }

    /**
     * What the reader may see of the patient's data, for the reader alone: one line per class with the
     * decision and nothing of the patient's Consents (which ones, whom else they name). A patient who
     * does not exist gets the same answer as one who shared nothing, so the answer tells no more than
     * reading would.
     *
     * @param reader  the clinician asking, with the purpose to decide for
     * @param patient the patient asked about, e.g. {@code Patient/hanako}
     */
    public Parameters explainToReader(Reader reader, String patient) {
        Instant now = clock.instant();
        List<Consent> consents = records.activeConsentsOf(List.of(patient));
        String self = reader.requester().describe();
        Parameters answer = new Parameters();
        answer.addParameter("patient", patient);
        for (DataClass dataClass : DATA_CLASSES) {
            AccessDecision decision = engine.decide(reader, describe(dataClass, patient), consents, AccessKind.READ, now);
            ParametersParameterComponent line = accessLine(answer, self, reader.purpose(), dataClass, decision);
            line.addPart().setName("reason").setValue(new StringType(readerReason(decision, reader.purpose())));
        }
        return answer;
    }

    /** Why, in words that name neither the patient's Consents nor anyone else. */
    private static String readerReason(AccessDecision decision, String purpose) {
        if (decision instanceof AccessDecision.Permit permit && permit.emergency()) {
            return "open to you as emergency access (break-the-glass), shown in the patient's access log";
        }
        return (decision.isPermit() ? "shared with you by the patient for " : "not shared with you by the patient for ") + purpose;
    }

    private static ParametersParameterComponent accessLine(Parameters answer, String actor, String purpose,
            DataClass dataClass, AccessDecision decision) {
        ParametersParameterComponent line = answer.addParameter().setName("access");
        line.addPart().setName("actor").setValue(new StringType(actor));
        line.addPart().setName("purpose").setValue(new StringType(purpose));
        line.addPart().setName("dataClass").setValue(new StringType(dataClass.type() + " (" + dataClass.label() + ")"));
        line.addPart().setName("decision").setValue(new StringType(decision.isPermit() ? "permit" : "deny"));
        return line;
    }

    private static DataDescription describe(DataClass dataClass, String patient) {
        return new DataDescription(Optional.empty(), dataClass.type(), patient, withImplied(dataClass), Set.of(), Optional.empty());
    }

    /** The actor as the engine would see them; membership of organizations and care teams included. */
    private Reader readerFor(String actor, String purpose) {
        Set<String> references = actor.startsWith("Practitioner/") ? records.actorReferencesOf(actor) : Set.of(actor);
        Set<HubRole> roles = actor.equals(settings.cityBrokerOrganization())
                ? EnumSet.of(HubRole.CITY_BROKER)
                : EnumSet.of(HubRole.PHYSICIAN, HubRole.PHARMACIST);
        Requester requester = new Requester(actor, "access-explain",
                actor.startsWith("Organization/") ? Optional.empty() : Optional.of(FhirUser.parse(actor)), roles);
        return new Reader(requester, references, purpose);
    }

    private String defaultPurposeOf(String actor) {
        return actor.equals(settings.cityBrokerOrganization()) ? settings.cityBrokerPurpose() : V3ActReason.TREAT;
    }

    private static Set<Code> withImplied(DataClass dataClass) {
        Set<Code> codes = new LinkedHashSet<>(dataClass.codes());
        codes.addAll(DataDescriber.impliedClasses(dataClass.type(), dataClass.codes()));
        return codes;
    }

    private static Code observationCategory(String code) {
        return new Code(Hl7Terminology.OBSERVATION_CATEGORY, code);
    }

    private record DataClass(String type, String label, Set<Code> codes) {}

}
