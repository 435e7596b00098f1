package org.phrhub.fhirserver.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Arranges a fresh patient record and its Consents straight through the server's storage, so that each
 * scenario starts from a patient no other test touches. What readers then see is asked over HTTP.
 */
public final class PatientRecords {

    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private static final Duration AUDIT_WAIT = Duration.ofSeconds(10);

    private final DaoRegistry daos;

    PatientRecords(DaoRegistry daos) {
        this.daos = daos;
    }

    /** A patient with a blood pressure, a lab result, a lab result labelled PSY and a restricted (R) reading. */
    Record newRecord() {
        String id = "p-" + UUID.randomUUID().toString().substring(0, 13);
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem("https://phr-hub.example/fhir/sid/common-id").setValue(id);
        patient.addName().setFamily("Scenario").addGiven(id);
        store(patient);
        String reference = "Patient/" + id;
        String vitals = store(observation(id + "-bp", reference, "vital-signs", "85354-9", null));
        String lab = store(observation(id + "-hba1c", reference, "laboratory", "4548-4", null));
        String psy = store(observation(id + "-psy", reference, "laboratory", "11331-6", new Coding(ACT_CODE, "PSY", null)));
        String secret = store(observation(id + "-r", reference, "vital-signs", "8867-4", new Coding(CONFIDENTIALITY, "R", null)));
        return new Record(reference, vitals, lab, psy, secret);
    }

    String store(Resource resource) {
        if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
            daos.getResourceDao(resource.fhirType()).update(resource, new SystemRequestDetails());
        } else {
            resource.setId(daos.getResourceDao(resource.fhirType()).create(resource, new SystemRequestDetails()).getId());
        }
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    /** The AuditEvents about the patient (naming them as entity), as stored, read past the access rules. */
    List<AuditEvent> auditEventsAbout(String patient) {
        SearchParameterMap query = SearchParameterMap.newSynchronous().add(AuditEvent.SP_ENTITY, new ReferenceParam(patient));
        return daos.getResourceDao(AuditEvent.class).search(query, new SystemRequestDetails())
                .getAllResources().stream().map(AuditEvent.class::cast).toList();
    }

    /**
     * The first AuditEvent about the patient that matches, waiting for it: a request is audited when it
     * completes, which may be just after its caller has the response.
     */
    AuditEvent awaitAuditEvent(String patient, Predicate<AuditEvent> which) throws InterruptedException {
        long deadline = System.nanoTime() + AUDIT_WAIT.toNanos();
        while (true) {
            Optional<AuditEvent> event = auditEventsAbout(patient).stream().filter(which).findFirst();
            if (event.isPresent()) {
                return event.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such AuditEvent about " + patient + " within " + AUDIT_WAIT);
            }
            Thread.sleep(50);
        }
    }

    /** An opt-in Consent: deny everything but what the nested permit allows (FHIR R4 consent-example-Out pattern, inverted). */
    public static Consent optIn(String patient, ProvisionComponent permit) {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        consent.setPatient(new Reference(patient));
        consent.setDateTime(new Date());
        consent.getPolicyRule().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("OPTIN");
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY).addProvision(permit);
        return consent;
    }

    public static ProvisionComponent permit(String actor, String purpose) {
        ProvisionComponent permit = new ProvisionComponent().setType(Consent.ConsentProvisionType.PERMIT);
        permit.addActor().setReference(new Reference(actor)).setRole(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")));
        if (purpose != null) {
            permit.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", purpose, null));
        }
        return permit;
    }

    static ProvisionComponent denyCode(String category) {
        ProvisionComponent deny = new ProvisionComponent().setType(Consent.ConsentProvisionType.DENY);
        deny.addCode(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, category, null)));
        return deny;
    }

    static ProvisionComponent denyLabel(Coding label) {
        ProvisionComponent deny = new ProvisionComponent().setType(Consent.ConsentProvisionType.DENY);
        deny.addSecurityLabel(label);
        return deny;
    }

    /** A booked Appointment of the patient with one practitioner (or PractitionerRole), at a fixed time in December 2026. */
    static Appointment appointment(String patient, String practitioner) {
        Appointment appointment = new Appointment();
        appointment.setId("appt-" + UUID.randomUUID().toString().substring(0, 13));
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(Instant.parse("2026-12-10T01:00:00Z")));
        appointment.setEnd(Date.from(Instant.parse("2026-12-10T01:20:00Z")));
        for (String actor : List.of(patient, practitioner)) {
            appointment.addParticipant().setActor(new Reference(actor)).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        }
        return appointment;
    }

    static Period endedYesterday() {
        Instant now = Instant.now();
        return new Period().setStart(Date.from(now.minusSeconds(30 * 86400))).setEnd(Date.from(now.minusSeconds(86400)));
    }

    private static Observation observation(String id, String patient, String category, String loinc, Coding label) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(OBSERVATION_CATEGORY, category, null)));
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", loinc, null)));
        observation.setSubject(new Reference(patient));
        observation.setEffective(DateTimeType.now());
        observation.setValue(new Quantity(42).setSystem("http://unitsofmeasure.org").setCode("1"));
        if (label != null) {
            observation.getMeta().addSecurity(label);
        }
        return observation;
    }

    /** References of one scenario patient and their data. */
    record Record(String patient, String vitals, String lab, String psy, String secret) {

        String patientId() {
            return patient.substring("Patient/".length());
        }
    }
}
