package org.phrhub.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.gateway.DeviceGatewayApplication;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.HubFixture;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.config.GatewaySettings;
import org.phrhub.gateway.pairing.Binding;

/**
 * The gateway process is killed with SIGKILL in the middle of an upload and started again: every reading
 * arrives, none twice.
 */
class KilledUploadTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final int READINGS = 240;

    @TempDir
    Path dataDir;

    @Test
    void killedMidUploadThenRestartedEveryReadingArrivesOnce() throws Exception {
        GatewaySettings settings = HubFixture.gatewaySettings(dataDir, 2, "killed-gateway");
        Gateway gateway = new Gateway(settings, Clock.systemUTC());
        MonitorInfo monitor = TestMonitors.fresh();
        Binding binding = gateway.pairing().pair(monitor, Optional.of(1), "Patient/taro", Optional.empty());
        for (Indication reading : TestMonitors.readings(READINGS, LocalDateTime.of(2026, 9, 1, 6, 0), TOKYO)) {
            gateway.outbox().append(monitor, reading);
        }
        HubRecord taro = new HubRecord("taro");

        Process first = uploadProcess(settings, "first");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int storedWhenKilled = 0;
        while (System.nanoTime() < deadline && first.isAlive()) {
            storedWhenKilled = taro.bloodPressureCount(binding.sensorDevice());
            if (storedWhenKilled > 0) {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
                break;
            }
            Thread.sleep(50);
        }
        first.waitFor(30, TimeUnit.SECONDS);
        assertThat(storedWhenKilled).as("the first upload was killed part way").isBetween(1, READINGS - 1);
        assertThat(gateway.outbox().pending()).as("readings not yet confirmed are still in the outbox").isNotEmpty();

        Process second = uploadProcess(settings, "second");
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as("second upload's exit code (log in target/gateway-logs)").isZero();

        assertThat(gateway.outbox().pending()).isEmpty();
        assertThat(gateway.outbox().deadLetters()).isEmpty();
        assertThat(taro.bloodPressureCount(binding.sensorDevice())).isEqualTo(READINGS);
        assertThat(taro.observationsOf(binding.sensorDevice())).hasSize(READINGS * 3);
    }

    /** {@code device-gateway upload} in its own JVM, on the same data folder. */
    private static Process uploadProcess(GatewaySettings settings, String name) throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "gateway-logs"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                DeviceGatewayApplication.class.getName(), "upload",
                "--fhir-url", settings.fhirBase().toString(),
                "--issuer", settings.issuer().toString(),
                "--client-id", settings.clientId(),
                "--client-secret", settings.clientSecret(),
                "--data-dir", settings.dataDir().toString(),
                "--zone", settings.zone().getId(),
                "--batch-size", Integer.toString(settings.batchSize()),
                "--gateway-id", settings.gatewayId()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("killed-upload-" + name + ".log").toFile()).start();
    }
}
