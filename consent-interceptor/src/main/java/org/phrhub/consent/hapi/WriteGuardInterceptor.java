package org.phrhub.consent.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.phrhub.consent.decision.AccessDecision;
import org.phrhub.consent.decision.AccessPolicy;
import org.phrhub.consent.decision.DataOwnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides every resource a request is about to store, at the storage layer, so that creates, updates,
 * patches, deletes and every entry of a transaction pass the same rule. A refusal aborts the whole
 * request before anything is committed.
 */
@Interceptor
public final class WriteGuardInterceptor {

    private static final Logger log = LoggerFactory.getLogger(WriteGuardInterceptor.class);

    private final AccessContexts contexts;
    private final AccessPolicy policy;
    private final Clock clock;

    public WriteGuardInterceptor(AccessContexts contexts, AccessPolicy policy, Clock clock) {
        this.contexts = contexts;
        this.policy = policy;
        this.clock = clock;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource, RequestDetails request) {
        requireWrite(request, resource, "create");
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        requireChange(request, oldResource);
        // Both versions: nobody may take over another patient's resource, nor move theirs elsewhere.
        requireWrite(request, oldResource, "change");
        requireWrite(request, newResource, "store");
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void beforeDelete(IBaseResource resource, RequestDetails request) {
        requireWrite(request, resource, "delete");
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void afterCreate(IBaseResource resource, RequestDetails request) {
        if (request != null) {
            WrittenResources.remember(request, resource);
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void afterUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        if (request != null) {
            WrittenResources.remember(request, newResource);
        }
    }

    private void requireChange(RequestDetails request, IBaseResource stored) {
        if (HubConsentService.isInternal(request)) {
            return;
        }
        contexts.of(request).ifPresent(access -> {
            if (policy.decideChange(access.reader().requester(), stored) instanceof AccessDecision.Deny deny) {
                throw Refusals.forbidden("You may not change this " + stored.fhirType() + ": " + deny.reason() + ".");
            }
        });
    }

    private void requireWrite(RequestDetails request, IBaseResource resource, String verb) {
        if (HubConsentService.isInternal(request)) {
            return;
        }
        AccessContext access = contexts.of(request)
                .orElseThrow(() -> Refusals.forbidden("The request carries no verified identity."));
        DataOwnership ownership = policy.compartment().ownershipOf(resource);
        AccessDecision decision = policy.decideWrite(access.reader(), resource, ownership, access::consentsOf, clock.instant());
        access.log().recordAll(ownership, decision);
        if (decision instanceof AccessDecision.Deny deny) {
            log.info("Refused to {} {} for {}: {}", verb, resource.fhirType(), access.reader().requester().describe(), deny.reason());
            throw Refusals.forbidden("You may not " + verb + " this " + resource.fhirType() + ": " + deny.reason() + ".");
        }
    }
}
