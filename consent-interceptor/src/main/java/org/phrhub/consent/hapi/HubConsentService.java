package org.phrhub.consent.hapi;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOperationStatusEnum;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.phrhub.consent.audit.AuditTrail;
import org.phrhub.consent.audit.DataKind;
import org.phrhub.consent.decision.AccessDecision;
import org.phrhub.consent.decision.AccessPolicy;
import org.phrhub.consent.decision.DataOwnership;
import org.phrhub.consent.decision.RequestedOperation;
import org.phrhub.consent.decision.ResourceTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link AccessPolicy} through HAPI's consent interceptor: the request as a whole when it
 * starts, then every resource the storage layer loads ({@code canSeeResource}) and every resource
 * about to be sent ({@code willSeeResource}). A resource the reader may not see is dropped, so reading
 * it answers exactly like reading a resource that does not exist. When the request ends, its
 * decisions go to the audit trail.
 */
public final class HubConsentService implements IConsentService {

    private static final Logger log = LoggerFactory.getLogger(HubConsentService.class);

    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(
            RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.PATCH,
            RestOperationTypeEnum.TRANSACTION,
            RestOperationTypeEnum.BATCH);

    private static final Set<RequestTypeEnum> WRITING_VERBS = EnumSet.of(RequestTypeEnum.POST, RequestTypeEnum.PUT, RequestTypeEnum.PATCH);

    private final AccessContexts contexts;
    private final AccessPolicy policy;
    private final AuditTrail audit;
    private final Clock clock;

    public HubConsentService(AccessContexts contexts, AccessPolicy policy, AuditTrail audit, Clock clock) {
        this.contexts = contexts;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices context) {
        if (isInternal(request)) {
            return ConsentOutcome.AUTHORIZED;
        }
        Optional<AccessContext> access = contexts.of(request);
        if (access.isEmpty()) {
            return reject("The request carries no verified identity.");
        }
        AccessDecision decision = policy.decideOperation(access.get().reader().requester(), operationOf(request));
        if (decision instanceof AccessDecision.Deny deny) {
            log.info("Refused {} for {}: {}", request.getRequestPath(), access.get().reader().requester().describe(), deny.reason());
            access.get().log().refused(deny.reason());
            return reject(Refusals.sentence(deny.reason()));
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

    @Override
    public void completeOperationSuccess(RequestDetails request, IConsentContextServices context) {
        finish(request);
    }

    @Override
    public void completeOperationFailure(RequestDetails request, BaseServerResponseException exception,
            IConsentContextServices context) {
        if (exception.getStatusCode() == 403 && !isInternal(request)) {
            contexts.existing(request).ifPresent(access -> access.log().refused(exception.getMessage()));
        }
        finish(request);
    }

    private void finish(RequestDetails request) {
        if (isInternal(request) || request.isSubRequest()) {
            return;
        }
        contexts.existing(request).ifPresent(access -> audit.requestFinished(
                access.reader(), access.log(), interactionOf(request), requestLine(request)));
    }

    /** Whether this request's search was narrowed to what its reader may see before it ran. */
    boolean searchWasNarrowed(RequestDetails request) {
        return !isInternal(request) && contexts.existing(request).map(AccessContext::searchNarrowed).orElse(false);
    }

    /** Both hooks ask the same question: storage asks when it loads a resource, the server before it sends one. */
    private ConsentOutcome decideShow(RequestDetails request, IBaseResource resource) {
        if (isInternal(request)) {
            return ConsentOutcome.AUTHORIZED;
        }
        Optional<AccessContext> found = contexts.of(request);
        if (found.isEmpty()) {
            return ConsentOutcome.REJECT;
        }
        AccessContext access = found.get();
        if (access.isContainedInDecided(resource) || resource.getIdElement().isLocal()) {
            // A contained resource is part of its container and was decided with it. Deciding it again
            // would let HAPI remove it from the container's list while walking that very list.
            return ConsentOutcome.AUTHORIZED;
        }
        if (isConditionalMatch(request, access, resource)) {
            return ConsentOutcome.PROCEED;
        }
        access.decidedWithContents(resource);
        DataOwnership ownership = policy.compartment().ownershipOf(resource);
        AccessDecision decision = policy.decideRead(access.reader(), resource, ownership, access::consentsOf, clock.instant());
        if (decision.isPermit()) {
            access.log().recordAll(ownership, decision, DataKind.of(resource));
            // Settled for this resource, so HAPI does not ask again before sending it; envelopes
            // stay open so that the resources inside them are still decided one by one.
            return ResourceTypes.isEnvelope(resource) ? ConsentOutcome.PROCEED : ConsentOutcome.AUTHORIZED;
        }
        // A writer that may not read (a machine client) still gets back what it has just stored.
        if (WRITES.contains(request.getRestOperationType()) && WrittenResources.wereWrittenIn(request, resource)) {
            return ConsentOutcome.PROCEED;
        }
        access.log().recordAll(ownership, decision, DataKind.of(resource));
        return ConsentOutcome.REJECT;
    }

    /**
     * HAPI shows a conditional write's match to the consent service before using it; a machine writer may
     * have it matched (see {@link AccessPolicy#mayResolveConditionalWrite}). Only while writing: a read
     * entry of a transaction carries the transaction's operation type too, but its own verb, GET.
     */
    private boolean isConditionalMatch(RequestDetails request, AccessContext access, IBaseResource resource) {
        return WRITING_VERBS.contains(request.getRequestType())
                && WRITES.contains(request.getRestOperationType())
                && policy.mayResolveConditionalWrite(access.reader().requester(), resource.fhirType());
    }

    /** Work the server does on its own behalf (start-up, jobs, seeding) rather than for a caller. */
    static boolean isInternal(RequestDetails request) {
        return request == null || request instanceof SystemRequestDetails;
    }

    static RequestedOperation operationOf(RequestDetails request) {
        String resourceId = request.getId() != null && request.getId().hasIdPart()
                ? request.getId().getIdPart()
                : null;
        return new RequestedOperation(
                request.getRestOperationType(),
                Optional.ofNullable(request.getResourceName()),
                Optional.ofNullable(resourceId),
                Optional.ofNullable(request.getOperation()));
    }

    static String interactionOf(RequestDetails request) {
        RestOperationTypeEnum type = request.getRestOperationType();
        return type == null ? "operation" : type.getCode();
    }

    /** Method and path only: a query string could name other patients, and each patient reads this line. */
    static String requestLine(RequestDetails request) {
        return request.getRequestType() + " " + request.getRequestPath();
    }

    private static ConsentOutcome reject(String message) {
        return new ConsentOutcome(ConsentOperationStatusEnum.REJECT, Refusals.outcome(message));
    }
}
