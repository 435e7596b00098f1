package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** How the consent layer says no: HTTP 403 with an OperationOutcome that carries the reason. */
public final class Refusals {

    private Refusals() {}

    public static OperationOutcome outcome(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.FORBIDDEN)
                .setDiagnostics(message);
        return outcome;
    }

    public static ForbiddenOperationException forbidden(String message) {
        return new ForbiddenOperationException(message, outcome(message));
    }

    /** A decision's reason as a sentence: capitalized, with a full stop. */
    static String sentence(String reason) {
        String text = reason.isEmpty() ? reason : Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
