package org.phrhub.fhirserver.usage;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.phrhub.consent.hapi.RequesterResolver;
import org.phrhub.consent.requester.Requester;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the city charges its service providers for, counted per OAuth client for {@code /actuator/prometheus}:
 * data-API calls ({@code phrhub_api_calls_total{client}}) and the opt-ins given and revoked through them
 * ({@code phrhub_consents_total{client, change="created"|"revoked"}}). A Consent counts once its transaction has
 * committed, so a write that rolls back is not charged. Sign-ins are Keycloak's own metric (README, "Usage per
 * client"). Nothing here names a patient.
 */
@Interceptor
public final class UsageMeters {

    static final String API_CALLS = "phrhub.api.calls";
    static final String CONSENTS = "phrhub.consents";

    private final MeterRegistry registry;
    private final RequesterResolver requesters;
    /** One counter per client, built on its first call: a request costs a map look-up, not a meter registration. */
    private final Map<String, Counter> callsByClient = new ConcurrentHashMap<>();

    public UsageMeters(MeterRegistry registry, RequesterResolver requesters) {
        this.registry = registry;
        this.requesters = requesters;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void apiCall(RequestDetails request) {
        client(request).ifPresent(client -> callsByClient.computeIfAbsent(client, c -> Counter.builder(API_CALLS)
                .description("FHIR API calls with a verified token, per OAuth client").tag("client", c)
                .register(registry)).increment());
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(RequestDetails request, IBaseResource resource) {
        if (resource instanceof Consent consent && consent.getStatus() == Consent.ConsentState.ACTIVE) {
            countAfterCommit(request, "created");
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(RequestDetails request, IBaseResource previous, IBaseResource current) {
        if (previous instanceof Consent before && current instanceof Consent after) {
            boolean wasActive = before.getStatus() == Consent.ConsentState.ACTIVE;
            boolean isActive = after.getStatus() == Consent.ConsentState.ACTIVE;
            if (wasActive && !isActive) {
                countAfterCommit(request, "revoked");
            } else if (!wasActive && isActive) {
                countAfterCommit(request, "created");
            }
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(RequestDetails request, IBaseResource resource) {
        if (resource instanceof Consent consent && consent.getStatus() == Consent.ConsentState.ACTIVE) {
            countAfterCommit(request, "revoked");
        }
    }

    private void countAfterCommit(RequestDetails request, String change) {
        Optional<String> client = client(request);
        if (client.isEmpty()) {
            return; // the server's own work (seeding, jobs) is nobody's usage
        }
        Counter counter = Counter.builder(CONSENTS).description("Consents given and revoked through each OAuth client")
                .tag("client", client.get()).tag("change", change).register(registry);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
    }

    private Optional<String> client(RequestDetails request) {
        if (request == null || request instanceof SystemRequestDetails) {
            return Optional.empty();
        }
        return requesters.resolve(request).map(Requester::clientId).filter(id -> id != null && !id.isBlank());
    }
}
