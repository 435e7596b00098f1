package org.phrhub.gateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.phrhub.testsupport.fhir.R4Validation;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.ble.decode.BloodPressureMeasurement;
import org.phrhub.gateway.ble.decode.DeviceTimestamp;
import org.phrhub.gateway.ble.decode.MeasurementStatus;
import org.phrhub.gateway.ble.decode.PressureUnit;
import org.phrhub.gateway.ble.decode.PulseRateRange;
import org.phrhub.gateway.ble.decode.SFloat;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.vocabulary.HubGatewayCodes;

class BloodPressureObservationsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final BloodPressureObservations mapper = new BloodPressureObservations(new ReadingClock(TOKYO));
    private final ReadingSubject subject = new ReadingSubject("Patient/hanako", "0250480000000001.u1",
            "Device/sensor-1", "Device/gateway-1");

    private static SFloat number(String value) {
        return SFloat.of(new BigDecimal(value));
    }

    private static BloodPressureMeasurement measurement(PressureUnit unit, SFloat systolic, SFloat diastolic, SFloat mean,
            Optional<DeviceTimestamp> stamp, Optional<SFloat> pulse, Optional<MeasurementStatus> status) {
        return new BloodPressureMeasurement(unit, systolic, diastolic, Optional.of(mean), pulse, stamp, Optional.of(1), status);
    }

    private static Indication received(Instant at) {
        return new Indication(Indication.BLOOD_PRESSURE_MEASUREMENT, new byte[] {0}, at);
    }

    private static final Optional<DeviceTimestamp> MORNING = Optional.of(new DeviceTimestamp(2026, 11, 20, 7, 12, 30));
    private static final Instant AFTER_MORNING = LocalDateTime.of(2026, 11, 20, 7, 13).atZone(TOKYO).toInstant();

    @Test
    void bloodPressureIsOneCompoundObservationInMillimetresOfMercuryAtTheDeviceTime() {
        MappedReading reading = mapper.map(measurement(PressureUnit.MMHG, number("128"), number("84"), number("99"), MORNING,
                Optional.of(number("66")), Optional.empty()), received(AFTER_MORNING), subject);

        Observation bp = reading.bloodPressure();
        assertThat(bp.getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://loinc.org|85354-9", "urn:iso:std:iso:11073:10101|150020");
        assertThat(bp.getComponent()).extracting(c -> c.getCode().getCodingFirstRep().getCode() + "="
                + c.getValueQuantity().getValue().toPlainString() + " " + c.getValueQuantity().getCode())
                .containsExactly("8480-6=128 mm[Hg]", "8462-4=84 mm[Hg]", "8478-0=99 mm[Hg]");
        assertThat(bp.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-11-20T07:12:30+09:00");
        assertThat(bp.getMeta().getTag()).extracting(t -> t.getCode()).containsExactly("phr");
        assertThat(bp.getIdentifierFirstRep().getValue()).isEqualTo("0250480000000001.u1-hanako-150020-20261120071230");
        Observation pulse = reading.others().getFirst();
        assertThat(pulse.getCode().getCoding()).extracting(c -> c.getCode()).containsExactly("8867-4", "149546");
        assertThat(pulse.getValueQuantity().getCode()).isEqualTo("/min");
        assertThat(pulse.getIdentifierFirstRep().getValue()).isEqualTo("0250480000000001.u1-hanako-149546-20261120071230");
    }

    @Test
    void kilopascalsAreConvertedAndTheMeasuredValueIsKept() {
        MappedReading reading = mapper.map(measurement(PressureUnit.KPA, number("16.0"), number("10.7"), number("12.4"), MORNING,
                Optional.empty(), Optional.empty()), received(AFTER_MORNING), subject);

        Observation.ObservationComponentComponent systolic = reading.bloodPressure().getComponentFirstRep();
        assertThat(systolic.getValueQuantity().getValue()).isEqualByComparingTo("120.0");
        assertThat(systolic.getValueQuantity().getCode()).isEqualTo("mm[Hg]");
        Quantity measured = (Quantity) systolic.getExtensionByUrl(HubGatewayCodes.MEASURED_VALUE_EXTENSION).getValue();
        assertThat(measured.getValue().toPlainString()).isEqualTo("16.0");
        assertThat(measured.getCode()).isEqualTo("kPa");
        assertThat(reading.bloodPressure().getComponent().get(1).getValueQuantity().getValue()).isEqualByComparingTo("80.3");
    }

    @Test
    void failedMeasurementIsAFailedAttemptNeverANumber() {
        MappedReading reading = mapper.map(measurement(PressureUnit.MMHG, SFloat.NAN, SFloat.NAN, SFloat.NAN, MORNING,
                Optional.of(SFloat.NAN), Optional.of(new MeasurementStatus(true, false, false, PulseRateRange.IN_RANGE, false))),
                received(AFTER_MORNING), subject);

        Observation bp = reading.bloodPressure();
        assertThat(bp.getComponent()).allSatisfy(component -> {
            assertThat(component.hasValue()).isFalse();
            assertThat(component.getDataAbsentReason().getCodingFirstRep().getCode()).isEqualTo("not-a-number");
        });
        assertThat(bp.getNoteFirstRep().getText()).contains("failed measurement");
        assertThat(reading.others().getFirst().hasValue()).isFalse();
        Observation status = reading.others().get(1);
        assertThat(status.getDerivedFrom()).extracting(r -> r.getReference())
                .containsExactly(bp.getIdElement().getValue(), reading.others().getFirst().getIdElement().getValue());
        assertThat(status.getComponentFirstRep().getValueBooleanType().booleanValue()).isTrue();
    }

    @Test
    void anUnsetOrImplausibleDeviceClockGivesTheReceptionTimeAndSaysSo() {
        Instant receivedAt = Instant.parse("2026-11-20T00:05:00Z");
        for (Optional<DeviceTimestamp> stamp : List.of(
                Optional.<DeviceTimestamp>empty(),
                Optional.of(new DeviceTimestamp(0, 0, 0, 0, 3, 12)),
                Optional.of(new DeviceTimestamp(2000, 1, 1, 0, 0, 0)),
                Optional.of(new DeviceTimestamp(2031, 5, 1, 9, 0, 0)))) {
            Observation bp = mapper.map(measurement(PressureUnit.MMHG, number("120"), number("80"), number("93"), stamp,
                    Optional.empty(), Optional.empty()), received(receivedAt), subject).bloodPressure();

            assertThat(bp.getEffectiveDateTimeType().getValue().toInstant()).as("effective time for %s", stamp).isEqualTo(receivedAt);
            assertThat(bp.getMeta().getTag(HubGatewayCodes.READING_TIME_TAGS, HubGatewayCodes.RECEPTION_TIME)).isNotNull();
            assertThat(bp.getNoteFirstRep().getText()).startsWith("Time is when the gateway received the reading");
        }
    }

    @Test
    void readingsAndDevicesValidateAgainstFhirR4() {
        MappedReading normal = mapper.map(measurement(PressureUnit.KPA, number("16.0"), number("10.7"), number("12.4"), MORNING,
                Optional.of(number("71")), Optional.of(new MeasurementStatus(false, true, true, PulseRateRange.ABOVE_RANGE, false))),
                received(AFTER_MORNING), subject);
        MappedReading failed = mapper.map(measurement(PressureUnit.MMHG, SFloat.NAN, SFloat.NAN, SFloat.NAN, Optional.empty(),
                Optional.of(SFloat.NAN), Optional.empty()), received(AFTER_MORNING), subject);
        MonitorInfo monitor = new MonitorInfo("A4:C1:38:00:00:01", Optional.of("BM54"), Optional.of("Beurer GmbH"),
                Optional.of("BM54"), Optional.of("A4C138FFFE000001"));
        Binding binding = new Binding(monitor.address(), monitor.systemId(), Optional.of(1), "Patient/hanako", "Device/x", Optional.empty());

        List<IBaseResource> resources = new java.util.ArrayList<>();
        resources.addAll(normal.all());
        resources.addAll(failed.all());
        resources.add(MonitorDevices.sensor(binding, monitor));
        resources.add(MonitorDevices.gateway("gateway-1"));
        for (IBaseResource resource : resources) {
            // References inside an upload bundle point at its other entries; on their own they are local ids.
            if (resource instanceof Observation observation) {
                observation.getDerivedFrom().forEach(r -> r.setReference("Observation/x"));
            }
            resource.setId((String) null);
            assertThat(R4Validation.errors((org.hl7.fhir.r4.model.Resource) resource))
                    .as("validation errors of %s", R4Validation.json(resource)).isEmpty();
        }
    }
}
