package org.phrhub.telehealth;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.phrhub.client.HttpTimeouts;
import org.phrhub.client.fhir.FhirClients;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.FhirCore;
import org.phrhub.vocabulary.FhirCrossVersion;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.HubGatewayCodes;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Mdc;
import org.phrhub.vocabulary.Ucum;

/**
 * What the tests arrange in the hub and read back from it, each as a demo user through the FHIR API: home
 * readings shaped as the device gateway sends them (PHD IG), appointments as a resident books them.
 */
public final class HubRecords {

    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final BridgeFixture hub;
    private final FhirClients clients = new FhirClients(ca.uhn.fhir.context.FhirContext.forR4Cached(),
            new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60)));

    public HubRecords(BridgeFixture hub) {
        this.hub = hub;
    }

    public IGenericClient as(String username) {
        String token = hub.tokenOf(username);
        return clients.withTokens(URI.create(hub.fhirBaseUrl()), () -> token);
    }

    /** A machine client of the realm (client credentials), e.g. {@code city-broker}. */
    public IGenericClient asClient(String clientId) {
        String token = hub.keycloak().tokens().clientToken(clientId);
        return clients.withTokens(URI.create(hub.fhirBaseUrl()), () -> token);
    }

    /** Sets hanako's Consents made by a test inactive, as she revokes them, so that they count no more. */
    public void revokeHanakos(Collection<String> consents) {
        IGenericClient asHanako = as("hanako");
        for (String id : consents) {
            Consent consent = asHanako.read().resource(Consent.class).withId(id).execute();
            consent.setStatus(Consent.ConsentState.INACTIVE);
            asHanako.update().resource(consent).execute();
        }
    }

    /** The demo's visit Consent of hanako: her whole record for her online clinicians, dr.suzuki and ph.ito. */
    public static final String DEMO_VISIT_CONSENT = "hanako-visit-consent";

    /**
     * Sets the demo's visit Consent aside ({@code INACTIVE}) or back ({@code ACTIVE}), as hanako does: tests of what
     * she shares by hand set it aside so that only their own Consents count, and put it back for the other tests.
     */
    public void setDemoVisitConsent(Consent.ConsentState state) {
        IGenericClient asHanako = as("hanako");
        Consent consent = asHanako.read().resource(Consent.class).withId(DEMO_VISIT_CONSENT).execute();
        consent.setStatus(state);
        asHanako.update().resource(consent).execute();
    }

    /** One home reading: pressure, pulse and the monitor's status, as the gateway maps a 0x2A35 indication. */
    public record Reading(ZonedDateTime at, Integer systolic, Integer diastolic, int pulse, boolean irregularPulse,
            boolean receptionClock) {}

    /** Stores the readings as the patient (a patient writes their own record), in one transaction. */
    public void storeReadings(String username, String patient, List<Reading> readings) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Reading reading : readings) {
            Observation pressure = base(patient, reading.at());
            pressure.getMeta().addProfile(FhirCore.BLOOD_PRESSURE_PROFILE);
            pressure.setCode(new CodeableConcept().addCoding(new Coding(Loinc.SYSTEM, Loinc.BLOOD_PRESSURE_PANEL, "Blood pressure panel"))
                    .addCoding(new Coding(Mdc.SYSTEM, Mdc.BLOOD_PRESSURE, "MDC_PRESS_BLD_NONINV")));
            pressure.addComponent(component(Loinc.SYSTOLIC, Mdc.SYSTOLIC, reading.systolic()));
            pressure.addComponent(component(Loinc.DIASTOLIC, Mdc.DIASTOLIC, reading.diastolic()));
            if (reading.receptionClock()) {
                pressure.getMeta().addTag(HubGatewayCodes.READING_TIME_TAGS, HubGatewayCodes.RECEPTION_TIME, "Time of reception");
            }
            add(transaction, pressure);
            Observation pulse = base(patient, reading.at());
            pulse.setCode(new CodeableConcept().addCoding(new Coding(Loinc.SYSTEM, Loinc.HEART_RATE, "Heart rate"))
                    .addCoding(new Coding(Mdc.SYSTEM, Mdc.PULSE_RATE, "MDC_PULS_RATE_NON_INV")));
            pulse.setValue(new Quantity().setValue(reading.pulse()).setUnit("beats/minute").setSystem(Ucum.SYSTEM).setCode(Ucum.PER_MINUTE));
            add(transaction, pulse);
            Observation status = base(patient, reading.at());
            status.setCode(new CodeableConcept().addCoding(new Coding(Mdc.SYSTEM, Mdc.MEASUREMENT_STATUS, "MDC_BLOOD_PRESSURE_MEASUREMENT_STATUS")));
            status.addComponent().setCode(new CodeableConcept(new Coding(HubGatewayCodes.MEASUREMENT_STATUS_CODES, "irregular-pulse", null)))
                    .setValue(new BooleanType(reading.irregularPulse()));
            status.addComponent().setCode(new CodeableConcept(new Coding(HubGatewayCodes.MEASUREMENT_STATUS_CODES, "body-movement", null)))
                    .setValue(new BooleanType(false));
            status.addDerivedFrom(new Reference(pressure.getIdElement().getValue()));
            add(transaction, status);
        }
        as(username).transaction().withBundle(transaction).execute();
    }

    /** Readings every morning (07:00) and evening (21:30) of the {@code days} days up to today, with fixed values. */
    public static List<Reading> twiceDaily(LocalDate today, int days, int morningSystolic, int eveningSystolic) {
        List<Reading> readings = new ArrayList<>();
        for (int back = days - 1; back >= 0; back--) {
            LocalDate day = today.minusDays(back);
            readings.add(new Reading(day.atTime(LocalTime.of(7, 0)).atZone(TOKYO), morningSystolic + back % 3, 86, 72, false, false));
            readings.add(new Reading(day.atTime(LocalTime.of(21, 30)).atZone(TOKYO), eveningSystolic - back % 2, 74, 68, false, false));
        }
        return readings;
    }

    /** An online appointment, booked by the patient (as residents do), with a new video room. */
    public String bookVisit(String username, String patient, String patientName, String clinician, String clinicianName,
            ZonedDateTime start, String kind, String reason) {
        Appointment appointment = new Appointment();
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(start.toInstant()));
        appointment.setEnd(Date.from(start.plusMinutes(20).toInstant()));
        appointment.setDescription(reason);
        appointment.addServiceType(new CodeableConcept(new Coding(HubVisitCodes.ONLINE_SERVICE, kind, null)).setText(reason));
        appointment.addParticipant().setActor(new Reference(patient).setDisplay(patientName))
                .setRequired(Appointment.ParticipantRequired.REQUIRED).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment.addParticipant().setActor(new Reference(clinician).setDisplay(clinicianName))
                .setRequired(Appointment.ParticipantRequired.REQUIRED).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        Extension service = appointment.addExtension().setUrl(FhirCrossVersion.APPOINTMENT_VIRTUAL_SERVICE);
        service.addExtension(FhirCrossVersion.SESSION_KEY, new StringType(UUID.randomUUID().toString()));
        return as(username).create().resource(appointment).execute().getId().toUnqualifiedVersionless().getIdPart();
    }

    /** A JSH 7-day average, computed here from the readings as the hub holds them, to check the pages against. */
    public record Average(BigDecimal systolic, BigDecimal diastolic, int count) {}

    /**
     * The mean of the patient's morning (04:00–12:00) or evening (18:00–04:00, after midnight counting for the
     * day before) readings of the 7 days up to today, leaving out failed ones and those on the reception clock.
     */
    public Average sevenDayAverage(String username, String patient, LocalDate today, boolean morning) {
        List<BigDecimal[]> counted = new ArrayList<>();
        as(username).search().byUrl("Observation?subject=" + patient + "&code=" + Loinc.SYSTEM + "|" + Loinc.BLOOD_PRESSURE_PANEL
                        + "&date=ge" + today.minusDays(8) + "&_count=200")
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> (Observation) e.getResource())
                .forEach(reading -> {
                    java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(
                            reading.getEffectiveDateTimeType().getValue().toInstant(), TOKYO);
                    boolean isMorning = local.getHour() >= 4 && local.getHour() < 12;
                    boolean isEvening = local.getHour() >= 18 || local.getHour() < 4;
                    LocalDate day = isEvening && local.getHour() < 4 ? local.toLocalDate().minusDays(1) : local.toLocalDate();
                    boolean reception = reading.getMeta().getTag(HubGatewayCodes.READING_TIME_TAGS, HubGatewayCodes.RECEPTION_TIME) != null;
                    if (day.isBefore(today.minusDays(6)) || day.isAfter(today) || reception || (morning ? !isMorning : !isEvening)
                            || !reading.getComponent().get(0).hasValueQuantity()) {
                        return;
                    }
                    counted.add(new BigDecimal[] {reading.getComponent().get(0).getValueQuantity().getValue(),
                            reading.getComponent().get(1).getValueQuantity().getValue()});
                });
        BigDecimal n = BigDecimal.valueOf(counted.size());
        return new Average(
                counted.stream().map(v -> v[0]).reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, 1, java.math.RoundingMode.HALF_UP),
                counted.stream().map(v -> v[1]).reduce(BigDecimal.ZERO, BigDecimal::add).divide(n, 1, java.math.RoundingMode.HALF_UP),
                counted.size());
    }

    private static Observation base(String patient, ZonedDateTime at) {
        Observation observation = new Observation();
        observation.setIdElement(IdType.newRandomUuid());
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.VITAL_SIGNS, "Vital Signs")));
        observation.setSubject(new Reference(patient));
        observation.setDevice(new Reference().setDisplay("home monitor"));
        observation.setEffective(new DateTimeType(Date.from(at.toInstant()), ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
                java.util.TimeZone.getTimeZone(TOKYO)));
        return observation;
    }

    private static Observation.ObservationComponentComponent component(String loinc, String mdc, Integer value) {
        Observation.ObservationComponentComponent component = new Observation.ObservationComponentComponent(new CodeableConcept()
                .addCoding(new Coding(Loinc.SYSTEM, loinc, null)).addCoding(new Coding(Mdc.SYSTEM, mdc, null)));
        if (value == null) {
            component.setDataAbsentReason(new CodeableConcept(new Coding(Hl7Terminology.DATA_ABSENT_REASON, "error", null)));
        } else {
            component.setValue(new Quantity().setValue(BigDecimal.valueOf(value)).setUnit("mmHg").setSystem(Ucum.SYSTEM).setCode(Ucum.MM_HG));
        }
        return component;
    }

    private static void add(Bundle transaction, Resource resource) {
        transaction.addEntry().setFullUrl(resource.getIdElement().getValue()).setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
    }
}
