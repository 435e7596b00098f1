package org.phrhub.consent.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.audit.AsyncAuditWriter;

/** The audit trail's wait covers a request from when it is handled until its completion hooks have run. */
class AnsweredRequestsTest {

    private final AsyncAuditWriter writer = new AsyncAuditWriter(event -> {});
    private final AnsweredRequests requests = new AnsweredRequests(writer);

    @AfterEach
    void stopWriter() throws InterruptedException {
        writer.close();
    }

    @Test
    void aRequestAnsweredButNotFinishedIsWaitedFor() throws Exception {
        SystemRequestDetails request = new SystemRequestDetails();
        requests.handled(request);

        assertThat(writer.awaitIdle(Duration.ofMillis(50))).as("its completion hooks have not run").isFalse();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> awaitQuietly(Duration.ofSeconds(10)));
        Thread.sleep(100);
        assertThat(waiting).isNotDone();
        requests.completed(request);
        assertThat(waiting.get()).isTrue();
    }

    @Test
    void aRequestCountsOnceHoweverOftenItsHooksRun() throws Exception {
        SystemRequestDetails request = new SystemRequestDetails();
        requests.handled(request);
        requests.handled(request);
        requests.completed(request);

        assertThat(writer.awaitIdle(Duration.ofMillis(50))).isTrue();

        requests.completed(request);
        SystemRequestDetails next = new SystemRequestDetails();
        requests.handled(next);
        assertThat(writer.awaitIdle(Duration.ofMillis(50)))
                .as("a second completion of the first request does not finish the next one").isFalse();
    }

    @Test
    void aTransactionEntryIsNotCountedApartFromItsRequest() throws Exception {
        SystemRequestDetails entry = new SystemRequestDetails();
        entry.setSubRequest(true);
        requests.handled(entry);

        assertThat(writer.awaitIdle(Duration.ofMillis(50))).isTrue();
    }

    @Test
    void aRequestThatFailedBeforeItWasHandledDoesNotCount() throws Exception {
        requests.completed(new SystemRequestDetails());
        SystemRequestDetails handled = new SystemRequestDetails();
        requests.handled(handled);

        assertThat(writer.awaitIdle(Duration.ofMillis(50))).isFalse();
    }

    private boolean awaitQuietly(Duration timeout) {
        try {
            return writer.awaitIdle(timeout);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
