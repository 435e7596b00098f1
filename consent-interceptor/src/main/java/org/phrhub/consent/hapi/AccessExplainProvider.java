package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.consent.decision.AccessDecision;
import org.phrhub.consent.decision.AccessPolicy;
import org.phrhub.consent.decision.Reader;
import org.phrhub.consent.explain.AccessExplainer;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.Requester;
import org.phrhub.vocabulary.V3ActReason;

/**
 * {@code GET Patient/{id}/$access-explain[?actor=Practitioner/x][&purpose=TREAT]}: the operation's
 * parameters handed to {@link AccessExplainer}, which answers it. The patient asks about anyone; a
 * clinician only about themselves, for the purpose of the request. Each call is in the patient's
 * access log like a read of their record.
 */
public final class AccessExplainProvider {

    private final AccessExplainer explainer;
    private final AccessContexts contexts;

    public AccessExplainProvider(AccessExplainer explainer, AccessContexts contexts) {
        this.explainer = explainer;
        this.contexts = contexts;
    }

    @Operation(name = AccessPolicy.ACCESS_EXPLAIN, idempotent = true, typeName = "Patient")
    public Parameters explain(
            @IdParam IdType patientId,
            @OperationParam(name = "actor", max = 1) StringType actorParam,
            @OperationParam(name = "purpose", max = 1) StringType purposeParam,
            RequestDetails request) {
        Optional<String> purpose = Optional.ofNullable(purposeParam).map(StringType::getValue).map(String::strip);
        purpose.filter(p -> !V3ActReason.isWellFormed(p)).ifPresent(p -> {
            throw new InvalidRequestException("purpose must be a v3-ActReason code such as TREAT; got '" + p + "'");
        });
        Optional<String> actor = Optional.ofNullable(actorParam).filter(StringType::hasValue).map(StringType::getValue);
        AccessContext access = contexts.of(request).orElseThrow(() -> Refusals.forbidden("The request carries no verified identity."));
        Requester requester = access.reader().requester();
        String patient = "Patient/" + patientId.getIdPart();
        if (requester.ownPatientReference().filter(patient::equals).isPresent()) {
            access.log().record(patient, AccessDecision.permit("the patient asked who can see their record"));
            return explainer.explain(patient, actor, purpose);
        }
        if (!AccessPolicy.isClinician(requester)) {
            throw Refusals.forbidden(AccessPolicy.ACCESS_EXPLAIN + " is for the patient and for clinicians.");
        }
        // A clinician is told about themselves only.
        String self = requester.describe();
        actor.filter(named -> !self.equals(referenceOrNull(named))).ifPresent(named -> {
            throw Refusals.forbidden("A clinician's " + AccessPolicy.ACCESS_EXPLAIN + " answers for the clinician alone: leave"
                    + " out actor, or name yourself (" + self + "), not " + named + ".");
        });
        Reader reader = new Reader(requester, access.reader().actorReferences(), purpose.orElse(access.reader().purpose()));
        Parameters answer = explainer.explainToReader(reader, patient);
        // The patient's log shows the asking as an access like any other: permitted when something of the
        // record is open to the clinician, refused when nothing is (e.g. just after a revocation).
        access.log().record(patient, opensAnything(answer)
                ? AccessDecision.permit(self + " asked what they may see of the record for " + reader.purpose())
                : AccessDecision.deny(self + " asked what they may see of the record for " + reader.purpose()
                        + ", and nothing of it is shared with them"));
        return answer;
    }

    private static boolean opensAnything(Parameters answer) {
        return answer.getParameter().stream().filter(p -> "access".equals(p.getName()))
                .flatMap(p -> p.getPart().stream())
                .anyMatch(part -> "decision".equals(part.getName()) && part.getValue() != null
                        && "permit".equals(part.getValue().primitiveValue()));
    }

    private static String referenceOrNull(String actor) {
        try {
            return FhirUser.parse(actor).reference();
        } catch (IllegalArgumentException notAReference) {
            return null;
        }
    }
}
