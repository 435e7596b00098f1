package org.phrhub.consent.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Consent;
import org.phrhub.consent.ConsentSettings;
import org.phrhub.consent.audit.AsyncAuditWriter;
import org.phrhub.consent.audit.AuditSink;
import org.phrhub.consent.audit.AuditTrail;
import org.phrhub.consent.decision.AccessPolicy;
import org.phrhub.consent.decision.ConsentDecisionEngine;
import org.phrhub.consent.decision.DataDescriber;
import org.phrhub.consent.decision.PatientCompartment;
import org.phrhub.consent.explain.AccessExplainer;
import org.phrhub.consent.explain.ConsentSource;

/**
 * Puts the hub's consent decisions in front of a HAPI FHIR server; the one place they are wired.
 * Closing it stores every AuditEvent still queued.
 */
public final class ConsentGuard implements AutoCloseable {

    private final ExactConsentInterceptor consentInterceptor;
    private final WriteGuardInterceptor writeGuard;
    private final SearchNarrowingInterceptor searchNarrowing;
    private final AccessExplainProvider explainProvider;
    private final AsyncAuditWriter auditWriter;
    private final AuditTrail audit;
    private final AccessContexts contexts;
    private final AnsweredRequests answeredRequests;

    /**
     * @param versions values read on each request to know whether the Consents and affiliations kept from
     *     earlier requests still hold
     */
    public ConsentGuard(FhirContext fhirContext, RequesterResolver requesters, DaoRegistry daos,
            RecordVersions versions, ConsentSettings settings, AuditSink auditSink, Clock clock) {
        ConsentDecisionEngine engine = new ConsentDecisionEngine(settings.breakTheGlassEnabled());
        AccessPolicy policy = new AccessPolicy(new PatientCompartment(fhirContext), new DataDescriber(fhirContext), engine,
                settings.importerOperations());
        ConsentRecords records = new ConsentRecords(daos);
        PatientConsents consents = new PatientConsents(records, versions);
        Affiliations affiliations = new Affiliations(records, versions::directory);
        AccessContexts contexts = new AccessContexts(requesters, consents, affiliations, settings);
        this.auditWriter = new AsyncAuditWriter(auditSink);
        this.answeredRequests = new AnsweredRequests(auditWriter);
        this.audit = new AuditTrail(auditWriter, clock);
        this.contexts = contexts;
        this.consentInterceptor = new ExactConsentInterceptor(new HubConsentService(contexts, policy, audit, clock));
        this.writeGuard = new WriteGuardInterceptor(contexts, policy, records, clock);
        this.searchNarrowing = new SearchNarrowingInterceptor(contexts, records, policy, fhirContext, clock);
        this.explainProvider = new AccessExplainProvider(new AccessExplainer(new KeptRecords(consents, affiliations), engine, settings, clock), contexts);
    }

    public void registerWith(RestfulServer server) {
        server.registerInterceptor(answeredRequests);
        server.registerInterceptor(consentInterceptor);
        server.registerInterceptor(writeGuard);
        server.registerInterceptor(searchNarrowing);
        server.registerProvider(explainProvider);
    }

    /**
     * Takes the guard off a server before it takes its first request; only the enforcement benchmark does this,
     * for the unenforced server it measures against.
     */
    public void unregisterFrom(RestfulServer server) {
        server.unregisterInterceptor(answeredRequests);
        server.unregisterInterceptor(consentInterceptor);
        server.unregisterInterceptor(writeGuard);
        server.unregisterInterceptor(searchNarrowing);
    }

    /**
     * The audit trail for what this request's operation writes into patients' records on the server's own
     * authority, after the access rules let it start (the EHR import).
     */
    public WriteAudit writeAudit(RequestDetails request, String reason) {
        AccessContext access = contexts.of(request).orElseThrow(() -> Refusals.forbidden("The request carries no verified identity."));
        return new WriteAudit(audit, access.reader(), HubConsentService.interactionOf(request),
                HubConsentService.requestLine(request), reason);
    }

    /**
     * Waits until the audit trail has stored every event of the requests answered so far, including those
     * whose answer reached the client before the request had handed its decisions over.
     */
    public boolean awaitAuditTrail(Duration timeout) throws InterruptedException {
        return auditWriter.awaitIdle(timeout);
    }

    /** AuditEvents waiting to be stored (besides the batch being written): what an abrupt stop of this node would lose. */
    public int auditEventsQueued() {
        return auditWriter.queued();
    }

    @Override
    public void close() throws InterruptedException {
        auditWriter.close();
    }

    /** What {@code $access-explain} reads, as checked on each request like the rest of the guard's. */
    private record KeptRecords(PatientConsents consents, Affiliations affiliations) implements ConsentSource {

        @Override
        public List<Consent> activeConsentsOf(Collection<String> patients) {
            return consents.of(patients).values().stream().flatMap(List::stream).toList();
        }

        @Override
        public Set<String> actorReferencesOf(String practitioner) {
            return affiliations.of(practitioner);
        }
    }
}
