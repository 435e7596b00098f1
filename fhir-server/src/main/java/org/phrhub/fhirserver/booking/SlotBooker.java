package org.phrhub.fhirserver.booking;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.vocabulary.JpCore;
import org.phrhub.vocabulary.FhirCrossVersion;
import org.phrhub.vocabulary.HubVisitCodes;
import org.springframework.stereotype.Component;

/**
 * Books one free Slot for one resident: in a single database transaction the Slot becomes busy (only if it
 * is still the version that was read free) and the online Appointment is created. Of two residents booking
 * the same slot at once, the second transaction fails on the Slot's version and stores nothing.
 */
@Component
public class SlotBooker {

    /** What a resident who lost the race reads, Japanese first. */
    static final String TAKEN = "この枠は先に予約されました。別の枠を選んでください。"
            + " / This slot has just been booked by someone else. Please choose another slot.";
    static final String PAST = "この枠の時刻は過ぎています。別の枠を選んでください。"
            + " / This slot's time has passed. Please choose another slot.";
    static final int MAX_REASON = 500;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SESSION_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final DaoRegistry daos;
    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final Clock clock;

    public SlotBooker(DaoRegistry daos, IFhirSystemDao<Bundle, ?> systemDao, Clock clock) {
        this.daos = daos;
        this.systemDao = systemDao;
        this.clock = clock;
    }

    /** The Appointment the resident now has, as stored. */
    public record Booking(Appointment appointment, String clinician) {}

    /**
     * @param slotId  the Slot to book, e.g. {@code 123}
     * @param patient the resident booking it for themselves, e.g. {@code Patient/hanako}
     * @param reason  in the resident's words, if they gave one
     */
    public Booking book(String slotId, String patient, Optional<String> reason) {
        reason.filter(r -> r.length() > MAX_REASON).ifPresent(r -> {
            throw new InvalidRequestException("reason is at most " + MAX_REASON + " characters; got " + r.length());
        });
        Slot slot = readSlot(slotId);
        if (slot.getStatus() != Slot.SlotStatus.FREE) {
            throw taken();
        }
        if (!slot.getStart().toInstant().isAfter(clock.instant())) {
            throw new ResourceVersionConflictException(PAST, outcome(PAST));
        }
        Schedule schedule = daos.getResourceDao(Schedule.class).read(slot.getSchedule().getReferenceElement(), system());
        Reference clinician = schedule.getActor().stream()
                .filter(actor -> "Practitioner".equals(actor.getReferenceElement().getResourceType()))
                .findFirst()
                .filter(actor -> schedule.getActive())
                .orElseThrow(() -> new InvalidRequestException("Slot/" + slotId + " is not on an active clinician's schedule"));
        Patient resident = daos.getResourceDao(Patient.class).read(new IdType(patient), system());

        Slot busy = slot.copy();
        busy.setStatus(Slot.SlotStatus.BUSY);
        Appointment appointment = appointment(slot, schedule, clinician, patient, displayName(resident), reason);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setResource(busy).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Slot/" + slot.getIdElement().getIdPart())
                .setIfMatch("W/\"" + slot.getIdElement().getVersionIdPart() + "\"");
        transaction.addEntry().setFullUrl(IdType.newRandomUuid().getValue()).setResource(appointment).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Appointment");
        Bundle response;
        try {
            // The server's own act: a resident writes no Slot, and this one write is what the booking rule allows.
            response = systemDao.transaction(system(), transaction);
        } catch (ResourceVersionConflictException | PreconditionFailedException raced) {
            throw taken();
        }
        IdType created = new IdType(response.getEntry().get(1).getResponse().getLocation());
        Appointment stored = daos.getResourceDao(Appointment.class).read(created.toUnqualifiedVersionless(), system());
        return new Booking(stored, clinician.getReference());
    }

    private Slot readSlot(String slotId) {
        try {
            return daos.getResourceDao(Slot.class).read(new IdType("Slot", slotId), system());
        } catch (ResourceGoneException gone) {
            throw new ResourceNotFoundException("Slot/" + slotId + " does not exist");
        }
    }

    private Appointment appointment(Slot slot, Schedule schedule, Reference clinician, String patient, String patientName,
            Optional<String> reason) {
        Appointment appointment = new Appointment();
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setServiceType(schedule.getServiceType().stream().map(CodeableConcept::copy).toList());
        reason.map(String::strip).filter(r -> !r.isEmpty()).ifPresent(r -> appointment.addReasonCode(new CodeableConcept().setText(r)));
        appointment.setStartElement(slot.getStartElement().copy());
        appointment.setEndElement(slot.getEndElement().copy());
        appointment.setMinutesDuration((int) ((slot.getEnd().getTime() - slot.getStart().getTime()) / 60_000));
        appointment.addSlot(new Reference("Slot/" + slot.getIdElement().getIdPart()));
        appointment.setCreated(Date.from(clock.instant()));
        for (Reference party : new Reference[] {new Reference(patient).setDisplay(patientName), clinician.copy()}) {
            appointment.addParticipant().setActor(party)
                    .setRequired(Appointment.ParticipantRequired.REQUIRED)
                    .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        Extension virtualService = appointment.addExtension().setUrl(FhirCrossVersion.APPOINTMENT_VIRTUAL_SERVICE);
        virtualService.addExtension(FhirCrossVersion.CHANNEL_TYPE,
                new Coding(HubVisitCodes.VIRTUAL_SERVICE_TYPE, HubVisitCodes.WEBRTC_VIDEO, "WebRTC video"));
        virtualService.addExtension(FhirCrossVersion.SESSION_KEY, new StringType(newSessionKey()));
        return appointment;
    }

    /** The name the clinician sees on the day's list: the kanji name where the record has one. */
    private static String displayName(Patient patient) {
        return patient.getName().stream()
                .filter(name -> name.getExtension().stream().anyMatch(e -> JpCore.NAME_REPRESENTATION_EXTENSION.equals(e.getUrl())
                        && JpCore.IDEOGRAPHIC.equals(e.getValue().primitiveValue())))
                .findFirst().or(() -> patient.getName().stream().findFirst())
                .map(HumanName::getNameAsSingleString).orElse("");
    }

    /** A video room nobody can guess. */
    private static String newSessionKey() {
        StringBuilder key = new StringBuilder("vr-");
        for (int i = 0; i < 16; i++) {
            key.append(SESSION_ALPHABET.charAt(RANDOM.nextInt(SESSION_ALPHABET.length())));
        }
        return key.toString();
    }

    private static ResourceVersionConflictException taken() {
        return new ResourceVersionConflictException(TAKEN, outcome(TAKEN));
    }

    private static OperationOutcome outcome(String message) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.CONFLICT).setDiagnostics(message);
        return outcome;
    }

    private static SystemRequestDetails system() {
        return new SystemRequestDetails();
    }
}
