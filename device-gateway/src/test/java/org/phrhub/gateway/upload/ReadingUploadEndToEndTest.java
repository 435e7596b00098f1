package org.phrhub.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.HubFixture;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.config.GatewaySettings;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;

/** Readings travel outbox → FHIR transaction → the real hub (Keycloak, FHIR server, PostgreSQL) exactly once. */
class ReadingUploadEndToEndTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @TempDir
    Path dataDir;

    private Gateway gateway(int batchSize) throws Exception {
        GatewaySettings settings = HubFixture.gatewaySettings(dataDir, batchSize, "test-gateway");
        return new Gateway(settings, Clock.systemUTC());
    }

    @Test
    void everyReadingArrivesOnceAndAResentBacklogStoresNothingTwice() throws Exception {
        Gateway gateway = gateway(7);
        MonitorInfo monitor = TestMonitors.fresh();
        Binding binding = gateway.pairing().pair(monitor, Optional.of(1), "Patient/taro", Optional.empty());
        List<Indication> backlog = TestMonitors.readings(30, LocalDateTime.of(2026, 10, 1, 7, 0), TOKYO);
        for (Indication reading : backlog) {
            gateway.outbox().append(monitor, reading);
        }

        OutboxUploader.Pass first = gateway.uploader().uploadPending();

        HubRecord taro = new HubRecord("taro");
        assertThat(first.uploaded()).isEqualTo(30);
        assertThat(gateway.outbox().pending()).isEmpty();
        assertThat(taro.bloodPressureCount(binding.sensorDevice())).isEqualTo(30);
        List<Observation> stored = taro.observationsOf(binding.sensorDevice());
        assertThat(stored).hasSize(90); // blood pressure, pulse and status of each reading

        // The monitor re-sends its whole memory on the next connection.
        for (Indication reading : backlog) {
            gateway.outbox().append(monitor, new Indication(reading.characteristic(), reading.value(),
                    reading.receivedAt().plus(Duration.ofDays(1))));
        }
        OutboxUploader.Pass second = gateway.uploader().uploadPending();

        assertThat(second.uploaded()).isEqualTo(30);
        assertThat(gateway.outbox().pending()).isEmpty();
        assertThat(taro.bloodPressureCount(binding.sensorDevice())).isEqualTo(30);
        assertThat(taro.observationsOf(binding.sensorDevice()))
                .extracting(observation -> observation.getIdElement().toUnqualified().getValue())
                .containsExactlyInAnyOrderElementsOf(stored.stream()
                        .map(observation -> observation.getIdElement().toUnqualified().getValue()).toList());
    }

    @Test
    void readingsOfAnUnpairedMonitorWaitInTheOutboxUntilItIsPaired() throws Exception {
        Gateway gateway = gateway(50);
        MonitorInfo monitor = TestMonitors.fresh();
        for (Indication reading : TestMonitors.readings(4, LocalDateTime.of(2026, 10, 2, 21, 0), TOKYO)) {
            gateway.outbox().append(monitor, reading);
        }

        OutboxUploader.Pass beforePairing = gateway.uploader().uploadPending();
        assertThat(beforePairing.uploaded()).isZero();
        assertThat(beforePairing.unbound()).isEqualTo(4);
        assertThat(gateway.outbox().pending()).hasSize(4);

        Binding binding = gateway.pairing().pair(monitor, Optional.of(1), "Patient/taro", Optional.empty());
        OutboxUploader.Pass afterPairing = gateway.uploader().uploadPending();

        assertThat(afterPairing.uploaded()).isEqualTo(4);
        assertThat(new HubRecord("taro").bloodPressureCount(binding.sensorDevice())).isEqualTo(4);
    }

    @Test
    void readingsTakenWhileTheServerIsDownArriveAfterItReturns() throws Exception {
        Gateway gateway = gateway(5);
        MonitorInfo monitor = TestMonitors.fresh();
        Binding binding = gateway.pairing().pair(monitor, Optional.of(1), "Patient/taro", Optional.empty());
        FhirServerProcess server = HubFixture.server();
        Thread uploads = Thread.ofPlatform().start(() -> gateway.uploader().runUntilInterrupted(Duration.ofMillis(200)));
        try {
            server.stop();
            for (Indication reading : TestMonitors.readings(12, LocalDateTime.of(2026, 10, 3, 7, 0), TOKYO)) {
                gateway.outbox().append(monitor, reading);
                gateway.uploader().wake();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.uploadState().snapshot().lastFailure().isPresent());
            assertThat(gateway.outbox().pending()).hasSize(12);
            assertThat(gateway.outbox().deadLetters()).isEmpty();

            server.restart();

            await().atMost(Duration.ofSeconds(60)).until(() -> gateway.outbox().pending().isEmpty());
        } finally {
            uploads.interrupt();
            uploads.join();
        }
        assertThat(gateway.outbox().deadLetters()).isEmpty();
        assertThat(new HubRecord("taro").bloodPressureCount(binding.sensorDevice())).isEqualTo(12);
    }
}
