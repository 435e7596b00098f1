package org.phrhub.consent.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.phrhub.consent.decision.CompartmentAccessPolicy;
import org.phrhub.consent.decision.PatientCompartment;
import org.phrhub.consent.requester.RequesterResolver;

/** Puts the hub's consent decisions in front of a HAPI FHIR server; the one place they are wired. */
public final class ConsentGuard {

    private final HubConsentService consentService;
    private final WriteGuardInterceptor writeGuard;

    public ConsentGuard(FhirContext fhirContext, RequesterResolver requesters) {
        CompartmentAccessPolicy policy = new CompartmentAccessPolicy(new PatientCompartment(fhirContext));
        this.consentService = new HubConsentService(requesters, policy);
        this.writeGuard = new WriteGuardInterceptor(requesters, policy);
    }

    public void registerWith(RestfulServer server) {
        server.registerInterceptor(new ConsentInterceptor(consentService));
        server.registerInterceptor(writeGuard);
    }
}
