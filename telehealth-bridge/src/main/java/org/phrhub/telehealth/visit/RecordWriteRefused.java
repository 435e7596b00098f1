package org.phrhub.telehealth.visit;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Why the hub did not store a visit's record, in the hub's own words. */
final class RecordWriteRefused {

    private RecordWriteRefused() {}

    static String reasonOf(BaseServerResponseException e) {
        if (e.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
            String issues = outcome.getIssue().stream()
                    .map(issue -> issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getDetails().getText())
                    .filter(text -> text != null && !text.isBlank())
                    .collect(Collectors.joining("; "));
            if (!issues.isBlank()) {
                return "HTTP " + e.getStatusCode() + ": " + issues;
            }
        }
        return "HTTP " + e.getStatusCode() + ": " + e.getMessage();
    }
}
