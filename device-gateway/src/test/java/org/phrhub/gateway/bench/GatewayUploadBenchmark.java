package org.phrhub.gateway.bench;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.HubFixture;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.ble.decode.BloodPressureDecoder;
import org.phrhub.gateway.ble.decode.QuirksProfile;
import org.phrhub.gateway.config.GatewaySettings;
import org.phrhub.gateway.fhir.BloodPressureObservations;
import org.phrhub.gateway.fhir.MappedReading;
import org.phrhub.gateway.fhir.ReadingClock;
import org.phrhub.gateway.fhir.ReadingSubject;
import org.phrhub.gateway.outbox.OutboxEntry;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.gateway.upload.TestMonitors;
import org.phrhub.vocabulary.HubIdentifiers;

/**
 * Not a test: upload throughput and latency of the gateway (outbox, FHIR transactions of up to
 * {@code bench.batchSize} readings) side by side with posting the same Observations one request each,
 * against the real hub on this machine. See the README for the command; figures go to standard output.
 */
class GatewayUploadBenchmark {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final int READINGS = Integer.getInteger("bench.readings", 1000);
    private static final int BATCH_SIZE = Integer.getInteger("bench.batchSize", 50);
    private static final int STREAM_RATE = Integer.getInteger("bench.streamPerSecond", 10);
    private static final int STREAM_SECONDS = Integer.getInteger("bench.streamSeconds", 30);

    private final HttpClient http = HttpClient.newHttpClient();
    private final FhirContext fhir = FhirContext.forR4Cached();

    @Test
    void uploadThroughputAndLatency() throws Exception {
        HubFixture.server();
        System.out.printf("%nGateway upload benchmark: %d readings (3 Observations each), batch size %d; stream %d/s for %d s%n",
                READINGS, BATCH_SIZE, STREAM_RATE, STREAM_SECONDS);
        // Warm both paths (JIT, connection pools, the server's caches) before measuring either.
        gatewayBurst(50);
        directBurst(50);

        double gatewayRate = gatewayBurst(READINGS);
        double directRate = directBurst(READINGS);
        System.out.printf("throughput  gateway transactions %.1f readings/s   one request per Observation %.1f readings/s   ratio %.2f%n",
                gatewayRate, directRate, gatewayRate / directRate);

        long[] gatewayLatency = gatewayStream();
        long[] directLatency = directStream();
        System.out.printf("latency     gateway p50 %d ms p99 %d ms   one request per Observation p50 %d ms p99 %d ms   (steady %d readings/s)%n",
                percentile(gatewayLatency, 50), percentile(gatewayLatency, 99),
                percentile(directLatency, 50), percentile(directLatency, 99), STREAM_RATE);
    }

    /** Readings per second from a full outbox to committed on the server. */
    private double gatewayBurst(int count) throws Exception {
        Gateway gateway = gateway();
        MonitorInfo monitor = TestMonitors.fresh();
        gateway.pairing().pair(monitor, Optional.of(1), "Patient/taro", Optional.empty());
        for (Indication reading : TestMonitors.readings(count, LocalDateTime.of(2025, 1, 1, 0, 0), TOKYO)) {
            gateway.outbox().append(monitor, reading);
        }
        long start = System.nanoTime();
        int uploaded = gateway.uploader().uploadPending().uploaded();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (uploaded != count) {
            throw new IllegalStateException("uploaded " + uploaded + " of " + count);
        }
        return count / seconds;
    }

    /** The same readings' Observations, each posted on its own (conditional create, as the gateway does). */
    private double directBurst(int count) throws Exception {
        Gateway gateway = gateway();
        MonitorInfo monitor = TestMonitors.fresh();
        Binding binding = gateway.pairing().pair(monitor, Optional.of(1), "Patient/taro", Optional.empty());
        List<Indication> readings = TestMonitors.readings(count, LocalDateTime.of(2025, 1, 1, 0, 0), TOKYO);
        DirectPoster poster = new DirectPoster(gateway, binding, monitor);
        long start = System.nanoTime();
        for (Indication reading : readings) {
            poster.post(reading);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Per-reading latency from the outbox to the server's confirmation, readings arriving at a steady rate. */
    private long[] gatewayStream() throws Exception {
        Gateway gateway = gateway();
        MonitorInfo monitor = TestMonitors.fresh();
        gateway.pairing().pair(monitor, Optional.of(1), "Patient/taro", Optional.empty());
        List<Indication> readings = TestMonitors.readings(STREAM_RATE * STREAM_SECONDS, LocalDateTime.of(2025, 6, 1, 0, 0), TOKYO);
        Map<Long, Long> appendedAt = new ConcurrentHashMap<>();
        List<Long> latencies = new ArrayList<>();
        Thread uploads = Thread.ofPlatform().start(() -> gateway.uploader().runUntilInterrupted(Duration.ofSeconds(1)));
        Path pending = gateway.settings().dataDir().resolve("outbox");
        Thread watcher = Thread.ofPlatform().start(() -> {
            // Confirmation is the entry leaving the outbox.
            while (!Thread.currentThread().isInterrupted()) {
                Set<Long> present = new HashSet<>();
                try (var files = Files.list(pending)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                            .forEach(n -> present.add(Long.parseLong(n.substring(0, n.indexOf('.')))));
                } catch (IOException e) {
                    continue;
                }
                long now = System.nanoTime();
                for (Map.Entry<Long, Long> entry : appendedAt.entrySet()) {
                    if (!present.contains(entry.getKey()) && appendedAt.remove(entry.getKey()) != null) {
                        synchronized (latencies) {
                            latencies.add((now - entry.getValue()) / 1_000_000);
                        }
                    }
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long period = 1_000_000_000L / STREAM_RATE;
        long next = System.nanoTime();
        for (Indication reading : readings) {
            sleepUntil(next);
            OutboxEntry entry = gateway.outbox().append(monitor, reading);
            appendedAt.put(entry.id(), System.nanoTime());
            gateway.uploader().wake();
            next += period;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!appendedAt.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        uploads.interrupt();
        watcher.interrupt();
        uploads.join();
        watcher.join();
        synchronized (latencies) {
            return latencies.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** The same stream, each reading's Observations posted one request each as the reading arrives. */
    private long[] directStream() throws Exception {
        Gateway gateway = gateway();
        MonitorInfo monitor = TestMonitors.fresh();
        Binding binding = gateway.pairing().pair(monitor, Optional.of(1), "Patient/taro", Optional.empty());
        List<Indication> readings = TestMonitors.readings(STREAM_RATE * STREAM_SECONDS, LocalDateTime.of(2025, 6, 1, 0, 0), TOKYO);
        DirectPoster poster = new DirectPoster(gateway, binding, monitor);
        LinkedBlockingQueue<long[]> arrivals = new LinkedBlockingQueue<>();
        List<Long> latencies = new ArrayList<>();
        Thread sender = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < readings.size(); i++) {
                    long[] arrival = arrivals.take();
                    poster.post(readings.get((int) arrival[0]));
                    latencies.add((System.nanoTime() - arrival[1]) / 1_000_000);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long period = 1_000_000_000L / STREAM_RATE;
        long next = System.nanoTime();
        for (int i = 0; i < readings.size(); i++) {
            sleepUntil(next);
            arrivals.add(new long[] {i, System.nanoTime()});
            next += period;
        }
        sender.join(TimeUnit.SECONDS.toMillis(120));
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    /** Posts a reading's Observations one by one, each conditional on its identifier. */
    private final class DirectPoster {
        private final String token;
        private final BloodPressureObservations mapper = new BloodPressureObservations(new ReadingClock(TOKYO));
        private final ReadingSubject subject;
        private final BloodPressureDecoder decoder = new BloodPressureDecoder(QuirksProfile.STRICT);

        DirectPoster(Gateway gateway, Binding binding, MonitorInfo monitor) {
            this.token = HubFixture.keycloak().tokens().clientToken("device-gateway");
            this.subject = new ReadingSubject(binding.patient(), monitor.systemId().orElseThrow() + ".u1",
                    binding.sensorDevice(), binding.sensorDevice());
        }

        void post(Indication reading) throws Exception {
            MappedReading mapped = mapper.map(decoder.decodeMeasurement(reading.value()), reading, subject);
            for (Observation observation : mapped.all()) {
                // Within one request each, the bundle-internal links of derivedFrom cannot be kept.
                observation.getDerivedFrom().clear();
                observation.setId((String) null);
                String identifier = observation.getIdentifierFirstRep().getValue();
                HttpRequest request = HttpRequest.newBuilder(URI.create(HubFixture.server().fhirBaseUrl() + "/Observation"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/fhir+json")
                        .header("If-None-Exist", "identifier=" + URLEncoder.encode(HubIdentifiers.READING + "|" + identifier, StandardCharsets.UTF_8))
                        .POST(HttpRequest.BodyPublishers.ofString(fhir.newJsonParser().encodeResourceToString(observation)))
                        .build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new IllegalStateException("POST Observation answered " + response.statusCode() + ": " + response.body());
                }
            }
        }
    }

    private Gateway gateway() throws Exception {
        Path dataDir = Files.createTempDirectory("gateway-bench-");
        GatewaySettings settings = HubFixture.gatewaySettings(dataDir, BATCH_SIZE, "bench-gateway");
        return new Gateway(settings, Clock.systemUTC());
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static long percentile(long[] values, int percentile) {
        if (values.length == 0) {
            return -1;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }
}
