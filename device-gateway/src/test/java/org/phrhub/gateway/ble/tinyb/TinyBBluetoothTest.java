package org.phrhub.gateway.ble.tinyb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.gateway.ble.ClockSetting;
import org.phrhub.gateway.ble.CollectTimeouts;
import org.phrhub.gateway.ble.DiscoveredMonitor;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.IndicationSink;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.ble.MonitorLinkException;
import org.phrhub.gateway.ble.SessionEnd;
import org.phrhub.gateway.ble.SessionReport;
import org.phrhub.gateway.ble.fakebluez.FakeBlueZ;
import org.phrhub.gateway.ble.fakebluez.FakeMonitor;

/** TinyB's own native code against the fake BlueZ: everything but the radio. */
class TinyBBluetoothTest {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Flags 0 (mmHg, no time stamp), systolic 120, diastolic 80, mean arterial pressure 93: SFLOATs, little-endian. */
    private static final byte[] MMHG_120_80_93 = HEX.parseHex("00" + "7800" + "5000" + "5D00");
    /** With time stamp (flags bit 1): 2024-10-15 08:30:00, systolic 132, diastolic 85, mean 100. */
    private static final byte[] MMHG_132_85_100_STAMPED = HEX.parseHex("02" + "8400" + "5500" + "6400" + "E8070A0F081E00");
    /** Intermediate Cuff Pressure: current cuff pressure 40 mmHg in the systolic field, the others NaN (0x07FF). */
    private static final byte[] CUFF_40 = HEX.parseHex("00" + "2800" + "FF07" + "FF07");
    private static final byte[] FEATURE = HEX.parseHex("2100");
    /** Manufacturer identifier 0x0000000001 then OUI A4:C1:38, each least significant byte first. */
    private static final byte[] SYSTEM_ID = HEX.parseHex("0100000000" + "38C1A4");
    private static final CollectTimeouts QUICK = new CollectTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static FakeBlueZ blueZ;
    private static TinyBBluetooth bluetooth;
    private static ExecutorService sessions;

    @BeforeAll
    static void startFakeBlueZBeforeTinyB() throws MonitorLinkException {
        blueZ = FakeBlueZ.instance();
        bluetooth = TinyBBluetooth.open();
        sessions = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopSessions() {
        sessions.shutdownNow();
    }

    @Test
    void scanListsBloodPressureMonitorsButNotOtherDevices() throws Exception {
        blueZ.addMonitor("A4:C1:38:00:01:01", "BP7000", "Omron", "HEM-7361T", SYSTEM_ID, FEATURE, true);
        blueZ.addDevice("A4:C1:38:00:01:02", "Heart Rate Strap", 0x180D, 0x180A);

        List<DiscoveredMonitor> found = bluetooth.scan(Duration.ofMillis(500));

        assertThat(found).contains(new DiscoveredMonitor("A4:C1:38:00:01:01", Optional.of("BP7000"), OptionalInt.of(-58)));
        assertThat(found).extracting(DiscoveredMonitor::address).doesNotContain("A4:C1:38:00:01:02");
    }

    @Test
    void identifyReadsManufacturerModelAndSystemIdAsEui64() throws Exception {
        FakeMonitor monitor = blueZ.addMonitor("A4:C1:38:00:02:01", "UA-651BLE", "A&D Medical", "UA-651BLE", SYSTEM_ID, FEATURE, true);

        MonitorInfo info = bluetooth.identify("a4:c1:38:00:02:01");

        assertThat(info).isEqualTo(new MonitorInfo("A4:C1:38:00:02:01", Optional.of("UA-651BLE"), Optional.of("A&D Medical"),
                Optional.of("UA-651BLE"), Optional.of("A4C1380000000001")));
        assertThat(monitor.connected()).as("link left up").isFalse();
    }

    @Test
    void indicationsReachTheSinkInOrderWithTheirExactBytes() throws Exception {
        FakeMonitor monitor = blueZ.addMonitor("A4:C1:38:00:03:01", "BP7000", "Omron", "HEM-7361T", SYSTEM_ID, FEATURE, true);
        RecordingSink sink = new RecordingSink();

        Future<SessionReport> session = sessions.submit(() -> bluetooth.collect(monitor.address(), sink, QUICK));
        monitor.awaitSubscribed(WAIT);
        monitor.notifyCuffPressure(CUFF_40);
        monitor.indicate(MMHG_120_80_93);
        monitor.indicate(MMHG_132_85_100_STAMPED);
        monitor.disconnect();
        SessionReport report = session.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(sink.received()).extracting(Indication::characteristic, Indication::hex).containsExactly(
                tuple("2A36", "002800FF07FF07"),
                tuple("2A35", "00780050005D00"),
                tuple("2A35", "02840055006400E8070A0F081E00"));
        assertThat(sink.monitors()).containsOnly("A4:C1:38:00:03:01");
        assertThat(report.measurements()).isEqualTo(2);
        assertThat(report.intermediateCuffPressures()).isEqualTo(1);
        assertThat(report.end()).isEqualTo(SessionEnd.MONITOR_DISCONNECTED);
    }

    @Test
    void backlogBurstArrivesInOrderUntilMonitorDisconnects() throws Exception {
        List<byte[]> burst = readings(20);
        FakeMonitor monitor = blueZ.addMonitor("A4:C1:38:00:04:01", "BP7000", "Omron", "HEM-7361T", SYSTEM_ID, FEATURE, true)
                .queueBacklog(burst.toArray(byte[][]::new))
                .disconnectAfter(20);
        RecordingSink sink = new RecordingSink();

        SessionReport report = bluetooth.collect(monitor.address(), sink, QUICK);

        assertThat(sink.received()).extracting(Indication::hex).containsExactlyElementsOf(burst.stream().map(HEX::formatHex).toList());
        assertThat(sink.received()).extracting(Indication::characteristic).containsOnly(Indication.BLOOD_PRESSURE_MEASUREMENT);
        assertThat(report.measurements()).isEqualTo(20);
        assertThat(report.end()).isEqualTo(SessionEnd.MONITOR_DISCONNECTED);
        assertThat(report.problem()).isEmpty();
        assertThat(report.bloodPressureFeature()).hasValueSatisfying(feature -> assertThat(feature).isEqualTo(FEATURE));
        assertThat(report.monitor().systemId()).contains("A4C1380000000001");
    }

    @Test
    void disconnectInTheMiddleOfABurstEndsTheSessionWithTheReadingsSentBeforeIt() throws Exception {
        List<byte[]> burst = readings(20);
        FakeMonitor monitor = blueZ.addMonitor("A4:C1:38:00:05:01", "BP7000", "Omron", "HEM-7361T", SYSTEM_ID, FEATURE, true)
                .queueBacklog(burst.toArray(byte[][]::new))
                .disconnectAfter(8);
        RecordingSink sink = new RecordingSink();

        SessionReport report = bluetooth.collect(monitor.address(), sink, QUICK);

        assertThat(sink.received()).extracting(Indication::hex)
                .containsExactlyElementsOf(burst.subList(0, 8).stream().map(HEX::formatHex).toList());
        assertThat(report.measurements()).isEqualTo(8);
        assertThat(report.end()).isEqualTo(SessionEnd.MONITOR_DISCONNECTED);
    }

    @Test
    void clockIsSetToNowWhenTheMonitorHasAWritableCurrentTime() throws Exception {
        FakeMonitor monitor = blueZ.addMonitor("A4:C1:38:00:06:01", "BP7000", "Omron", "HEM-7361T", SYSTEM_ID, FEATURE, true)
                .disconnectAfter(0);

        SessionReport report = bluetooth.collect(monitor.address(), new RecordingSink(), QUICK);

        byte[] written = monitor.writtenCurrentTime().orElseThrow(() -> new AssertionError("no Current Time written"));
        LocalDateTime time = decodeCurrentTime(written);
        assertThat(time).isCloseTo(LocalDateTime.now(), within(10, ChronoUnit.SECONDS));
        assertThat(written[7]).as("day of week, 1 = Monday").isEqualTo((byte) time.getDayOfWeek().getValue());
        assertThat(written[9]).as("adjust reason: manual time update").isEqualTo((byte) 0x01);
        assertThat(report.clock()).isInstanceOfSatisfying(ClockSetting.Written.class,
                clock -> assertThat(clock.time()).isCloseTo(time, within(1, ChronoUnit.SECONDS)));
    }

    @Test
    void clockIsLeftAloneWhenTheMonitorHasNoCurrentTime() throws Exception {
        FakeMonitor monitor = blueZ.addMonitor("A4:C1:38:00:07:01", "BM54", "Beurer", "BM54", SYSTEM_ID, FEATURE, false)
                .queueBacklog(MMHG_120_80_93)
                .disconnectAfter(1);

        SessionReport report = bluetooth.collect(monitor.address(), new RecordingSink(), QUICK);

        assertThat(report.clock()).isEqualTo(new ClockSetting.NotWritten("clock not set: monitor has no writable Current Time"));
        assertThat(report.measurements()).isEqualTo(1);
        assertThat(monitor.writtenCurrentTime()).isEmpty();
    }

    @Test
    void sessionEndsAtTheTimeLimitAndTheGatewayDisconnects() throws Exception {
        FakeMonitor monitor = blueZ.addMonitor("A4:C1:38:00:08:01", "BP7000", "Omron", "HEM-7361T", SYSTEM_ID, FEATURE, true)
                .queueBacklog(MMHG_120_80_93);
        RecordingSink sink = new RecordingSink();

        SessionReport report = bluetooth.collect(monitor.address(), sink,
                new CollectTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(1)));

        assertThat(report.end()).isEqualTo(SessionEnd.TIME_LIMIT);
        assertThat(report.measurements()).isEqualTo(1);
        assertThat(sink.received()).hasSize(1);
        assertThat(monitor.connected()).as("link left up").isFalse();
    }

    @Test
    void sinkFailureEndsTheSessionAndPropagates() throws Exception {
        FakeMonitor monitor = blueZ.addMonitor("A4:C1:38:00:09:01", "BP7000", "Omron", "HEM-7361T", SYSTEM_ID, FEATURE, true)
                .queueBacklog(readings(5).toArray(byte[][]::new));
        IOException diskFull = new IOException("disk full");
        List<Indication> stored = new CopyOnWriteArrayList<>();
        IndicationSink failsOnThird = (info, indication) -> {
            if (stored.size() == 2) {
                throw diskFull;
            }
            stored.add(indication);
        };

        assertThatThrownBy(() -> bluetooth.collect(monitor.address(), failsOnThird, QUICK)).isSameAs(diskFull);
        assertThat(stored).hasSize(2);
        assertThat(monitor.connected()).as("link left up").isFalse();
    }

    @Test
    void unknownMonitorIsReportedAsNotFoundWithWhatToDo() {
        assertThatThrownBy(() -> bluetooth.collect("A4:C1:38:00:0A:01", new RecordingSink(),
                new CollectTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5))))
                .isInstanceOf(MonitorLinkException.class)
                .hasMessage("monitor A4:C1:38:00:0A:01 not found; put it in pairing mode and run scan");
    }

    @Test
    void malformedAddressIsRefusedBeforeAnyBluetoothCall() {
        assertThatThrownBy(() -> bluetooth.identify("A4-C1-38-00-0B-01"))
                .isInstanceOf(MonitorLinkException.class)
                .hasMessageContaining("is not a Bluetooth address");
    }

    private static List<byte[]> readings(int count) {
        // Systolic 110, 111, …: each reading distinct, so order and loss both show.
        return IntStream.range(0, count)
                .mapToObj(i -> new byte[] {0x00, (byte) (110 + i), 0x00, 0x50, 0x00, 0x5D, 0x00})
                .toList();
    }

    private static LocalDateTime decodeCurrentTime(byte[] value) {
        assertThat(value).hasSize(10);
        int year = (value[0] & 0xFF) | (value[1] & 0xFF) << 8;
        return LocalDateTime.of(year, value[2], value[3], value[4], value[5], value[6])
                .plusNanos((value[8] & 0xFF) * 1_000_000_000L / 256);
    }

    /** Keeps what it is given, in order, as a sink that stores durably would. */
    private static final class RecordingSink implements IndicationSink {
        private final List<Indication> received = new CopyOnWriteArrayList<>();
        private final List<String> monitors = new CopyOnWriteArrayList<>();

        @Override
        public void accept(MonitorInfo monitor, Indication indication) {
            monitors.add(monitor.address());
            received.add(indication);
        }

        List<Indication> received() {
            return received;
        }

        List<String> monitors() {
            return monitors;
        }
    }
}
