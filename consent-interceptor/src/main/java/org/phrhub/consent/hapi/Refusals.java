package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** How the consent layer says no: HTTP 403 with an OperationOutcome that carries the reason. */
final class Refusals {

    private Refusals() {}

    static OperationOutcome outcome(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.FORBIDDEN)
                .setDiagnostics(message);
        return outcome;
    }

    static ForbiddenOperationException forbidden(String message) {
        return new ForbiddenOperationException(message, outcome(message));
    }
}
