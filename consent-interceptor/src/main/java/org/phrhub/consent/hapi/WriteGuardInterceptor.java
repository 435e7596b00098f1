package org.phrhub.consent.hapi;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Observation;
import org.phrhub.consent.audit.DataKind;
import org.phrhub.consent.decision.AccessDecision;
import org.phrhub.consent.decision.AccessPolicy;
import org.phrhub.consent.decision.DataOwnership;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
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
    private final ConsentRecords records;
    private final Clock clock;

    public WriteGuardInterceptor(AccessContexts contexts, AccessPolicy policy, ConsentRecords records, Clock clock) {
        this.contexts = contexts;
        this.policy = policy;
        this.records = records;
        this.clock = clock;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource, RequestDetails request) {
        requireWrite(request, resource, "create");
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        requireChange(request, oldResource, newResource);
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
        if (request == null) {
            return;
        }
        RequestDevices.forget(request, resource);
        requirePairedMonitor(request, resource);
        WrittenResources.remember(request, resource);
    }

    /** Before commit, when a transaction's references point at stored resources: a refusal rolls it all back. */
    private void requirePairedMonitor(RequestDetails request, IBaseResource resource) {
        if (HubConsentService.isInternal(request) || !(resource instanceof Observation reading)) {
            return;
        }
        contexts.of(request).ifPresent(access -> {
            Requester requester = access.reader().requester();
            if (!requester.hasRole(HubRole.DEVICE_GATEWAY)) {
                return; // only a gateway's readings must name a paired monitor
            }
            Optional<Device> monitor = reading.hasDevice()
                    ? RequestDevices.lookUp(request, reading.getDevice().getReference(), records::device)
                    : Optional.empty();
            if (policy.decideGatewayReading(requester, reading, monitor) instanceof AccessDecision.Deny deny) {
                log.info("Refused a reading for {}: {}", requester.describe(), deny.reason());
                throw Refusals.forbidden("You may not store this reading: " + deny.reason() + ".");
            }
        });
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void afterUpdate(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        if (request == null) {
            return;
        }
        RequestDevices.forget(request, newResource);
        // A reading sent again must still come from a monitor paired with its patient.
        requirePairedMonitor(request, newResource);
        WrittenResources.remember(request, newResource);
    }

    private void requireChange(RequestDetails request, IBaseResource stored, IBaseResource incoming) {
        if (HubConsentService.isInternal(request)) {
            return;
        }
        contexts.of(request).ifPresent(access -> {
            if (policy.decideChange(access.reader().requester(), stored, incoming) instanceof AccessDecision.Deny deny) {
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
        access.log().recordAll(ownership, decision, DataKind.of(resource));
        if (decision instanceof AccessDecision.Deny deny) {
            log.info("Refused to {} {} for {}: {}", verb, resource.fhirType(), access.reader().requester().describe(), deny.reason());
            throw Refusals.forbidden("You may not " + verb + " this " + resource.fhirType() + ": " + deny.reason() + ".");
        }
    }
}
