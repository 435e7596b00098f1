package org.phrhub.gateway.bench;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gatling.app.Gatling$;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.phrhub.client.upload.StorageZip;
import org.phrhub.gateway.HubFixture;
import org.phrhub.synthetic.ssmix2.ResidentHistory;
import org.phrhub.synthetic.ssmix2.SyntheticBundles;
import org.phrhub.synthetic.ssmix2.SyntheticHistory;
import org.phrhub.synthetic.ssmix2.SyntheticResident;
import org.phrhub.synthetic.ssmix2.SyntheticStorage;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.postgres.TestDatabase;
import org.phrhub.testsupport.postgres.TestPostgres;

/**
 * Not a test: what one hub node holds under a city's mixed traffic, then two nodes on the same database. For
 * {@code bench.seconds} (60) at once: {@code bench.clinicians} (20) clinicians open charts and search, {@code
 * bench.gateways} (50) gateways upload readings in transactions of {@code bench.batchReadings} (10), and two
 * importers bring in hospital records, one SS-MIX2 and one FHIR bundles, a resident at a time; clinicians read
 * each chart for {@code bench.clinicianPauseMillis} (2,000), the others send as fast as they are answered. The
 * same traffic runs {@code bench.warmUpSeconds} (20) first, unmeasured. Gatling drives
 * the traffic ({@link HubLoadSimulation}); its report goes to {@code target/gatling}. The nodes are the hub as
 * shipped (consent enforced, audit on), started from the packaged server with the benchmark's residents
 * ({@code BenchmarkServer} of fhir-server's tests). After each phase it counts what the hub holds: every
 * reading acknowledged stored once, every imported resource reported stored, nothing else. Figures go to
 * standard output; see the README for the command.
 */
class HubLoadBenchmark {

    private static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("bench.seconds", 60));
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmUpSeconds", 20));
    private static final int CLINICIANS = Integer.getInteger("bench.clinicians", 20);
    private static final Duration CLINICIAN_PAUSE = Duration.ofMillis(Integer.getInteger("bench.clinicianPauseMillis", 2000));
    private static final int GATEWAYS = Integer.getInteger("bench.gateways", 50);
    private static final int BATCH_READINGS = Integer.getInteger("bench.batchReadings", 10);
    /** Prepared per gateway and phase; a phase that uses them all fails (the run would idle). */
    private static final int BATCHES_PER_GATEWAY = Integer.getInteger("bench.gatewayBatches", 40);
    /** Residents registered; each importer has one unit per resident and phase. */
    private static final int RESIDENTS = Integer.getInteger("bench.residents", 300);
    private static final int VISITS = 3;
    private static final String LOAD_PREFIX = "load-";
    private static final long LOAD_SEED = 7; // BenchmarkResidents.LOAD_SEED: the same people the server registered
    private static final List<String> PHYSICIANS = List.of("dr.suzuki", "dr.sato");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FhirContext fhir = FhirContext.forR4Cached();
    private final ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

    @Test
    void oneNodeThenTwo() throws Exception {
        FhirServerProcess first = BenchmarkServers.start(List.of("--phrhub.demo.seed=true", "--load-residents=" + RESIDENTS));
        FhirServerProcess second = null;
        try {
            List<SyntheticResident> people = SyntheticResident.residents(RESIDENTS, LOAD_SEED);
            Phase one = runPhase(1, List.of(first), people);
            second = BenchmarkServers.start(List.of());
            Phase two = runPhase(2, List.of(first, second), people);

            System.out.printf("%nHub load benchmark: %d s, %d clinicians, %d gateways (%d readings a transaction), 2 importers;"
                    + " %d cores, one PostgreSQL%n", DURATION.toSeconds(), CLINICIANS, GATEWAYS, BATCH_READINGS,
                    Runtime.getRuntime().availableProcessors());
            one.print();
            two.print();
            System.out.printf("two nodes / one node, requests/s: all %.2f", two.requestsPerSecond() / one.requestsPerSecond());
            for (String kind : one.kinds().keySet()) {
                Kind a = one.kinds().get(kind);
                Kind b = two.kinds().get(kind);
                if (b != null) {
                    System.out.printf(" | %s %.2f", kind, b.perSecond() / a.perSecond());
                }
            }
            System.out.println();
            for (Phase phase : List.of(one, two)) {
                if (phase.errors() > 0 || !phase.problems().isEmpty()) {
                    throw new IllegalStateException(phase.name() + ": " + phase.errors() + " failed requests; " + phase.problems());
                }
            }
        } finally {
            if (second != null) {
                second.stop();
            }
            first.stop();
        }
    }

    /** One kind of request as Gatling counted it; times in milliseconds. */
    record Kind(long ok, long ko, double perSecond, long p50, long p95, long p99, long max) {}

    record Phase(String name, double requestsPerSecond, long errors, Map<String, Kind> kinds, List<String> counts,
            List<String> problems) {
        void print() {
            System.out.printf("%s: %.1f requests/s, %d failed%n", name, requestsPerSecond, errors);
            System.out.printf("  %-48s %8s %5s %8s %7s %7s %7s %7s%n", "kind", "ok", "ko", "req/s", "p50", "p95", "p99", "max ms");
            kinds.forEach((kind, k) -> System.out.printf("  %-48s %8d %5d %8.1f %7d %7d %7d %7d%n",
                    kind, k.ok(), k.ko(), k.perSecond(), k.p50(), k.p95(), k.p99(), k.max()));
            counts.forEach(line -> System.out.println("  " + line));
        }
    }

    private Phase runPhase(int number, List<FhirServerProcess> nodes, List<SyntheticResident> people) throws Exception {
        String name = nodes.size() == 1 ? "one node" : nodes.size() + " nodes";
        long prepareStart = System.nanoTime();
        int base = ThreadLocalRandom.current().nextInt(10_000_000);
        String ssmix2Institution = String.format("13%08d", base);
        String bundleInstitution = String.format("27%08d", base);
        SyntheticHistory history = SyntheticHistory.monthly(LocalDate.now(TOKYO).minusMonths(VISITS), VISITS, LOAD_SEED + number);

        // Gateways: each pairs a fresh monitor for a resident of its own and has its batches ready.
        LocalDateTime firstTaken = LocalDateTime.now(TOKYO).minusDays(7);
        List<GatewayBatches> gateways = new ArrayList<>();
        List<List<String>> encoded = new ArrayList<>();
        List<String> patients = new ArrayList<>();
        for (int g = 0; g < GATEWAYS; g++) {
            String patient = "Patient/" + LOAD_PREFIX + (g % RESIDENTS);
            GatewayBatches batches = GatewayBatches.pairAndPrepare(
                    GatewayUploadBenchmark.gateway(nodes.get(g % nodes.size()), "load-" + number + "-gateway-" + g),
                    patient, BATCHES_PER_GATEWAY * BATCH_READINGS, firstTaken, TOKYO, BATCH_READINGS);
            gateways.add(batches);
            encoded.add(batches.batches().stream().map(b -> fhir.newJsonParser().encodeResourceToString(b)).toList());
            patients.add(patient);
        }

        // Importers: every resident enrolled at both hospitals under their own numbers; one unit per resident.
        String importer = HubFixture.keycloak().tokens().clientToken("ehr-importer");
        List<byte[]> zips = new ArrayList<>();
        List<byte[]> bundles = new ArrayList<>();
        Path storage = Files.createTempDirectory("load-ssmix2-");
        // One history per hospital, so its order numbers run on across residents as a hospital's do.
        List<ResidentHistory> atSsmix2 = history.of(SyntheticResident.renumbered(people, 40_000_000));
        List<ResidentHistory> atBundles = history.of(SyntheticResident.renumbered(people, 50_000_000));
        for (int i = 0; i < people.size(); i++) {
            enrol(nodes.get(0), importer, LOAD_PREFIX + i, ssmix2Institution, atSsmix2.get(i).resident().patientNumber());
            enrol(nodes.get(0), importer, LOAD_PREFIX + i, bundleInstitution, atBundles.get(i).resident().patientNumber());
            Path tree = storage.resolve(String.valueOf(i));
            SyntheticStorage.write(tree, List.of(atSsmix2.get(i)));
            zips.add(StorageZip.pack(tree));
            bundles.add(fhir.newJsonParser().encodeResourceToString(SyntheticBundles.bundle(atBundles.get(i), bundleInstitution))
                    .getBytes(StandardCharsets.UTF_8));
        }
        System.out.printf("%s: prepared in %.0f s%n", name, (System.nanoTime() - prepareStart) / 1e9);

        LoadPlan.Outcome outcome = new LoadPlan.Outcome(GATEWAYS);
        List<String> clinicianTokens = PHYSICIANS.stream().map(user -> HubFixture.keycloak().tokens().userToken(user)).toList();
        LoadPlan plan = new LoadPlan(nodes.stream().map(FhirServerProcess::fhirBaseUrl).toList(), DURATION, CLINICIANS,
                CLINICIAN_PAUSE, patients, clinicianTokens, HubFixture.keycloak().tokens().clientToken("device-gateway"), encoded,
                BATCH_READINGS, HubFixture.keycloak().tokens().clientToken("ehr-importer"), ssmix2Institution, zips,
                bundleInstitution, bundles,
                firstTaken.toLocalDate().atStartOfDay(TOKYO).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                outcome);
        // The same traffic for a while first, unmeasured: every node's JIT compiled and its pools filled, the second
        // node as warm as the first. What it stores is counted with the rest.
        int warmUp = gatling(plan.lasting(WARM_UP), Path.of("target", "gatling", "phase-" + number + "-warm-up"), name + ", warm-up");
        Path results = Path.of("target", "gatling", "phase-" + number);
        int status = gatling(plan, results, name);
        List<String> problems = new ArrayList<>();
        if (status != 0 || warmUp != 0) {
            problems.add("Gatling ended with status " + warmUp + " (warm-up) and " + status);
        }
        if (outcome.exhausted.get() > 0) {
            problems.add(outcome.exhausted.get() + " times a user found no prepared work left: prepare more (bench.gatewayBatches, bench.residents)");
        }

        List<String> counts = new ArrayList<>();
        countReadings(nodes.get(0), gateways, outcome, counts, problems);
        countImports(outcome.ssmix2Reports, Math.min(outcome.ssmix2Sent.get(), zips.size()), "SS-MIX2", "urn:phr-hub:ssmix2:" + ssmix2Institution + "/", counts, problems);
        countImports(outcome.bundleReports, Math.min(outcome.bundlesSent.get(), bundles.size()), "bundles", "urn:phr-hub:bundle:" + bundleInstitution + "/", counts, problems);
        return stats(name, results, counts, problems);
    }

    private static int gatling(LoadPlan plan, Path results, String description) {
        LoadPlan.set(plan);
        return Gatling$.MODULE$.fromArgs(new String[] {"--simulation", HubLoadSimulation.class.getName(),
                "--results-folder", results.toString(), "--run-description", "PHR Hub load, " + description});
    }

    private void enrol(FhirServerProcess node, String token, String resident, String institution, String patientNumber) throws Exception {
        Parameters enrolment = new Parameters();
        enrolment.addParameter("commonId", "C-" + resident);
        enrolment.addParameter("institution", institution);
        enrolment.addParameter("patientNumber", patientNumber);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.fhirBaseUrl() + "/$enrol"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(fhir.newJsonParser().encodeResourceToString(enrolment))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("$enrol answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Every acknowledged reading's three Observations stored once, as the hub counts them for a consenting physician. */
    private void countReadings(FhirServerProcess node, List<GatewayBatches> gateways, LoadPlan.Outcome outcome, List<String> counts,
            List<String> problems) throws Exception {
        String token = HubFixture.keycloak().tokens().userToken(PHYSICIANS.get(0));
        long acknowledged = 0;
        long stored = 0;
        for (int g = 0; g < gateways.size(); g++) {
            int batches = outcome.batchesAcknowledged.get(g);
            int sent = outcome.batchesSent.get(g);
            long expected = 3L * BATCH_READINGS * batches;
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.fhirBaseUrl() + "/Observation?device="
                            + gateways.get(g).sensorDevice() + "&_summary=count"))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long found = fhir.newJsonParser().parseResource(Bundle.class, response.body()).getTotal();
            if (found != expected || sent != batches) {
                problems.add("gateway " + g + ": " + sent + " batches sent, " + batches + " acknowledged, " + found
                        + " Observations stored (" + expected + " expected)");
            }
            acknowledged += (long) BATCH_READINGS * batches;
            stored += found;
        }
        counts.add(String.format("readings: %d acknowledged, %d Observations stored (3 a reading: %s)", acknowledged, stored,
                stored == 3 * acknowledged ? "all, once" : "MISMATCH"));
    }

    /** Every import answered 200 with a report of only imported files, and the resources it created are in the database. */
    private void countImports(Iterable<String> reports, int sent, String what, String sourcePrefix, List<String> counts,
            List<String> problems) throws Exception {
        long created = 0;
        long updated = 0;
        long answered = 0;
        for (String body : reports) {
            Parameters report = fhir.newJsonParser().parseResource(Parameters.class, body);
            answered++;
            created += total(report, "created");
            updated += total(report, "updated");
            for (String outcome : List.of("files-error", "files-held", "files-superseded", "files-deleted")) {
                if (total(report, outcome) > 0) {
                    problems.add(what + " import reported " + outcome + ": " + body);
                }
            }
        }
        long stored = storedFrom(sourcePrefix);
        counts.add(String.format("%s: %d residents' records sent, %d imported; %d resources created, %d updated; %d stored from that hospital",
                what, sent, answered, created, updated, stored));
        if (answered != sent) {
            problems.add(what + ": " + sent + " sent, " + answered + " imported");
        }
        // The canonical Patients an import updates carry that hospital's source until another hospital's import
        // updates them again: they count as stored from it, or not.
        if (stored < created || stored > created + updated) {
            problems.add(what + ": " + created + " resources reported created and " + updated + " updated, " + stored
                    + " stored");
        }
    }

    private static long total(Parameters report, String name) {
        return report.getParameter().stream().filter(p -> p.getName().equals(name))
                .mapToLong(p -> Long.parseLong(p.getValue().primitiveValue())).sum();
    }

    /** Current resources whose meta.source is below the prefix, counted in PostgreSQL (the hub's own search would be per type). */
    private static long storedFrom(String sourcePrefix) throws Exception {
        TestDatabase database = TestPostgres.database();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement query = connection.prepareStatement("""
                        SELECT count(*) FROM hfj_resource r JOIN hfj_res_ver v ON v.res_id = r.res_id AND v.res_ver = r.res_ver
                        WHERE r.res_deleted_at IS NULL AND v.source_uri LIKE ? AND r.res_type <> 'Provenance'
                        """)) {
            query.setString(1, sourcePrefix.replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Gatling's figures for the run, from the report's statistics. */
    private Phase stats(String name, Path results, List<String> counts, List<String> problems) throws Exception {
        Path run;
        try (Stream<Path> runs = Files.list(results)) {
            run = runs.filter(Files::isDirectory).max(Path::compareTo).orElseThrow();
        }
        // The HTML report's statistics: a JavaScript object literal (unquoted names) before the report's functions.
        String script = Files.readString(run.resolve("js").resolve("stats.js"), StandardCharsets.UTF_8);
        int start = script.indexOf('{');
        int end = script.indexOf("\nfunction ");
        JsonNode root = json.readTree(script.substring(start, end < 0 ? script.length() : end));
        Map<String, Kind> kinds = new LinkedHashMap<>();
        root.path("contents").forEach(request -> kinds.put(request.path("name").asText(), kind(request.path("stats"))));
        Kind all = kind(root.path("stats"));
        return new Phase(name, all.perSecond(), all.ko(), kinds, counts, problems);
    }

    private static Kind kind(JsonNode stats) {
        return new Kind(stats.path("numberOfRequests").path("ok").asLong(), stats.path("numberOfRequests").path("ko").asLong(),
                stats.path("meanNumberOfRequestsPerSecond").path("total").asDouble(),
                stats.path("percentiles1").path("total").asLong(), stats.path("percentiles3").path("total").asLong(),
                stats.path("percentiles4").path("total").asLong(), stats.path("maxResponseTime").path("total").asLong());
    }
}
