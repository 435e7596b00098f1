package org.phrhub.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.HubFixture;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.cli.GatewayCommand;
import org.phrhub.gateway.config.GatewaySettings;
import org.phrhub.gateway.outbox.DeadLetter;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.gateway.pairing.BindingStore;
import picocli.CommandLine;

/**
 * Readings the real hub refuses for good go to the dead letters with the hub's reason, the readings
 * sharing their batch still arrive, and {@code status} shows what was refused and why.
 */
class RejectedReadingsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @TempDir
    Path dataDir;

    @Test
    void readingsForAPatientTheHubDoesNotKnowAreDeadLetteredAndTheRestOfTheBatchArrives() throws Exception {
        GatewaySettings settings = HubFixture.gatewaySettings(dataDir, 50, "rejecting-gateway");
        Gateway gateway = new Gateway(settings, Clock.systemUTC());
        MonitorInfo taros = TestMonitors.fresh();
        Binding taro = gateway.pairing().pair(taros, Optional.of(1), "Patient/taro", Optional.empty());
        // A binding made while the resident was known; the hub no longer has that Patient (e.g. merged away).
        MonitorInfo orphaned = TestMonitors.fresh();
        new BindingStore(dataDir).save(new Binding(orphaned.address(), orphaned.systemId(), Optional.of(1),
                "Patient/no-such-resident", "Device/no-such-device", Optional.empty()));

        List<Indication> tarosReadings = TestMonitors.readings(5, LocalDateTime.of(2026, 10, 5, 7, 0), TOKYO);
        List<Indication> orphanedReadings = TestMonitors.readings(2, LocalDateTime.of(2026, 10, 5, 8, 0), TOKYO);
        // Interleaved, so the refused readings share a transaction with good ones.
        gateway.outbox().append(taros, tarosReadings.get(0));
        gateway.outbox().append(orphaned, orphanedReadings.get(0));
        gateway.outbox().append(taros, tarosReadings.get(1));
        gateway.outbox().append(taros, tarosReadings.get(2));
        gateway.outbox().append(orphaned, orphanedReadings.get(1));
        gateway.outbox().append(taros, tarosReadings.get(3));
        gateway.outbox().append(taros, tarosReadings.get(4));

        OutboxUploader.Pass pass = gateway.uploader().uploadPending();

        assertThat(pass.uploaded()).isEqualTo(5);
        assertThat(pass.deadLettered()).isEqualTo(2);
        assertThat(gateway.outbox().pending()).isEmpty();
        assertThat(new HubRecord("taro").bloodPressureCount(taro.sensorDevice())).isEqualTo(5);
        List<DeadLetter> deadLetters = gateway.outbox().deadLetters();
        assertThat(deadLetters).extracting(letter -> letter.entry().monitor().address())
                .containsOnly(orphaned.address()).hasSize(2);
        assertThat(deadLetters).extracting(DeadLetter::reason)
                .allSatisfy(reason -> assertThat(reason).contains("rejected").contains("no-such-resident"));
        assertThat(deadLetters).extracting(letter -> letter.entry().indication().hex())
                .containsExactly(orphanedReadings.get(0).hex(), orphanedReadings.get(1).hex());

        String status = status();
        assertThat(status).contains("Dead letters: 2", "Waiting for upload: 0", "no-such-resident",
                orphanedReadings.get(0).hex());
    }

    private String status() {
        StringWriter out = new StringWriter();
        CommandLine command = GatewayCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        int exitCode = command.execute("status", "--data-dir", dataDir.toString());
        assertThat(exitCode).as("status exit code; printed: %s", out).isZero();
        return out.toString();
    }
}
