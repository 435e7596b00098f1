package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOperationStatusEnum;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.phrhub.consent.decision.AccessDecision;
import org.phrhub.consent.decision.CompartmentAccessPolicy;
import org.phrhub.consent.decision.RequestedOperation;
import org.phrhub.consent.requester.Requester;
import org.phrhub.consent.requester.RequesterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link CompartmentAccessPolicy} through HAPI's consent interceptor: the request as a whole
 * when it starts, then every resource the storage layer loads ({@code canSeeResource}) and every
 * resource about to be sent ({@code willSeeResource}). A resource the reader may not see is dropped,
 * so a single read of it answers exactly like a read of a resource that does not exist.
 */
public final class HubConsentService implements IConsentService {

    private static final Logger log = LoggerFactory.getLogger(HubConsentService.class);

    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(
            RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.PATCH,
            RestOperationTypeEnum.TRANSACTION,
            RestOperationTypeEnum.BATCH);

    private final RequesterResolver requesters;
    private final CompartmentAccessPolicy policy;

    public HubConsentService(RequesterResolver requesters, CompartmentAccessPolicy policy) {
        this.requesters = requesters;
        this.policy = policy;
    }

    @Override
    public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices context) {
        if (isInternal(request)) {
            return ConsentOutcome.AUTHORIZED;
        }
        Optional<Requester> requester = requesters.resolve(request);
        if (requester.isEmpty()) {
            return reject("The request carries no verified identity.");
        }
        AccessDecision decision = policy.decideOperation(requester.get(), operationOf(request));
        if (decision instanceof AccessDecision.Deny deny) {
            log.info("Refused {} for {}: {}", request.getRequestPath(), requester.get().describe(), deny.reason());
            return reject(capitalize(deny.reason()) + ".");
        }
        return ConsentOutcome.PROCEED;
    }

    @Override
    public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
        return decideShow(request, resource);
    }

    @Override
    public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices context) {
        return decideShow(request, resource);
    }

    /** Both hooks ask the same question: storage asks when it loads a resource, the server before it sends one. */
    private ConsentOutcome decideShow(RequestDetails request, IBaseResource resource) {
        if (isInternal(request)) {
            return ConsentOutcome.AUTHORIZED;
        }
        Optional<Requester> requester = requesters.resolve(request);
        if (requester.isEmpty()) {
            return ConsentOutcome.REJECT;
        }
        if (policy.decideRead(requester.get(), resource).isPermit()) {
            return ConsentOutcome.PROCEED;
        }
        // A writer that may not read (a machine client) still gets back what it has just stored.
        if (WRITES.contains(request.getRestOperationType()) && WrittenResources.wereWrittenIn(request, resource)) {
            return ConsentOutcome.PROCEED;
        }
        return ConsentOutcome.REJECT;
    }

    /** Work the server does on its own behalf (start-up, jobs, seeding) rather than for a caller. */
    static boolean isInternal(RequestDetails request) {
        return request == null || request instanceof SystemRequestDetails;
    }

    private static RequestedOperation operationOf(RequestDetails request) {
        String resourceId = request.getId() != null && request.getId().hasIdPart()
                ? request.getId().getIdPart()
                : null;
        return new RequestedOperation(
                request.getRestOperationType(),
                Optional.ofNullable(request.getResourceName()),
                Optional.ofNullable(resourceId),
                Optional.ofNullable(request.getOperation()));
    }

    private static ConsentOutcome reject(String message) {
        return new ConsentOutcome(ConsentOperationStatusEnum.REJECT, Refusals.outcome(message));
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
