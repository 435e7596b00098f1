package org.phrhub.fhirserver.admission;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many requests of the machine clients that write in bulk one node works on at once. The rest wait their
 * turn, so that gateways and importers, however many, never take every database connection from the
 * clinicians and residents reading (who are not limited).
 *
 * @param deviceGatewayConcurrency gateways' requests at once on this node
 * @param ehrImporterConcurrency   importers' requests at once on this node (an import job in the background counts
 *                                 only while its request is answered)
 * @param maxWait                  how long a request waits for its turn before it is answered 503 with Retry-After
 *                                 (the gateway then retries, its readings kept in its outbox)
 */
@ConfigurationProperties("phrhub.admission")
public record AdmissionProperties(
        @DefaultValue("3") int deviceGatewayConcurrency,
        @DefaultValue("2") int ehrImporterConcurrency,
        @DefaultValue("30s") Duration maxWait) {

    public AdmissionProperties {
        if (deviceGatewayConcurrency < 1 || ehrImporterConcurrency < 1) {
            throw new IllegalStateException("phrhub.admission.*-concurrency must be at least 1, not "
                    + Math.min(deviceGatewayConcurrency, ehrImporterConcurrency));
        }
    }
}
