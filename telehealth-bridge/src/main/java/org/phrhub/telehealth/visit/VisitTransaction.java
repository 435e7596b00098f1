package org.phrhub.telehealth.visit;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.phrhub.telehealth.schedule.ScheduledVisit;
import org.phrhub.vocabulary.Hl7Terminology;

/**
 * A visit's results as one FHIR transaction, the parts every online visit writes: the online Encounter
 * and the Appointment marked fulfilled; the doctor's and the pharmacist's records add their own.
 */
public final class VisitTransaction {

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

    /** Adds a new resource; returns the {@code urn:uuid:} the others refer to it by. */
    public String create(Resource resource) {
        String url = IdType.newRandomUuid().getValue();
        bundle.addEntry().setFullUrl(url).setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        return url;
    }

    /** The visit as a finished virtual Encounter (v3 ActCode VR) of the appointment; returns its reference. */
    public String onlineEncounter(ScheduledVisit visit, Reference clinician, Period period) {
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding(Hl7Terminology.ACT_CODE, Hl7Terminology.VIRTUAL, "virtual"));
        encounter.setSubject(new Reference(visit.patient()).setDisplay(visit.patientName()));
        encounter.addParticipant().setIndividual(clinician).addType(new CodeableConcept(
                new Coding(Hl7Terminology.PARTICIPATION_TYPE, Hl7Terminology.PRIMARY_PERFORMER, "primary performer")));
        encounter.setPeriod(period);
        encounter.addAppointment(new Reference(visit.appointmentId()));
        visit.appointment().getServiceType().stream().findFirst().ifPresent(encounter::setServiceType);
        if (!visit.reason().isEmpty()) {
            encounter.addReasonCode(new CodeableConcept().setText(visit.reason()));
        }
        return create(encounter);
    }

    /** The Appointment fulfilled, but only if nobody changed it since the clinician opened the visit. */
    public void fulfil(ScheduledVisit visit) {
        Appointment fulfilled = visit.appointment().copy();
        fulfilled.setStatus(Appointment.AppointmentStatus.FULFILLED);
        bundle.addEntry().setFullUrl(visit.appointmentId()).setResource(fulfilled).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl(visit.appointmentId()).setIfMatch("W/\"" + visit.version() + "\"");
    }

    public Bundle bundle() {
        return bundle;
    }
}
