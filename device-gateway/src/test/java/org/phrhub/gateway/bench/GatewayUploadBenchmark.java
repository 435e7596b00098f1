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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.gateway.Gateway;
import org.phrhub.gateway.HubFixture;
import org.phrhub.gateway.ble.Indication;
import org.phrhub.gateway.ble.MonitorInfo;
import org.phrhub.gateway.outbox.OutboxEntry;
import org.phrhub.gateway.pairing.Binding;
import org.phrhub.gateway.upload.HubRecord;
import org.phrhub.gateway.upload.TestMonitors;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.vocabulary.HubIdentifiers;

/**
 * Not a test: what the gateway's uploads cost the hub, side by side with stock HAPI. Two server processes on
 * one database: the hub as shipped, and the same server without the consent guard (HAPI with the hub's
 * interceptors off, {@code BenchmarkServer} of fhir-server's tests). The same readings' Observations, in
 * transactions of {@code bench.batchSize} readings, go to the hub as the gateway sends them (each Observation
 * put to the id its identifier determines) and as it sent them until now (conditional creates), and to stock
 * HAPI as conditional creates (how a client keeps readings once without ids of its own), as plain creates (no
 * dedup at all) and as the gateway's bundles; batch by batch in turn, the order rotating. Then the gateway
 * end to end (outbox to committed), the same backlog sent again, and the latency of a steady stream. See the
 * README for the command; figures go to standard output.
 */
class GatewayUploadBenchmark {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final int READINGS = Integer.getInteger("bench.readings", 1000);
    private static final int BATCH_SIZE = Integer.getInteger("bench.batchSize", 50);
    private static final int STREAM_RATE = Integer.getInteger("bench.streamPerSecond", 10);
    private static final int STREAM_SECONDS = Integer.getInteger("bench.streamSeconds", 30);
    private static final int WARM_UP_READINGS = 200;

    /** Where a bundle goes and how its Observations are written. */
    enum Variant {
        HUB_PUT("hub, put to their ids (the gateway)", true),
        HUB_CONDITIONAL("hub, conditional creates (the gateway until now)", true),
        STOCK_CONDITIONAL("stock HAPI, conditional creates", false),
        STOCK_CREATE("stock HAPI, plain creates (no dedup)", false),
        STOCK_PUT("stock HAPI, put to their ids", false);

        final String label;
        final boolean hub;

        Variant(String label, boolean hub) {
            this.label = label;
            this.hub = hub;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final FhirContext fhir = FhirContext.forR4Cached();

    @Test
    void uploadThroughputAndLatency() throws Exception {
        FhirServerProcess hub = HubFixture.server();
        FhirServerProcess stock = startStockServer();
        try {
            System.out.printf("%nGateway upload benchmark: %d readings (3 Observations each) per variant, batch size %d; stream %d/s for %d s%n",
                    READINGS, BATCH_SIZE, STREAM_RATE, STREAM_SECONDS);
            // Warm both servers (JIT, connection pools, caches) on every path before measuring any.
            postSideBySide(hub, stock, WARM_UP_READINGS);
            gatewayBurst(WARM_UP_READINGS);

            Map<Variant, long[]> batches = postSideBySide(hub, stock, READINGS);
            System.out.println("posted transactions, batch by batch in turn (readings/s; per transaction p50 / p99):");
            Map<Variant, Double> rates = new EnumMap<>(Variant.class);
            for (Variant variant : Variant.values()) {
                long[] nanos = batches.get(variant);
                double rate = READINGS / (Arrays.stream(nanos).sum() / 1e9);
                rates.put(variant, rate);
                System.out.printf("  %-52s %7.1f readings/s  %6.1f / %6.1f ms%n", variant.label, rate,
                        percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6);
            }
            System.out.printf("ratios  hub put / stock conditional %.2f   hub put / stock plain creates %.2f   hub put / stock put %.2f   hub put / hub conditional %.2f%n",
                    rates.get(Variant.HUB_PUT) / rates.get(Variant.STOCK_CONDITIONAL),
                    rates.get(Variant.HUB_PUT) / rates.get(Variant.STOCK_CREATE),
                    rates.get(Variant.HUB_PUT) / rates.get(Variant.STOCK_PUT),
                    rates.get(Variant.HUB_PUT) / rates.get(Variant.HUB_CONDITIONAL));

            Burst first = gatewayBurst(READINGS);
            System.out.printf("gateway end to end (outbox to committed): %.1f readings/s; the same backlog sent again: %.1f readings/s; stored %d Observations of %d readings%n",
                    first.rate(), first.resendRate(), first.stored(), READINGS);
            if (first.stored() != 3 * READINGS) {
                throw new IllegalStateException("the hub holds " + first.stored() + " Observations of " + READINGS + " readings, not " + 3 * READINGS);
            }

            long[] latency = gatewayStream();
            System.out.printf("latency  gateway, outbox to confirmation, steady %d readings/s: p50 %d ms p99 %d ms max %d ms (%d readings)%n",
                    STREAM_RATE, percentile(latency, 50), percentile(latency, 99), percentile(latency, 100), latency.length);
        } finally {
            stock.stop();
        }
    }

    private static FhirServerProcess startStockServer() {
        return BenchmarkServers.start(List.of("--unenforced"));
    }

    /**
     * {@code count} new readings per variant, each variant's from a monitor of its own, posted as transactions of
     * {@link #BATCH_SIZE} readings: batch i of every variant before batch i+1 of any. Returns each transaction's
     * time and checks every reading was stored once.
     */
    private Map<Variant, long[]> postSideBySide(FhirServerProcess hub, FhirServerProcess stock, int count) throws Exception {
        Map<Variant, List<String>> bundles = new EnumMap<>(Variant.class);
        Map<Variant, String> sensors = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            Gateway gateway = gateway(variant.hub ? hub : stock, "bench-gateway-" + variant);
            GatewayBatches prepared = GatewayBatches.pairAndPrepare(gateway, "Patient/taro", count, LocalDateTime.of(2025, 1, 1, 0, 0),
                    TOKYO, BATCH_SIZE);
            sensors.put(variant, prepared.sensorDevice());
            List<String> encoded = new ArrayList<>();
            for (Bundle bundle : prepared.batches()) {
                encoded.add(fhir.newJsonParser().encodeResourceToString(switch (variant) {
                    case HUB_PUT, STOCK_PUT -> bundle;
                    case HUB_CONDITIONAL, STOCK_CONDITIONAL -> asCreates(bundle, true);
                    case STOCK_CREATE -> asCreates(bundle, false);
                }));
            }
            bundles.put(variant, encoded);
        }
        Map<Variant, long[]> nanos = new EnumMap<>(Variant.class);
        Variant[] variants = Variant.values();
        int batches = bundles.get(Variant.HUB_PUT).size();
        for (Variant variant : variants) {
            nanos.put(variant, new long[batches]);
        }
        for (int batch = 0; batch < batches; batch++) {
            String token = HubFixture.keycloak().tokens().clientToken("device-gateway"); // the run outlasts a token
            for (int turn = 0; turn < variants.length; turn++) {
                Variant variant = variants[(batch + turn) % variants.length];
                String base = variant.hub ? hub.fhirBaseUrl() : stock.fhirBaseUrl();
                nanos.get(variant)[batch] = post(base, token, bundles.get(variant).get(batch));
            }
        }
        HubRecord taro = new HubRecord("taro");
        for (Variant variant : variants) {
            int stored = taro.observationCount(sensors.get(variant));
            if (stored != 3 * count) {
                throw new IllegalStateException(variant.label + ": " + stored + " Observations stored of " + count + " readings");
            }
        }
        return nanos;
    }

    /** The gateway's bundle with its Observations posted instead of put, conditional on their identifiers or not. */
    private static Bundle asCreates(Bundle bundle, boolean conditional) {
        Map<String, String> fullUrls = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getRequest().getMethod() == Bundle.HTTPVerb.PUT) {
                fullUrls.put(entry.getRequest().getUrl(), IdType.newRandomUuid().getValue());
            }
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getRequest().getMethod() != Bundle.HTTPVerb.PUT) {
                continue;
            }
            Observation observation = (Observation) entry.getResource();
            entry.setFullUrl(fullUrls.get(entry.getRequest().getUrl()));
            observation.setId((String) null);
            for (Reference derivedFrom : observation.getDerivedFrom()) {
                derivedFrom.setReference(fullUrls.get(derivedFrom.getReference()));
            }
            entry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
            if (conditional) {
                entry.getRequest().setIfNoneExist("identifier=" + URLEncoder.encode(
                        HubIdentifiers.READING + "|" + observation.getIdentifierFirstRep().getValue(), StandardCharsets.UTF_8));
            }
        }
        return bundle;
    }

    private long post(String fhirBase, String token, String bundle) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fhirBase))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json")
                .header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofString(bundle))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the transaction to " + fhirBase + " answered " + response.statusCode() + ": " + response.body());
        }
        return nanos;
    }

    private record Burst(double rate, double resendRate, int stored) {}

    /** Readings per second from a full outbox to committed on the hub, then the same backlog once more. */
    private Burst gatewayBurst(int count) throws Exception {
        Gateway gateway = gateway(HubFixture.server());
        MonitorInfo monitor = TestMonitors.fresh();
        Binding binding = gateway.pairing().pair(monitor, Optional.of(1), "Patient/taro", Optional.empty());
        List<Indication> readings = TestMonitors.readings(count, LocalDateTime.of(2025, 1, 1, 0, 0), TOKYO);
        double rate = upload(gateway, monitor, readings);
        // The monitor sends its whole memory again on its next connection.
        List<Indication> again = readings.stream()
                .map(r -> new Indication(r.characteristic(), r.value(), r.receivedAt().plus(Duration.ofDays(1)))).toList();
        double resendRate = upload(gateway, monitor, again);
        return new Burst(rate, resendRate, new HubRecord("taro").observationCount(binding.sensorDevice()));
    }

    private static double upload(Gateway gateway, MonitorInfo monitor, List<Indication> readings) throws Exception {
        for (Indication reading : readings) {
            gateway.outbox().append(monitor, reading);
        }
        long start = System.nanoTime();
        int uploaded = gateway.uploader().uploadPending().uploaded();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (uploaded != readings.size()) {
            throw new IllegalStateException("uploaded " + uploaded + " of " + readings.size());
        }
        return readings.size() / seconds;
    }

    /** Per-reading latency from the outbox to the server's confirmation, readings arriving at a steady rate. */
    private long[] gatewayStream() throws Exception {
        Gateway gateway = gateway(HubFixture.server());
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
        if (!appendedAt.isEmpty()) {
            throw new IllegalStateException(appendedAt.size() + " readings of the stream were not confirmed within 60 s");
        }
        synchronized (latencies) {
            return latencies.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static Gateway gateway(FhirServerProcess server) throws Exception {
        return gateway(server, "bench-gateway");
    }

    static Gateway gateway(FhirServerProcess server, String gatewayId) throws Exception {
        Path dataDir = Files.createTempDirectory("gateway-bench-");
        return new Gateway(HubFixture.gatewaySettings(server, dataDir, BATCH_SIZE, gatewayId), Clock.systemUTC());
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
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1))];
    }
}
