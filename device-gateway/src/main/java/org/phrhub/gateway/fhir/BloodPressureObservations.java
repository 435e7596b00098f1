package org.phrhub.gateway.fhir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.decode.BloodPressureMeasurement;
import org.phrhub.gateway.ble.decode.DeviceTimestamp;
import org.phrhub.gateway.ble.decode.MeasurementStatus;
import org.phrhub.gateway.ble.decode.PressureUnit;
import org.phrhub.gateway.ble.decode.SFloat;
import org.phrhub.vocabulary.DataSourceTags;
import org.phrhub.vocabulary.FhirCore;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.HubGatewayCodes;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Mdc;
import org.phrhub.vocabulary.Ucum;

/**
 * Maps a decoded Blood Pressure Measurement to Observations following the HL7 Personal Health Device IG
 * and the FHIR vital-signs profiles: the blood pressure as one compound Observation (MDC 150020 and LOINC
 * 85354-9 with systolic, diastolic and mean components in mm[Hg]), the pulse rate as its own Observation,
 * and the measurement status as a third one derived from the other two.
 */
public final class BloodPressureObservations {

    /** 1 kPa in mm[Hg] (1 mm[Hg] = 133.322387415 Pa). */
    private static final BigDecimal MMHG_PER_KPA = new BigDecimal("7.500615758");
    private static final DateTimeFormatter RECEPTION_KEY = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    private final ReadingClock clock;

    public BloodPressureObservations(ReadingClock clock) {
        this.clock = clock;
    }

    public MappedReading map(BloodPressureMeasurement measurement, Indication indication, ReadingSubject subject) {
        ReadingTime time = clock.timeOf(measurement.timestamp(), indication.receivedAt());
        String timeKey = timeKey(measurement.timestamp(), indication);

        Observation bloodPressure = base(subject, time, Mdc.BLOOD_PRESSURE, timeKey);
        bloodPressure.getMeta().addProfile(FhirCore.BLOOD_PRESSURE_PROFILE);
        bloodPressure.setCode(concept(Loinc.BLOOD_PRESSURE_PANEL, "Blood pressure panel with all children optional",
                Mdc.BLOOD_PRESSURE, "MDC_PRESS_BLD_NONINV"));
        bloodPressure.addComponent(component(Loinc.SYSTOLIC, "Systolic blood pressure", Mdc.SYSTOLIC,
                "MDC_PRESS_BLD_NONINV_SYS", measurement.unit(), measurement.systolic()));
        bloodPressure.addComponent(component(Loinc.DIASTOLIC, "Diastolic blood pressure", Mdc.DIASTOLIC,
                "MDC_PRESS_BLD_NONINV_DIA", measurement.unit(), measurement.diastolic()));
        measurement.meanArterialPressure().ifPresent(mean -> bloodPressure.addComponent(component(Loinc.MEAN,
                "Mean blood pressure", Mdc.MEAN, "MDC_PRESS_BLD_NONINV_MEAN", measurement.unit(), mean)));
        if (measurement.failed()) {
            bloodPressure.addNote().setText("The monitor reported a failed measurement: it measured no blood pressure.");
        }

        List<Observation> others = new ArrayList<>();
        measurement.pulseRate().ifPresent(pulse -> others.add(pulse(subject, time, timeKey, pulse)));
        measurement.status().ifPresent(status -> {
            Observation statusObservation = status(subject, time, timeKey, status);
            statusObservation.addDerivedFrom(reference(bloodPressure));
            others.stream().map(BloodPressureObservations::reference).forEach(statusObservation::addDerivedFrom);
            others.add(statusObservation);
        });
        return new MappedReading(bloodPressure, others);
    }

    private Observation pulse(ReadingSubject subject, ReadingTime time, String timeKey, SFloat pulse) {
        Observation observation = base(subject, time, Mdc.PULSE_RATE, timeKey);
        observation.getMeta().addProfile(FhirCore.HEART_RATE_PROFILE);
        observation.setCode(concept(Loinc.HEART_RATE, "Heart rate", Mdc.PULSE_RATE, "MDC_PULS_RATE_NON_INV"));
        pulse.value().ifPresentOrElse(
                rate -> observation.setValue(quantity(rate, "beats/minute", Ucum.PER_MINUTE)),
                () -> observation.setDataAbsentReason(absentReason(pulse)));
        return observation;
    }

    private Observation status(ReadingSubject subject, ReadingTime time, String timeKey, MeasurementStatus status) {
        Observation observation = base(subject, time, Mdc.MEASUREMENT_STATUS, timeKey);
        observation.setCode(new CodeableConcept().addCoding(
                new Coding(Mdc.SYSTEM, Mdc.MEASUREMENT_STATUS, "MDC_BLOOD_PRESSURE_MEASUREMENT_STATUS"))
                .setText("Blood pressure measurement status"));
        statusFlag(observation, "body-movement", "Body movement during measurement", status.bodyMovement());
        statusFlag(observation, "cuff-too-loose", "Cuff too loose", status.cuffTooLoose());
        statusFlag(observation, "irregular-pulse", "Irregular pulse detected", status.irregularPulse());
        statusFlag(observation, "improper-position", "Improper measurement position", status.improperPosition());
        Observation.ObservationComponentComponent range = observation.addComponent();
        range.setCode(statusCode("pulse-rate-range", "Pulse rate range"));
        String rangeCode = status.pulseRateRange().jsonName();
        range.setValue(new CodeableConcept().addCoding(new Coding(HubGatewayCodes.MEASUREMENT_STATUS_CODES, rangeCode, null)));
        return observation;
    }

    private static void statusFlag(Observation observation, String code, String display, boolean value) {
        observation.addComponent().setCode(statusCode(code, display)).setValue(new org.hl7.fhir.r4.model.BooleanType(value));
    }

    private static CodeableConcept statusCode(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(HubGatewayCodes.MEASUREMENT_STATUS_CODES, code, display));
    }

    private Observation base(ReadingSubject subject, ReadingTime time, String mdcType, String timeKey) {
        Observation observation = new Observation();
        String identifier = subject.deviceKey() + "-" + subject.patientId() + "-" + mdcType + "-" + timeKey;
        observation.setId(new IdType("Observation", ReadingIds.of(identifier)));
        observation.getMeta().addTag(DataSourceTags.SYSTEM, DataSourceTags.PHR, "Personal health record (home device)");
        observation.addIdentifier().setSystem(HubIdentifiers.READING).setValue(identifier);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding(new Coding(Hl7Terminology.OBSERVATION_CATEGORY, Hl7Terminology.VITAL_SIGNS, "Vital Signs"));
        observation.setSubject(new Reference(subject.patient()));
        observation.setDevice(new Reference(subject.sensorDevice()));
        observation.addExtension(new Extension(FhirCore.GATEWAY_DEVICE_EXTENSION, new Reference(subject.gatewayDevice())));
        DateTimeType effective = new DateTimeType(Date.from(time.effective().toInstant()), TemporalPrecisionEnum.SECOND,
                java.util.TimeZone.getTimeZone(time.effective().getOffset()));
        observation.setEffective(effective);
        time.receptionTimeBecause().ifPresent(reason -> {
            observation.getMeta().addTag(HubGatewayCodes.READING_TIME_TAGS, HubGatewayCodes.RECEPTION_TIME,
                    "Time of reception, not of measurement");
            observation.addNote().setText("Time is when the gateway received the reading: " + reason + ".");
        });
        return observation;
    }

    private static Observation.ObservationComponentComponent component(String loinc, String loincDisplay, String mdc,
            String mdcDisplay, PressureUnit unit, SFloat value) {
        Observation.ObservationComponentComponent component = new Observation.ObservationComponentComponent();
        component.setCode(concept(loinc, loincDisplay, mdc, mdcDisplay));
        Optional<BigDecimal> measured = value.value();
        if (measured.isEmpty()) {
            component.setDataAbsentReason(absentReason(value));
            return component;
        }
        if (unit == PressureUnit.KPA) {
            component.setValue(quantity(toMmHg(measured.get()), "mmHg", Ucum.MM_HG));
            // The monitor measured kPa: keep its own value next to the conversion.
            component.addExtension(new Extension(HubGatewayCodes.MEASURED_VALUE_EXTENSION, quantity(measured.get(), "kPa", Ucum.KPA)));
        } else {
            component.setValue(quantity(measured.get(), "mmHg", Ucum.MM_HG));
        }
        return component;
    }

    /** Keeps the monitor's precision: 16.0 kPa becomes 120.0 mm[Hg], not 120.009852128. */
    static BigDecimal toMmHg(BigDecimal kpa) {
        return kpa.multiply(MMHG_PER_KPA).setScale(Math.max(kpa.scale(), 0), RoundingMode.HALF_UP);
    }

    private static Quantity quantity(BigDecimal value, String unit, String ucum) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(Ucum.SYSTEM).setCode(ucum);
    }

    /** The special values of IEEE 11073 SFLOAT, as FHIR's data-absent reasons. */
    private static CodeableConcept absentReason(SFloat value) {
        String code = switch (value.kind()) {
            case NAN -> "not-a-number";
            case POSITIVE_INFINITY -> "positive-infinity";
            case NEGATIVE_INFINITY -> "negative-infinity";
            case NRES, RESERVED, NUMBER -> "error";
        };
        return new CodeableConcept().addCoding(new Coding(Hl7Terminology.DATA_ABSENT_REASON, code, null))
                .setText("The monitor sent " + value.toJsonText());
    }

    private static CodeableConcept concept(String loinc, String loincDisplay, String mdc, String mdcDisplay) {
        return new CodeableConcept()
                .addCoding(new Coding(Loinc.SYSTEM, loinc, loincDisplay))
                .addCoding(new Coding(Mdc.SYSTEM, mdc, mdcDisplay));
    }

    private static Reference reference(Observation observation) {
        return new Reference(observation.getIdElement().toUnqualifiedVersionless().getValue());
    }

    /** The device's raw time stamp as it was sent, or, when it sent none, the moment of reception. */
    private static String timeKey(Optional<DeviceTimestamp> stamp, Indication indication) {
        return stamp.map(s -> String.format("%04d%02d%02d%02d%02d%02d", s.year(), s.month(), s.day(), s.hours(), s.minutes(), s.seconds()))
                .orElseGet(() -> "rx" + RECEPTION_KEY.format(indication.receivedAt()));
    }
}
