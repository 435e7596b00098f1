package org.phrhub.telehealth.schedule;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.record.RecordPages;
import org.phrhub.vocabulary.FhirCrossVersion;
import org.springframework.stereotype.Component;

/** Reads online appointments from the hub, as the signed-in person may see them. */
@Component
public class Appointments {

    private final ZoneId zone;

    Appointments(BridgeProperties properties) {
        this.zone = properties.zone();
    }

    /** The person's appointments from the start of {@code firstDay} until before {@code untilDay}, earliest first. */
    public List<ScheduledVisit> of(IGenericClient fhir, String participant, LocalDate firstDay, LocalDate untilDay) {
        List<ScheduledVisit> visits = new ArrayList<>();
        RecordPages.searchAll(fhir, fhir.search().forResource(Appointment.class)
                .where(new ReferenceClientParam("actor").hasId(participant))
                .and(new DateClientParam("date").afterOrEquals().second(Date.from(firstDay.atStartOfDay(zone).toInstant())))
                .and(new DateClientParam("date").before().second(Date.from(untilDay.atStartOfDay(zone).toInstant())))
                .sort().ascending("date")
                .count(100), Appointment.class, appointment -> visits.add(visitOf(appointment)));
        return visits;
    }

    /** One appointment; empty when it does not exist or the person may not see it (the hub answers alike). */
    public Optional<ScheduledVisit> byId(IGenericClient fhir, String id) {
        try {
            return Optional.of(visitOf(fhir.read().resource(Appointment.class).withId(id).execute()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    ScheduledVisit visitOf(Appointment appointment) {
        Optional<Reference> patient = participant(appointment, "Patient/");
        Optional<Reference> clinician = participant(appointment, "Practitioner/");
        String reason = appointment.hasDescription() ? appointment.getDescription()
                : appointment.getReasonCode().stream().map(c -> c.hasText() ? c.getText() : c.getCodingFirstRep().getDisplay())
                        .findFirst().orElse("");
        Optional<String> kind = appointment.getServiceType().stream().flatMap(c -> c.getCoding().stream())
                .map(c -> c.getCode()).findFirst();
        Optional<String> sessionKey = Optional.ofNullable(appointment.getExtensionByUrl(FhirCrossVersion.APPOINTMENT_VIRTUAL_SERVICE))
                .map(service -> service.getExtensionByUrl(FhirCrossVersion.SESSION_KEY))
                .map(Extension::getValue).map(value -> value.primitiveValue());
        return new ScheduledVisit(
                appointment.getIdElement().toUnqualifiedVersionless().getValue(),
                appointment,
                appointment.getStart().toInstant().atZone(zone),
                appointment.getEnd().toInstant().atZone(zone),
                appointment.getStatus() == null ? "" : appointment.getStatus().toCode(),
                patient.map(r -> r.getReferenceElement().toUnqualifiedVersionless().getValue()).orElse(""),
                patient.map(Reference::getDisplay).orElse(""),
                clinician.map(r -> r.getReferenceElement().toUnqualifiedVersionless().getValue()).orElse(""),
                clinician.map(Reference::getDisplay).orElse(""),
                reason, kind, sessionKey);
    }

    private static Optional<Reference> participant(Appointment appointment, String prefix) {
        return appointment.getParticipant().stream().map(Appointment.AppointmentParticipantComponent::getActor)
                .filter(actor -> actor.getReference() != null && actor.getReference().startsWith(prefix))
                .findFirst();
    }
}
