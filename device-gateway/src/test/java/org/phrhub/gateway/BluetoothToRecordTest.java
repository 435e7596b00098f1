package org.phrhub.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.gateway.ble.CollectTimeouts;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.ble.SessionReport;
import org.phrhub.gateway.ble.decode.BloodPressureEncoder;
import org.phrhub.gateway.ble.decode.BloodPressureMeasurement;
import org.phrhub.gateway.ble.decode.DeviceTimestamp;
import org.phrhub.gateway.ble.decode.MeasurementStatus;
import org.phrhub.gateway.ble.decode.PressureUnit;
import org.phrhub.gateway.ble.decode.PulseRateRange;
import org.phrhub.gateway.ble.decode.QuirksProfile;
import org.phrhub.gateway.ble.decode.SFloat;
import org.phrhub.gateway.ble.fakebluez.FakeBlueZ;
import org.phrhub.gateway.ble.fakebluez.FakeMonitor;
import org.phrhub.gateway.ble.tinyb.TinyBBluetooth;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.gateway.upload.OutboxUploader;
import org.phrhub.gateway.upload.HubRecord;

/**
 * The whole way of a home reading: a monitor that does not follow the specification (Beurer's layout)
 * sends its backlog over Bluetooth (TinyB against the fake BlueZ), the gateway keeps it until the monitor
 * is paired, and the patient's record on the real hub then holds the values the monitor measured.
 */
class BluetoothToRecordTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static FakeBlueZ blueZ;
    private static TinyBBluetooth bluetooth;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void bluetooth() throws Exception {
        blueZ = FakeBlueZ.instance(); // before TinyB's first use in this JVM
        bluetooth = TinyBBluetooth.open();
    }

    @Test
    void aBeurerMonitorsBacklogReachesThePatientsRecordWithTheMeasuredValues() throws Exception {
        List<byte[]> backlog = new ArrayList<>();
        BloodPressureEncoder beurer = new BloodPressureEncoder(QuirksProfile.BEURER);
        for (int i = 0; i < 6; i++) {
            LocalDateTime taken = LocalDateTime.of(2026, 11, 1 + i, 7, 15);
            backlog.add(beurer.encode(new BloodPressureMeasurement(PressureUnit.MMHG, SFloat.of(130 + i), SFloat.of(85),
                    Optional.of(SFloat.of(100)), Optional.of(SFloat.of(300 + i)), Optional.of(DeviceTimestamp.of(taken)),
                    Optional.of(1), Optional.of(new MeasurementStatus(false, false, true, PulseRateRange.IN_RANGE, false)))));
        }
        String address = String.format("A4:C1:38:%02X:%02X:42", (int) (Math.random() * 256), (int) (Math.random() * 256));
        FakeMonitor monitor = blueZ.addMonitor(address, "BM54", "Beurer GmbH", "BM54",
                HexFormat.of().parseHex("0100000000" + "38C1A4"), HexFormat.of().parseHex("0700"), true)
                .queueBacklog(backlog.toArray(byte[][]::new))
                .disconnectAfter(backlog.size());
        Gateway gateway = new Gateway(HubFixture.gatewaySettings(dataDir, 50, "bluetooth-gateway"), Clock.systemUTC());

        SessionReport session = bluetooth.collect(address, gateway.outbox(), new CollectTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)));
        OutboxUploader.Pass beforePairing = gateway.uploader().uploadPending();

        assertThat(session.measurements()).isEqualTo(6);
        assertThat(monitor.writtenCurrentTime()).as("the monitor's clock was set").isPresent();
        assertThat(beforePairing.unbound()).as("kept for nobody until paired").isEqualTo(6);

        MonitorInfo identified = bluetooth.identify(address);
        Binding binding = gateway.pairing().pair(identified, Optional.of(1), "Patient/taro", Optional.empty());
        OutboxUploader.Pass afterPairing = gateway.uploader().uploadPending();

        assertThat(afterPairing.uploaded()).isEqualTo(6);
        List<Observation> record = new HubRecord("taro").observationsOf(binding.sensorDevice());
        // Decoded with the Beurer profile, chosen from the Device Information: big-endian pulse, user byte without flag.
        assertThat(record).filteredOn(o -> o.getCode().getCodingFirstRep().getCode().equals("8867-4"))
                .extracting(o -> o.getValueQuantity().getValue().intValue())
                .containsExactlyInAnyOrder(300, 301, 302, 303, 304, 305);
        assertThat(record).filteredOn(o -> o.getCode().getCodingFirstRep().getCode().equals("85354-9"))
                .extracting(o -> o.getComponentFirstRep().getValueQuantity().getValue().intValue())
                .containsExactlyInAnyOrder(130, 131, 132, 133, 134, 135);
        assertThat(record).filteredOn(o -> o.getCode().getCodingFirstRep().getCode().equals("85354-9"))
                .extracting(o -> o.getEffectiveDateTimeType().getValueAsString())
                .contains("2026-11-01T07:15:00+09:00");
    }
}
