package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.vocabulary.V3ActReason;
import org.phrhub.consent.explain.AccessExplainer;

/**
 * {@code GET Patient/{id}/$access-explain[?actor=Practitioner/x][&purpose=TREAT]}: the operation's
 * parameters handed to {@link AccessExplainer}, which answers it.
 */
public final class AccessExplainProvider {

    private final AccessExplainer explainer;

    public AccessExplainProvider(AccessExplainer explainer) {
        this.explainer = explainer;
    }

    @Operation(name = "$access-explain", idempotent = true, typeName = "Patient")
    public Parameters explain(
            @IdParam IdType patientId,
            @OperationParam(name = "actor", max = 1) StringType actorParam,
            @OperationParam(name = "purpose", max = 1) StringType purposeParam) {
        Optional<String> purpose = Optional.ofNullable(purposeParam).map(StringType::getValue).map(String::strip);
        purpose.filter(p -> !V3ActReason.isWellFormed(p)).ifPresent(p -> {
            throw new InvalidRequestException("purpose must be a v3-ActReason code such as TREAT; got '" + p + "'");
        });
        Optional<String> actor = Optional.ofNullable(actorParam).filter(StringType::hasValue).map(StringType::getValue);
        return explainer.explain("Patient/" + patientId.getIdPart(), actor, purpose);
    }
}
