package org.phrhub.consent.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.dao.MatchResourceUrlService;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import java.util.IdentityHashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * HAPI's consent interceptor, minus two precautions the hub does not need. HAPI refuses
 * {@code _total=accurate} and {@code _summary=count} and blanks every {@code Bundle.total}, because it
 * drops hidden resources after the query ran. The hub narrows the query itself before it runs
 * ({@code SearchNarrowingInterceptor}), so the database counts only what the reader may see and the
 * totals are exact; they are kept.
 */
public final class ExactConsentInterceptor extends ConsentInterceptor {

    private static final String METADATA = "metadata";

    private final HubConsentService service;

    public ExactConsentInterceptor(HubConsentService service) {
        super(service);
        this.service = service;
    }

    @Override
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void interceptPreHandled(RequestDetails request) {
        if (METADATA.equals(request.getRequestPath())) {
            return;
        }
        ConsentOutcome outcome = service.startOperation(request, null);
        switch (outcome.getStatus()) {
            case REJECT -> throw new ForbiddenOperationException("Rejected by consent service", outcome.getOperationOutcome());
            case AUTHORIZED -> authorizeRequest(request);
            case PROCEED -> {
                // decided resource by resource from here on
            }
        }
    }

    /**
     * HAPI asks before it loads a search's matches, loading each one (and, for a search it keeps, every match
     * beyond the page too) only to ask, then loads the page again to send it. A search the hub narrowed finds only
     * what the reader may see, and every resource is still decided before it is sent ({@code willSeeResource}), so
     * that first load is skipped. A page of a kept search was narrowed when the search ran. A conditional write's
     * match is never sent, so it is always decided here.
     */
    @Override
    @Hook(value = Pointcut.STORAGE_PREACCESS_RESOURCES)
    public void interceptPreAccess(RequestDetails request, IPreResourceAccessDetails details) {
        boolean narrowed = request != null && (request.getRestOperationType() == RestOperationTypeEnum.GET_PAGE
                || service.searchWasNarrowed(request));
        if (narrowed && !MatchResourceUrlService.isDuringMatchUrlQuerySpan(request)) {
            return;
        }
        super.interceptPreAccess(request, details);
    }

    @Override
    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE)
    public void interceptOutgoingResponse(RequestDetails request, ResponseDetails response) {
        Map<Bundle, Integer> totals = totalsOf(response.getResponseResource());
        super.interceptOutgoingResponse(request, response);
        totals.forEach((bundle, total) -> bundle.setTotal(total));
        // Every resource has at least one version: an empty history means the reader may see none of
        // them, and must get the same answer as for a resource that does not exist.
        if (request.getRestOperationType() == RestOperationTypeEnum.HISTORY_INSTANCE
                && response.getResponseResource() instanceof Bundle history
                && history.getEntry().stream().noneMatch(Bundle.BundleEntryComponent::hasResource)) {
            throw new ResourceNotFoundException(request.getId());
        }
    }

    private static Map<Bundle, Integer> totalsOf(IBaseResource resource) {
        Map<Bundle, Integer> totals = new IdentityHashMap<>();
        if (resource instanceof Bundle bundle) {
            keepSearchTotal(bundle, totals);
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof Bundle inner) {
                    keepSearchTotal(inner, totals);
                }
            }
        }
        return totals;
    }

    /** Only search totals are exact; a history may hold versions the reader does not see, so its total goes. */
    private static void keepSearchTotal(Bundle bundle, Map<Bundle, Integer> totals) {
        if (bundle.getType() == Bundle.BundleType.SEARCHSET && bundle.hasTotal()) {
            totals.put(bundle, bundle.getTotal());
        }
    }
}
