package org.phrhub.fhirserver.consent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.phrhub.consent.audit.AuditSink;

/**
 * Counts the consent layer's decisions by outcome for {@code /actuator/prometheus}
 * ({@code phrhub_consent_decisions_total{outcome="permit"|"deny"}}) once they are stored. A decision
 * is what the audit trail records: one AuditEvent per request and patient touched. Counted from the AuditEvents
 * so the metric and the patients' access logs cannot disagree; it carries no patient data.
 */
final class ConsentDecisionCounter implements AuditSink {

    static final String METER = "phrhub.consent.decisions";

    private final Counter permits;
    private final Counter denials;
    private final AuditSink next;

    ConsentDecisionCounter(MeterRegistry registry, AuditSink next) {
        this.permits = counter(registry, "permit");
        this.denials = counter(registry, "deny");
        this.next = next;
    }

    @Override
    public void store(List<AuditEvent> events) {
        next.store(events);
        // Counted once stored: a batch stored again after a failure is not counted twice.
        events.forEach(event -> (event.getOutcome() == AuditEventOutcome._0 ? permits : denials).increment());
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(METER)
                .description("Consent decisions, one per request and patient touched, as the audit trail records them")
                .tag("outcome", outcome)
                .register(registry);
    }
}
