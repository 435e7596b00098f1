package org.phrhub.consent.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AnsweredRequestsTest {

    private final AnsweredRequests requests = new AnsweredRequests();

    @Test
    void aRequestAnsweredButNotFinishedIsWaitedFor() throws Exception {
        SystemRequestDetails request = new SystemRequestDetails();
        requests.handled(request);

        assertThat(requests.awaitFinished(deadlineIn(Duration.ofMillis(50)))).as("its completion hooks have not run").isFalse();

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

        assertThat(requests.awaitFinished(deadlineIn(Duration.ofMillis(50)))).isTrue();

        requests.completed(request);
        SystemRequestDetails next = new SystemRequestDetails();
        requests.handled(next);
        assertThat(requests.awaitFinished(deadlineIn(Duration.ofMillis(50))))
                .as("a second completion of the first request does not finish the next one").isFalse();
    }

    @Test
    void aTransactionEntryIsNotCountedApartFromItsRequest() throws Exception {
        SystemRequestDetails entry = new SystemRequestDetails();
        entry.setSubRequest(true);
        requests.handled(entry);

        assertThat(requests.awaitFinished(deadlineIn(Duration.ofMillis(50)))).isTrue();
    }

    @Test
    void aRequestThatFailedBeforeItWasHandledDoesNotCount() throws Exception {
        requests.completed(new SystemRequestDetails());
        SystemRequestDetails handled = new SystemRequestDetails();
        requests.handled(handled);

        assertThat(requests.awaitFinished(deadlineIn(Duration.ofMillis(50)))).isFalse();
    }

    private boolean awaitQuietly(Duration timeout) {
        try {
            return requests.awaitFinished(deadlineIn(timeout));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long deadlineIn(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }
}
