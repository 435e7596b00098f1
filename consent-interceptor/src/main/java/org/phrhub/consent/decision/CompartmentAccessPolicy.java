package org.phrhub.consent.decision;

import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.BATCH;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.CREATE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.DELETE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.GET_PAGE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.HISTORY_INSTANCE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.HISTORY_SYSTEM;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.HISTORY_TYPE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.METADATA;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.PATCH;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.READ;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.SEARCH_SYSTEM;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.SEARCH_TYPE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.TRANSACTION;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.UPDATE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.VREAD;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;

/**
 * The hub's first access rules, before patients' Consents are consulted: default deny; a patient
 * reads and writes their own compartment; signed-in people read directory data (organizations,
 * practitioners); machine clients write only what their role is for and read nothing.
 */
public final class CompartmentAccessPolicy {

    /** Interactions whose results the consent layer filters resource by resource. */
    private static final Set<RestOperationTypeEnum> FILTERED_READS =
            EnumSet.of(READ, VREAD, SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, GET_PAGE);

    /** Interactions whose every stored resource passes {@link #decideWrite}. */
    private static final Set<RestOperationTypeEnum> GUARDED_WRITES =
            EnumSet.of(CREATE, UPDATE, PATCH, DELETE, TRANSACTION, BATCH);

    private static final String EVERYTHING = "$everything";

    private final PatientCompartment compartment;

    public CompartmentAccessPolicy(PatientCompartment compartment) {
        this.compartment = compartment;
    }

    /** Whether the request may start at all; what it then reads or writes is decided per resource. */
    public AccessDecision decideOperation(Requester requester, RequestedOperation operation) {
        RestOperationTypeEnum type = operation.type();
        if (type == METADATA) {
            return AccessDecision.permit("the capability statement is public");
        }
        if (requester.roles().isEmpty()) {
            return AccessDecision.deny(requester.describe() + " holds no PHR Hub role; ask an administrator to grant one");
        }
        if (!requester.isPerson()) {
            if (GUARDED_WRITES.contains(type) && type != DELETE && !writableTypes(requester).isEmpty()) {
                return AccessDecision.permit(requester.describe() + " writes for its role");
            }
            return AccessDecision.deny(requester.describe() + " may not " + operation.describe()
                    + ": machine clients only write what their role allows and read nothing");
        }
        if (FILTERED_READS.contains(type) || GUARDED_WRITES.contains(type)) {
            return AccessDecision.permit("each resource is decided on its own");
        }
        if (isOwnEverything(requester, operation)) {
            return AccessDecision.permit("a patient may fetch their own record");
        }
        return AccessDecision.deny(operation.describe() + " is not available to " + requester.describe()
                + ": the hub cannot yet decide its results resource by resource");
    }

    public AccessDecision decideRead(Requester requester, IBaseResource resource) {
        String type = resource.fhirType();
        if (ResourceTypes.RESPONSE_ENVELOPES.contains(type)) {
            return AccessDecision.permit(type + " is an envelope; its entries are decided one by one");
        }
        if (!requester.isPerson()) {
            return AccessDecision.deny(requester.describe() + " reads no data");
        }
        return switch (compartment.ownershipOf(resource)) {
            case DataOwnership.NotPatientData ignored -> AccessDecision.permit(type + " is directory data");
            case DataOwnership.PatientData data -> {
                Optional<String> self = requester.ownPatientReference();
                if (self.isPresent() && data.patients().contains(self.get())) {
                    yield AccessDecision.permit("own record of " + self.get());
                }
                yield AccessDecision.deny("no consent lets " + requester.describe() + " read this " + type);
            }
        };
    }

    public AccessDecision decideWrite(Requester requester, IBaseResource resource) {
        String type = resource.fhirType();
        Set<String> machineTypes = writableTypes(requester);
        if (!machineTypes.isEmpty()) {
            return machineTypes.contains(type)
                    ? AccessDecision.permit(requester.describe() + " may write " + type)
                    : AccessDecision.deny(requester.describe() + " may not write " + type
                            + "; its role allows " + String.join(", ", machineTypes.stream().sorted().toList()));
        }
        Optional<String> self = requester.ownPatientReference();
        if (self.isEmpty()) {
            return AccessDecision.deny(requester.describe() + " may not write into patient records yet");
        }
        if (ResourceTypes.SERVER_MANAGED.contains(type)) {
            return AccessDecision.deny(type + " is written by the hub itself, not by its users");
        }
        return switch (compartment.ownershipOf(resource)) {
            case DataOwnership.NotPatientData ignored ->
                    AccessDecision.deny("a patient writes only their own record; " + type + " is directory data");
            case DataOwnership.PatientData data -> data.belongsOnlyTo(self.get())
                    ? AccessDecision.permit("own record of " + self.get())
                    : AccessDecision.deny("a patient writes only their own record: this " + type
                            + " must refer to " + self.get() + " and to no other patient");
        };
    }

    private static Set<String> writableTypes(Requester requester) {
        if (requester.hasRole(HubRole.DEVICE_GATEWAY)) {
            return ResourceTypes.DEVICE_GATEWAY_WRITES;
        }
        if (requester.hasRole(HubRole.EHR_IMPORTER)) {
            return ResourceTypes.CLINICAL;
        }
        return Set.of();
    }

    private static boolean isOwnEverything(Requester requester, RequestedOperation operation) {
        return operation.type() == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                && operation.operationName().filter(EVERYTHING::equals).isPresent()
                && operation.resourceType().filter("Patient"::equals).isPresent()
                && operation.resourceId()
                        .map(id -> "Patient/" + id)
                        .equals(requester.ownPatientReference());
    }
}
