package org.phrhub.consent.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.phrhub.consent.audit.AsyncAuditWriter;

/**
 * Tells the audit writer of each request from the moment it is handled until it has finished. HAPI writes the
 * response before the request's completion hooks run, and those hooks hand its decisions to the audit trail:
 * a client can hold the answer while its AuditEvents are not yet queued, so waiting for the audit trail must
 * wait for such a request too.
 */
final class AnsweredRequests {

    private static final String COUNTED = AnsweredRequests.class.getName();

    private final AsyncAuditWriter writer;

    AnsweredRequests(AsyncAuditWriter writer) {
        this.writer = writer;
    }

    /** First of its pointcut, so that a request refused by a later hook is counted too. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = Integer.MIN_VALUE)
    public void handled(RequestDetails request) {
        // A transaction's entries are handled inside their request, which counts for them.
        if (request.isSubRequest()) {
            return;
        }
        if (request.getUserData().putIfAbsent(COUNTED, Boolean.TRUE) == null) {
            writer.expectEventsOfRequest();
        }
    }

    /** Runs after every other completion hook, on every way out of a request, failures included. */
    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(RequestDetails request) {
        if (request.getUserData().remove(COUNTED) != null) {
            writer.requestEventsSubmitted();
        }
    }
}
