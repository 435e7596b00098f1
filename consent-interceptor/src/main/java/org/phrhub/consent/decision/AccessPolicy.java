package org.phrhub.consent.decision;

import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.BATCH;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.CREATE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.DELETE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.GET_PAGE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.HISTORY_INSTANCE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.METADATA;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.PATCH;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.READ;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.SEARCH_TYPE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.TRANSACTION;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.UPDATE;
import static ca.uhn.fhir.rest.api.RestOperationTypeEnum.VREAD;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.V3ActReason;

/**
 * The hub's access rules. Default deny. A patient reads and writes their own record and manages
 * their own Consents. Physicians, pharmacists and the city broker read a patient's data only as that
 * patient's Consents allow ({@link ConsentDecisionEngine}); clinicians write it only under a treatment
 * permit, and read besides the Consents and Appointments addressed to them. Signed-in people read
 * directory data, clinicians' Schedules and Slots included; residents book a free Slot for themselves
 * ({@link #BOOK}), which is the only way a Slot changes. Machine clients write what their role is for and
 * read nothing. The audit trail is read by its patient and by auditors. An app of a resident's own is
 * held besides to the SMART scopes its token was granted ({@link AppScopeRules}).
 */
public final class AccessPolicy {

    /** Interactions whose results are narrowed and decided resource by resource. */
    private static final Set<RestOperationTypeEnum> FILTERED_READS =
            EnumSet.of(READ, VREAD, SEARCH_TYPE, HISTORY_INSTANCE, GET_PAGE);

    /** Interactions whose every stored resource passes {@link #decideWrite}. */
    private static final Set<RestOperationTypeEnum> GUARDED_WRITES =
            EnumSet.of(CREATE, UPDATE, PATCH, DELETE, TRANSACTION, BATCH);

    private static final String EVERYTHING = "$everything";
    public static final String ACCESS_EXPLAIN = "$access-explain";
    /** {@code POST Slot/{id}/$book}: a resident books a free slot for themselves (the host's booking provider). */
    public static final String BOOK = "$book";

    private final PatientCompartment compartment;
    private final DataDescriber describer;
    private final ConsentDecisionEngine engine;
    private final Set<String> importerOperations;

    /**
     * @param importerOperations the host's operations for the regional EHR importer alone (imports, enrolment
     *                           of patient numbers, the identity review list), as the host names them
     */
    public AccessPolicy(PatientCompartment compartment, DataDescriber describer, ConsentDecisionEngine engine,
            Set<String> importerOperations) {
        this.compartment = compartment;
        this.describer = describer;
        this.engine = engine;
        this.importerOperations = Set.copyOf(importerOperations);
    }

    public ConsentDecisionEngine engine() {
        return engine;
    }

    public PatientCompartment compartment() {
        return compartment;
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
        if (requester.appScopes().isPresent()) {
            AccessDecision scoped = AppScopeRules.decideOperation(requester, requester.appScopes().get(), operation);
            if (!scoped.isPermit()) {
                return scoped;
            }
        }
        boolean reads = isConsentGoverned(requester) || requester.isPerson();
        boolean writes = requester.isPerson() || !writableTypes(requester).isEmpty();
        if ((type == TRANSACTION || type == BATCH) && (reads || writes)) {
            // Reads and writes inside the bundle pass the same per-resource decisions as on their own.
            return AccessDecision.permit("each entry is decided on its own");
        }
        if (GUARDED_WRITES.contains(type)) {
            return writes && (type != DELETE || requester.isPerson())
                    ? AccessDecision.permit("each resource written is decided on its own")
                    : AccessDecision.deny(requester.describe() + " may not " + operation.describe()
                            + ": its role does not write data");
        }
        if (type == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
                && operation.operationName().filter(importerOperations::contains).isPresent()) {
            return requester.hasRole(HubRole.EHR_IMPORTER)
                    ? AccessDecision.permit("the EHR importer imports hospital records and enrols their patient numbers")
                    : AccessDecision.deny(operation.describe() + " is for the ehr-importer client only, not for "
                            + requester.describe());
        }
        if (!reads) {
            return AccessDecision.deny(requester.describe() + " may not " + operation.describe()
                    + ": machine clients only write what their role allows and read nothing");
        }
        if ((type == VREAD || type == HISTORY_INSTANCE) && operation.resourceType().filter("Consent"::equals).isPresent()
                && requester.ownPatientReference().isEmpty()) {
            // Earlier versions of a Consent, revoked ones too, are its patient's; others read the current one.
            return AccessDecision.deny("the versions of a Consent are for its patient; read Consent/"
                    + operation.resourceId().orElse("<id>") + " instead");
        }
        if (FILTERED_READS.contains(type)) {
            return AccessDecision.permit("each resource is decided on its own");
        }
        if (isInstanceOperation(operation, EVERYTHING) && (isOwnPatient(requester, operation) || isConsentGoverned(requester))) {
            return AccessDecision.permit("the record is decided resource by resource");
        }
        if (isBooking(operation)) {
            // The host's provider books for the requester alone; nobody else books in a resident's name.
            return requester.ownPatientReference().isPresent()
                    ? AccessDecision.permit("a resident books a free slot for themselves")
                    : AccessDecision.deny(BOOK + " is for residents booking for themselves, not for " + requester.describe());
        }
        if (isInstanceOperation(operation, ACCESS_EXPLAIN) && isOwnPatient(requester, operation)) {
            return AccessDecision.permit("a patient may ask who can see their record");
        }
        if (isInstanceOperation(operation, ACCESS_EXPLAIN) && isClinician(requester)) {
            // The answer is about the clinician alone (the explanation provider holds them to it).
            return AccessDecision.permit("a clinician may ask what they themselves may see of a record");
        }
        return AccessDecision.deny(operation.describe() + " is not available to " + requester.describe()
                + ": the hub cannot decide its results resource by resource");
    }

    public AccessDecision decideRead(Reader reader, IBaseResource resource, Function<String, List<Consent>> consents, Instant now) {
        return decideRead(reader, resource, compartment.ownershipOf(resource), consents, now);
    }

    /** As above, for a caller that already knows whose data the resource is. */
    public AccessDecision decideRead(Reader reader, IBaseResource resource, DataOwnership ownership,
            Function<String, List<Consent>> consents, Instant now) {
        Requester requester = reader.requester();
        String type = resource.fhirType();
        if (ResourceTypes.RESPONSE_ENVELOPES.contains(type)) {
            return AccessDecision.permit(type + " is an envelope; its entries are decided one by one");
        }
        if (requester.appScopes().isPresent()) {
            AccessDecision scoped = AppScopeRules.decideRead(requester, requester.appScopes().get(), type, ownership);
            if (!scoped.isPermit()) {
                return scoped;
            }
        }
        if (!requester.isPerson() && !isConsentGoverned(requester)) {
            return AccessDecision.deny(requester.describe() + " reads no data");
        }
        if (!(ownership instanceof DataOwnership.PatientData data)) {
            return AccessDecision.permit(type + " is directory data");
        }
        Optional<String> self = requester.ownPatientReference();
        if (self.isPresent() && data.patients().contains(self.get())) {
            return AccessDecision.permit("own record of " + self.get());
        }
        if (resource instanceof Appointment appointment && isClinician(requester)
                && AppointmentParticipants.names(appointment, reader)) {
            // A booking addressed to the clinician is theirs to see before the patient shares anything,
            // and so is one that names no patient yet.
            return AccessDecision.permit("the Appointment names " + requester.describe() + " as a participant");
        }
        if ("Schedule".equals(type) && data.patients().isEmpty()) {
            // A clinician's or a service's opening hours, which residents book from, not anyone's record.
            return AccessDecision.permit("a Schedule that names no patient is directory data");
        }
        if (data.patients().isEmpty()) {
            return AccessDecision.deny("this " + type + " belongs to no patient");
        }
        if ("Consent".equals(type)) {
            return decideConsentRead(reader, (Consent) resource);
        }
        if ("AuditEvent".equals(type)) {
            return requester.hasRole(HubRole.AUDITOR)
                    ? AccessDecision.permit("auditors read the audit trail")
                    : AccessDecision.deny("only the patient and auditors read the audit trail");
        }
        if (!isConsentGoverned(requester)) {
            return AccessDecision.deny("no consent lets " + requester.describe() + " read this " + type);
        }
        return decideByConsents(reader, resource, data.patients(), consents, AccessKind.READ, now);
    }

    /**
     * Someone else's Consent: a clinician reads the active ones that name them (or an organization, role or
     * care team they act for) anywhere in their provisions, the same rule their Consent searches follow. A
     * revoked Consent, and a patient named in another patient's Consent, see nothing.
     */
    private static AccessDecision decideConsentRead(Reader reader, Consent consent) {
        Requester requester = reader.requester();
        if (!isClinician(requester)) {
            return AccessDecision.deny("only the patient and the clinicians it names read a Consent");
        }
        if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
            return AccessDecision.deny("the Consent is not active");
        }
        return ConsentActors.named(consent).stream().anyMatch(reader.actorReferences()::contains)
                ? AccessDecision.permit("the Consent names " + requester.describe())
                : AccessDecision.deny("the Consent does not name " + requester.describe());
    }

    public AccessDecision decideWrite(Reader reader, IBaseResource resource, Function<String, List<Consent>> consents, Instant now) {
        return decideWrite(reader, resource, compartment.ownershipOf(resource), consents, now);
    }

    /** As above, for a caller that already knows whose data the resource is. */
    public AccessDecision decideWrite(Reader reader, IBaseResource resource, DataOwnership ownership,
            Function<String, List<Consent>> consents, Instant now) {
        Requester requester = reader.requester();
        String type = resource.fhirType();
        if (requester.appScopes().isPresent()) {
            AccessDecision scoped = AppScopeRules.decideWrite(requester, requester.appScopes().get(), type, ownership);
            if (!scoped.isPermit()) {
                return scoped;
            }
        }
        Set<String> machineTypes = writableTypes(requester);
        if (!machineTypes.isEmpty()) {
            return machineTypes.contains(type)
                    ? AccessDecision.permit(requester.describe() + " may write " + type)
                    : AccessDecision.deny(requester.describe() + " may not write " + type
                            + "; its role allows " + String.join(", ", machineTypes.stream().sorted().toList()));
        }
        if (ResourceTypes.SERVER_MANAGED.contains(type)) {
            return AccessDecision.deny(type + " is written by the hub itself, not by its users");
        }
        Optional<String> self = requester.ownPatientReference();
        if (self.isPresent()) {
            return switch (ownership) {
                case DataOwnership.NotPatientData ignored ->
                        AccessDecision.deny("a patient writes only their own record; " + type + " is directory data");
                case DataOwnership.PatientData data -> data.belongsOnlyTo(self.get())
                        ? AccessDecision.permit("own record of " + self.get())
                        : AccessDecision.deny("a patient writes only their own record: this " + type
                                + " must refer to " + self.get() + " and to no other patient");
            };
        }
        if (!isClinician(requester) || !(ownership instanceof DataOwnership.PatientData data) || data.patients().isEmpty()) {
            return AccessDecision.deny(requester.describe() + " may not write this " + type);
        }
        if ("Consent".equals(type)) {
            return AccessDecision.deny("only the patient creates, changes or revokes their Consents");
        }
        if (!V3ActReason.TREAT.equals(reader.purpose())) {
            return AccessDecision.deny("clinicians write into a patient's record only for treatment ("
                    + V3ActReason.TREAT + "), not for " + reader.purpose());
        }
        return decideByConsents(reader, resource, data.patients(), consents, AccessKind.WRITE, now);
    }

    /**
     * What a machine client may change of what is stored. The home gateway stores readings once and
     * never changes them: it may send a stored reading again ({@code PUT} to the id its identifier
     * determines, after a crash or a monitor re-sending its backlog) only as it was measured. The only
     * resources it updates are the monitor and gateway Devices it created itself (a monitor handed to
     * another patient). Other writers are decided by {@link #decideWrite}.
     */
    public AccessDecision decideChange(Requester requester, IBaseResource stored, IBaseResource incoming) {
        if (!requester.hasRole(HubRole.DEVICE_GATEWAY)) {
            return AccessDecision.permit("changes are decided as writes");
        }
        if (stored instanceof Device device && device.getIdentifier().stream()
                .anyMatch(identifier -> HubIdentifiers.GATEWAY_DEVICE_SYSTEMS.contains(identifier.getSystem()))) {
            return AccessDecision.permit("a gateway keeps the monitor and gateway Devices it registered up to date");
        }
        if (stored instanceof Observation reading && incoming instanceof Observation again && sameMeasurement(reading, again)) {
            return AccessDecision.permit("a gateway sends a stored reading again as it was measured");
        }
        return AccessDecision.deny("a device gateway only adds readings and registers monitors; it does not change stored "
                + stored.fhirType() + " resources");
    }

    /** The same home reading: its identifier, patient, time and what was measured, nothing else compared. */
    private static boolean sameMeasurement(Observation stored, Observation incoming) {
        Optional<String> identifier = readingIdentifier(stored);
        return identifier.isPresent() && identifier.equals(readingIdentifier(incoming))
                && stored.getSubject().getReference() != null
                && stored.getSubject().getReference().equals(incoming.getSubject().getReference())
                && stored.getStatus() == incoming.getStatus()
                && Base.compareDeep(stored.getCode(), incoming.getCode(), true)
                && Base.compareDeep(stored.getEffective(), incoming.getEffective(), true)
                && Base.compareDeep(stored.getValue(), incoming.getValue(), true)
                && Base.compareDeep(stored.getDataAbsentReason(), incoming.getDataAbsentReason(), true)
                && Base.compareDeep(stored.getComponent(), incoming.getComponent(), true);
    }

    private static Optional<String> readingIdentifier(Observation observation) {
        return observation.getIdentifier().stream()
                .filter(identifier -> HubIdentifiers.READING.equals(identifier.getSystem()) && identifier.hasValue())
                .map(Identifier::getValue)
                .findFirst();
    }

    /**
     * A reading from a home gateway must come from a monitor registered for the same patient: the gateway
     * bound to that patient's device writes into their record, no other. Checked once the transaction has
     * resolved its references, so the monitor may be registered in the same upload.
     *
     * @param monitor the stored Device the reading names, if any
     */
    public AccessDecision decideGatewayReading(Requester requester, IBaseResource reading,
            Optional<Device> monitor) {
        if (!requester.hasRole(HubRole.DEVICE_GATEWAY) || !(reading instanceof Observation observation)) {
            return AccessDecision.permit("not a gateway's reading");
        }
        String subject = observation.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
        if (monitor.isEmpty()) {
            return AccessDecision.deny("a device gateway's reading must name the registered monitor that took it (Observation.device)");
        }
        Device device = monitor.get();
        boolean registeredByGateway = device.getIdentifier().stream()
                .anyMatch(identifier -> HubIdentifiers.GATEWAY_DEVICE_SYSTEMS.contains(identifier.getSystem()));
        String owner = device.getPatient().getReferenceElement().toUnqualifiedVersionless().getValue();
        if (!registeredByGateway || owner == null || !owner.equals(subject)) {
            return AccessDecision.deny("the monitor " + device.getIdElement().toUnqualifiedVersionless().getValue()
                    + " is not paired with " + subject);
        }
        return AccessDecision.permit("the monitor is paired with " + subject);
    }

    /** Every patient the data is about must allow it. */
    private AccessDecision decideByConsents(Reader reader, IBaseResource resource, Set<String> patients,
            Function<String, List<Consent>> consents, AccessKind kind, Instant now) {
        List<String> basis = new ArrayList<>();
        AccessDecision last = null;
        for (String patient : patients) {
            last = engine.decide(reader, describer.describe(resource, patient), consents.apply(patient), kind, now);
            if (!last.isPermit()) {
                return last;
            }
            basis.addAll(last.basis());
        }
        AccessDecision.Permit permit = (AccessDecision.Permit) last;
        return new AccessDecision.Permit(permit.reason(), basis, permit.emergency());
    }

    /**
     * Whether a conditional create or update of this type by this requester may look for its match among
     * all resources of the type. A machine client reads nothing, but without the match its re-sent data
     * would be stored twice; the match only tells it that a resource with the identifier it already knows
     * exists. Everyone else's matches are narrowed like their searches.
     */
    public boolean mayResolveConditionalWrite(Requester requester, String resourceType) {
        return writableTypes(requester).contains(resourceType);
    }

    public static boolean isClinician(Requester requester) {
        return requester.hasRole(HubRole.PHYSICIAN) || requester.hasRole(HubRole.PHARMACIST);
    }

    /** Readers whose access to patient data comes from the patients' Consents. */
    public static boolean isConsentGoverned(Requester requester) {
        return requester.hasRole(HubRole.PHYSICIAN)
                || requester.hasRole(HubRole.PHARMACIST)
                || requester.hasRole(HubRole.CITY_BROKER);
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

    private static boolean isInstanceOperation(RequestedOperation operation, String name) {
        return operation.type() == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                && operation.operationName().filter(name::equals).isPresent()
                && operation.resourceType().filter("Patient"::equals).isPresent();
    }

    private static boolean isBooking(RequestedOperation operation) {
        return operation.type() == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                && operation.operationName().filter(BOOK::equals).isPresent()
                && operation.resourceType().filter("Slot"::equals).isPresent();
    }

    private static boolean isOwnPatient(Requester requester, RequestedOperation operation) {
        return operation.resourceId().map(id -> "Patient/" + id).equals(requester.ownPatientReference());
    }
}
