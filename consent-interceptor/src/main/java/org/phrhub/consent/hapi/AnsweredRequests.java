package org.phrhub.consent.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests that have been handled but not yet finished. HAPI writes the response before the
 * request's completion hooks run, and those hooks hand its decisions to the audit trail: a client can hold
 * the answer while its AuditEvents are not yet queued. Waiting for the audit trail therefore first waits
 * for this count to reach zero.
 */
final class AnsweredRequests {

    private static final String COUNTED = AnsweredRequests.class.getName();

    private final AtomicInteger unfinished = new AtomicInteger();

    /** First of its pointcut, so that a request refused by a later hook is counted too. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = Integer.MIN_VALUE)
    public void handled(RequestDetails request) {
        // A transaction's entries are handled inside their request, which counts for them.
        if (request.isSubRequest()) {
            return;
        }
        if (request.getUserData().putIfAbsent(COUNTED, Boolean.TRUE) == null) {
            unfinished.incrementAndGet();
        }
    }

    /** Runs after every other completion hook, on every way out of a request, failures included. */
    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void completed(RequestDetails request) {
        if (request.getUserData().remove(COUNTED) != null) {
            unfinished.decrementAndGet();
        }
    }

    /** Waits until every request handled so far has finished; false when the timeout passed first. */
    boolean awaitFinished(long deadlineNanos) throws InterruptedException {
        while (unfinished.get() > 0) {
            if (System.nanoTime() > deadlineNanos) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }
}
