package org.phrhub.fhirserver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phrhub.client.upload.StorageZip;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.ingest.ImportProperties;
import org.phrhub.synthetic.ssmix2.SyntheticBundles;
import org.phrhub.synthetic.ssmix2.SyntheticHistory;
import org.phrhub.synthetic.ssmix2.SyntheticResident;
import org.phrhub.synthetic.ssmix2.SyntheticStorage;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.postgres.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not a test: measures how fast hospital records are imported. {@code bench.residents} residents (default 100)
 * are registered as canonical Patients and enrolled at three hospitals, each with its own patient numbers and
 * {@code bench.visits} monthly visits (default 3) per resident. Then:
 *
 * <ul>
 *   <li>SS-MIX2: each of two hospitals' storage trees, zipped, through one synchronous {@code $import-ssmix2};
 *       then the same zips again (every record unchanged).
 *   <li>FHIR bundles: one transaction Bundle per resident, side by side, bundle by bundle alternating:
 *       (a) through the hub's {@code $import-bundle}, one request per bundle; (b) posted as they are to stock
 *       HAPI's FHIR transaction endpoint ({@code POST /fhir}): a second server process on the same database,
 *       without the hub's interceptors and with HAPI's defaults ({@link BenchmarkServer}); then both again.
 * </ul>
 *
 * For (b) the hospital's Patient entry is dropped and the references to it point at the resident's canonical
 * {@code Patient/<id>}: a plain transaction cannot attribute a hospital Patient to a resident, and a stored
 * hospital Patient would be a second Patient of the resident. Everything else stays as the hospital sent it:
 * POST with {@code ifNoneExist} on the business identifier (its value URL-encoded), so the
 * second load creates nothing. (b) gets its
 * own institution code, with the same residents and histories (the histories depend on the patient numbers
 * and the seed, not on the code): the bundles of (a) and (b) hold the same resources, only the identifier
 * systems differ, so that (b)'s conditional creates do not find what (a) stored.
 *
 * <p>Before anything is measured, every phase runs once, unmeasured, on {@code bench.warmUpResidents} residents
 * of their own (default 30) at hospitals of their own, on both servers: the figures are those of a server that
 * has been importing for a while, as during a prefecture's load, not of its first seconds after starting.
 *
 * <p>Resources counted are the clinical resources the sources hold, plus for SS-MIX2 the canonical Patient an
 * ADT-00 updates; the Provenance the hub writes per file or bundle is not counted. Prints one line per
 * measurement and the ratios. Run it with the command in the README ("Benchmark: import throughput").
 */
class ImportThroughputBenchmark extends FhirServerIntegrationTest {

    private static final int RESIDENTS = Integer.getInteger("bench.residents", 100);
    private static final int VISITS = Integer.getInteger("bench.visits", 3);
    private static final int WARM_UP_RESIDENTS = Integer.getInteger("bench.warmUpResidents", 30);
    private static final long SEED = 42;
    private static final LocalDate FIRST_VISIT = LocalDate.of(2024, 4, 1);
    private static final String JSON = "application/fhir+json";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** Imports of a whole storage tree take longer than the usual client timeout. */
    private static final Duration LONG_REQUEST = Duration.ofMinutes(30);

    @Autowired
    private DaoRegistry daos;

    /** How many bundles of one upload the hub imports side by side; stock HAPI is sent as many at once. */
    private int workers;

    @Autowired
    void importWorkers(ImportProperties properties) {
        workers = properties.workers();
    }

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> lines = new ArrayList<>();
    private String token;
    private long tokenAt;

    /** One measured run: what it was, how many resources, how long. */
    private record Measurement(String what, long resources, long files, long nanos) {
        double seconds() {
            return nanos / 1e9;
        }

        double perSecond() {
            return resources / seconds();
        }
    }

    /**
     * Residents enrolled at an SS-MIX2 hospital pair and a bundle hospital pair: {@code ssmix2} A and B each with
     * their own patient numbers, {@code bundles} C (for {@code $import-bundle}) and D (the same histories under
     * D's identifier systems, for the plain transactions, so that their conditional creates do not find C's).
     */
    private record Cohort(List<String> canonical, String hospitalA, String hospitalB, String hospitalC,
            byte[] zipA, byte[] zipB, int filesA, int filesB, List<byte[]> importBodies, List<byte[]> transactionBodies,
            List<Long> clinicalPerBundle, String hospitalE, byte[] exportE, List<byte[]> transactionBodiesF, long clinicalE) {}

    @Test
    void measureImportThroughput() throws IOException {
        long setupStart = System.nanoTime();
        Cohort measured = cohort("m", RESIDENTS, SEED);
        Cohort warmUp = cohort("w", WARM_UP_RESIDENTS, SEED + 1);
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

        try (FhirServerProcess stock = stockHapi()) {
            // Both servers run what is measured a while first, on residents of their own: what follows is
            // throughput as a long import sees it, not the first seconds of a freshly started server.
            long warmUpStart = System.nanoTime();
            run(warmUp, stock.fhirBaseUrl());
            double warmUpSeconds = (System.nanoTime() - warmUpStart) / 1e9;
            lines.clear();
            List<Measurement> measurements = run(measured, stock.fhirBaseUrl());

            System.out.println();
            System.out.printf("Import throughput benchmark: %d residents, %d visits each, %d cores; setup (register, enrol"
                    + " at 3 hospitals) %.1f s; warm-up (%d residents, every phase once, unmeasured) %.1f s%n", RESIDENTS,
                    VISITS, Runtime.getRuntime().availableProcessors(), setupSeconds, WARM_UP_RESIDENTS, warmUpSeconds);
            System.out.printf("%-46s %10s %8s %9s %12s %8s%n", "what", "resources", "files", "seconds", "resources/s", "files/s");
            for (Measurement m : measurements) {
                System.out.printf("%-46s %10d %8s %9.1f %12.0f %8s%n", m.what(), m.resources(),
                        m.files() > 0 ? String.valueOf(m.files()) : "-", m.seconds(), m.perSecond(),
                        m.files() > 0 ? String.format("%.0f", m.files() / m.seconds()) : "-");
            }
            Map<String, Measurement> byName = new LinkedHashMap<>();
            measurements.forEach(m -> byName.put(m.what(), m));
            System.out.printf("ratio bundles first: hub $import-bundle / stock HAPI transaction = %.2f (resources/s)%n",
                    byName.get(BUNDLES_HUB + "first").perSecond() / byName.get(BUNDLES_STOCK + "first").perSecond());
            System.out.printf("ratio bundles again: hub $import-bundle / stock HAPI transaction = %.2f (resources/s)%n",
                    byName.get(BUNDLES_HUB + "again").perSecond() / byName.get(BUNDLES_STOCK + "again").perSecond());
            System.out.printf("ratio bundles first, %d at once: hub NDJSON export / stock HAPI transactions = %.2f (resources/s)%n",
                    workers, byName.get(BATCH_HUB + "first").perSecond() / byName.get(BATCH_STOCK + "first").perSecond());
            System.out.printf("ratio bundles again, %d at once: hub NDJSON export / stock HAPI transactions = %.2f (resources/s)%n",
                    workers, byName.get(BATCH_HUB + "again").perSecond() / byName.get(BATCH_STOCK + "again").perSecond());
            System.out.printf("ratio SS-MIX2 first: hub / stock HAPI transaction of the bundles = %.2f (resources/s)%n",
                    byName.get("SS-MIX2 both, first").perSecond() / byName.get(BUNDLES_STOCK + "first").perSecond());
            System.out.printf("ratio SS-MIX2 again / first = %.2f (resources/s)%n",
                    byName.get("SS-MIX2 both, again").perSecond() / byName.get("SS-MIX2 both, first").perSecond());
            lines.forEach(System.out::println);
        }
    }

    private static final String BUNDLES_HUB = "bundles (a) hub $import-bundle, ";
    private static final String BUNDLES_STOCK = "bundles (b) stock HAPI POST transaction, ";
    private static final String BATCH_HUB = "bundles (c) hub NDJSON export, ";
    private static final String BATCH_STOCK = "bundles (d) stock HAPI, as many at once, ";

    /** Registers and enrols {@code count} residents at four new hospitals and prepares what they send. */
    private Cohort cohort(String name, int count, long seed) throws IOException {
        String run = name + UUID.randomUUID().toString().substring(0, 6);
        int base = ThreadLocalRandom.current().nextInt(10_000_000);
        String hospitalA = String.format("13%08d", base);
        String hospitalB = String.format("22%08d", base);
        String hospitalC = String.format("27%08d", base);
        String hospitalD = String.format("28%08d", base);
        String hospitalE = String.format("29%08d", base);
        String hospitalF = String.format("30%08d", base);
        List<SyntheticResident> people = SyntheticResident.residents(count, seed);
        List<SyntheticResident> atB = SyntheticResident.renumbered(people, 20_000_000);
        List<SyntheticResident> atC = SyntheticResident.renumbered(people, 30_000_000);
        List<SyntheticResident> atE = SyntheticResident.renumbered(people, 50_000_000);
        SyntheticHistory plan = SyntheticHistory.monthly(FIRST_VISIT, VISITS, seed);

        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            String id = "bench-" + run + "-" + i;
            BenchmarkResidents.register(daos, id, people.get(i));
            canonical.add(id);
            enrol(id, hospitalA, people.get(i).patientNumber());
            enrol(id, hospitalB, atB.get(i).patientNumber());
            enrol(id, hospitalC, atC.get(i).patientNumber());
            enrol(id, hospitalE, atE.get(i).patientNumber());
        }
        int filesA = SyntheticStorage.write(temp.resolve(run + "-a"), people, plan).size();
        int filesB = SyntheticStorage.write(temp.resolve(run + "-b"), atB, plan).size();

        List<Bundle> viaImport = SyntheticBundles.bundles(atC, plan, hospitalC);
        List<Bundle> viaTransaction = new ArrayList<>();
        List<Bundle> sameHistories = SyntheticBundles.bundles(atC, plan, hospitalD);
        for (int i = 0; i < sameHistories.size(); i++) {
            viaTransaction.add(onCanonicalPatient(sameHistories.get(i), canonical.get(i)));
        }
        List<Long> clinicalPerBundle = viaImport.stream()
                .map(bundle -> bundle.getEntry().stream().filter(entry -> !(entry.getResource() instanceof Patient)).count())
                .toList();
        assertThat(viaTransaction.stream().mapToLong(bundle -> bundle.getEntry().size()).sum())
                .isEqualTo(clinicalPerBundle.stream().mapToLong(Long::longValue).sum());
        // A hospital's export of the same kind of bundles as one NDJSON upload (E), and the same histories as stock
        // HAPI's transactions (F), sent as many at once as the hub's import has workers.
        ByteArrayOutputStream exportE = new ByteArrayOutputStream();
        long clinicalE = 0;
        for (Bundle bundle : SyntheticBundles.bundles(atE, plan, hospitalE)) {
            exportE.writeBytes(json(bundle));
            exportE.write('\n');
            clinicalE += bundle.getEntry().stream().filter(entry -> !(entry.getResource() instanceof Patient)).count();
        }
        List<Bundle> historiesF = SyntheticBundles.bundles(atE, plan, hospitalF);
        List<byte[]> transactionBodiesF = new ArrayList<>();
        for (int i = 0; i < historiesF.size(); i++) {
            transactionBodiesF.add(json(onCanonicalPatient(historiesF.get(i), canonical.get(i))));
        }
        return new Cohort(canonical, hospitalA, hospitalB, hospitalC,
                StorageZip.pack(temp.resolve(run + "-a")), StorageZip.pack(temp.resolve(run + "-b")), filesA, filesB,
                viaImport.stream().map(ImportThroughputBenchmark::json).toList(),
                viaTransaction.stream().map(ImportThroughputBenchmark::json).toList(), clinicalPerBundle,
                hospitalE, exportE.toByteArray(), transactionBodiesF, clinicalE);
    }

    /** Every phase once: SS-MIX2 of A and B first and again; then the bundles, hub and stock HAPI alternating. */
    private List<Measurement> run(Cohort cohort, String stockBase) {
        Measurement firstA = importSsmix2("SS-MIX2 hospital A, first", cohort.zipA(), cohort.hospitalA(), cohort.filesA(), null);
        Measurement firstB = importSsmix2("SS-MIX2 hospital B, first", cohort.zipB(), cohort.hospitalB(), cohort.filesB(), null);
        Measurement againA = importSsmix2("SS-MIX2 hospital A, again", cohort.zipA(), cohort.hospitalA(), cohort.filesA(), firstA.resources());
        Measurement againB = importSsmix2("SS-MIX2 hospital B, again", cohort.zipB(), cohort.hospitalB(), cohort.filesB(), firstB.resources());
        List<Measurement> measurements = new ArrayList<>(List.of(firstA, firstB, combined("SS-MIX2 both, first", firstA, firstB),
                againA, againB, combined("SS-MIX2 both, again", againA, againB)));
        long clinical = cohort.clinicalPerBundle().stream().mapToLong(Long::longValue).sum();
        for (boolean first : List.of(true, false)) {
            Measurement[] pair = sendBundles(first ? "first" : "again", cohort, stockBase, first);
            assertThat(pair[0].resources()).isEqualTo(clinical);
            assertThat(pair[1].resources()).isEqualTo(clinical);
            measurements.addAll(List.of(pair));
        }
        for (boolean first : List.of(true, false)) {
            String pass = first ? "first" : "again";
            Measurement export = importExport(BATCH_HUB + pass, cohort, first);
            Measurement concurrent = sendConcurrently(BATCH_STOCK + pass, cohort.transactionBodiesF(), stockBase, first);
            assertThat(export.resources()).isEqualTo(cohort.clinicalE());
            assertThat(concurrent.resources()).isEqualTo(cohort.clinicalE());
            measurements.addAll(List.of(export, concurrent));
        }
        return measurements;
    }

    /** Stock HAPI: this server's packaged classes without the hub's interceptors and with HAPI's defaults, on this database. */
    private static FhirServerProcess stockHapi() {
        String classPath = System.getProperty("surefire.test.class.path");
        if (classPath == null || classPath.isBlank()) {
            throw new IllegalStateException("surefire.test.class.path is not set: run the benchmark through Maven (README).");
        }
        return FhirServerProcess.startMain(classPath, BenchmarkServer.class.getName(), TestPostgres.database(),
                keycloak().issuer(), List.of(BenchmarkServer.UNENFORCED));
    }

    private void enrol(String id, String institution, String patientNumber) {
        Parameters enrolment = new Parameters();
        enrolment.addParameter("commonId", "C-" + id);
        enrolment.addParameter("institution", institution);
        enrolment.addParameter("patientNumber", patientNumber);
        FhirHttp.Response response = fhir.post("$enrol", importer(), enrolment);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    /**
     * One synchronous import of a zipped tree. {@code expectedUnchanged} empty: the first import, every file
     * imported, nothing unchanged; otherwise every resource of the first import unchanged.
     */
    private Measurement importSsmix2(String what, byte[] zip, String institution, int files, Long expectedUnchanged) {
        String bearer = importer();
        long start = System.nanoTime();
        HttpResponse<String> response = post(fhir.base(), "$import-ssmix2?institution=" + institution, bearer, "application/zip", zip);
        long nanos = System.nanoTime() - start;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Parameters report = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
        assertThat(total(report, "files-imported")).as(what + ": files imported").isEqualTo(files);
        for (String status : List.of("files-error", "files-held", "files-skipped", "files-superseded", "files-deleted")) {
            assertThat(total(report, status)).as(what + ": " + status).isZero();
        }
        assertThat(total(report, "deleted")).isZero();
        long resources;
        if (expectedUnchanged == null) {
            assertThat(total(report, "unchanged")).as(what + ": unchanged").isLessThanOrEqualTo(files);
            resources = total(report, "created") + total(report, "updated");
            assertThat(total(report, "created")).as(what + ": created").isGreaterThan(files);
        } else {
            assertThat(total(report, "created")).as(what + ": created").isZero();
            assertThat(total(report, "updated")).as(what + ": updated").isZero();
            resources = total(report, "unchanged");
            assertThat(resources).as(what + ": unchanged").isGreaterThanOrEqualTo(expectedUnchanged);
        }
        lines.add(String.format("  %s: created %d, updated %d, unchanged %d", what, total(report, "created"),
                total(report, "updated"), total(report, "unchanged")));
        return new Measurement(what, resources, files, nanos);
    }

    private static Measurement combined(String what, Measurement one, Measurement other) {
        return new Measurement(what, one.resources() + other.resources(), one.files() + other.files(), one.nanos() + other.nanos());
    }

    /**
     * Sends bundle i to the hub's {@code $import-bundle}, then bundle i to stock HAPI's transaction endpoint, for
     * each i; the first time every clinical resource must be created, the second time none.
     */
    private Measurement[] sendBundles(String pass, Cohort cohort, String stockBase, boolean first) {
        long importNanos = 0;
        long transactionNanos = 0;
        long imported = 0;
        long transacted = 0;
        for (int i = 0; i < cohort.importBodies().size(); i++) {
            String bearer = importer();
            long start = System.nanoTime();
            HttpResponse<String> response = post(fhir.base(), "$import-bundle?institution=" + cohort.hospitalC(), bearer, JSON,
                    cohort.importBodies().get(i));
            importNanos += System.nanoTime() - start;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Parameters report = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
            assertThat(total(report, "files-imported")).as(response.body()).isEqualTo(1);
            long entries = cohort.clinicalPerBundle().get(i);
            if (first) {
                assertThat(total(report, "created")).as(response.body()).isEqualTo(entries);
                assertThat(total(report, "updated") + total(report, "unchanged")).as("the canonical Patient").isEqualTo(1);
                imported += total(report, "created");
            } else {
                assertThat(total(report, "created") + total(report, "updated")).as(response.body()).isZero();
                assertThat(total(report, "unchanged")).as(response.body()).isEqualTo(entries + 1);
                imported += total(report, "unchanged") - 1;
            }

            bearer = importer();
            start = System.nanoTime();
            response = post(stockBase, "", bearer, JSON, cohort.transactionBodies().get(i));
            transactionNanos += System.nanoTime() - start;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Bundle answer = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
            String expected = first ? "201" : "200";
            for (Bundle.BundleEntryComponent entry : answer.getEntry()) {
                assertThat(entry.getResponse().getStatus()).as(entry.getResponse().getLocation()).startsWith(expected);
            }
            transacted += answer.getEntry().size();
        }
        return new Measurement[] {
            new Measurement(BUNDLES_HUB + pass, imported, 0, importNanos),
            new Measurement(BUNDLES_STOCK + pass, transacted, 0, transactionNanos)
        };
    }

    /** The hospital's whole export as one NDJSON upload: every bundle created the first time, unchanged the second. */
    private Measurement importExport(String what, Cohort cohort, boolean first) {
        String bearer = importer();
        long start = System.nanoTime();
        HttpResponse<String> response = post(fhir.base(), "$import-bundle?institution=" + cohort.hospitalE(), bearer,
                "application/fhir+ndjson", cohort.exportE());
        long nanos = System.nanoTime() - start;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Parameters report = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
        assertThat(total(report, "files-imported")).as(what).isEqualTo(cohort.clinicalPerBundle().size());
        long bundles = cohort.clinicalPerBundle().size();
        long resources;
        if (first) {
            assertThat(total(report, "updated") + total(report, "unchanged")).as("the canonical Patients").isEqualTo(bundles);
            resources = total(report, "created");
        } else {
            assertThat(total(report, "created") + total(report, "updated")).as(what).isZero();
            resources = total(report, "unchanged") - bundles;
        }
        lines.add(String.format("  %s: created %d, updated %d, unchanged %d", what, total(report, "created"),
                total(report, "updated"), total(report, "unchanged")));
        return new Measurement(what, resources, 0, nanos);
    }

    /** The transactions to stock HAPI from as many clients at once as the hub's import has workers. */
    private Measurement sendConcurrently(String what, List<byte[]> bodies, String stockBase, boolean first) {
        String bearer = importer();
        String expected = first ? "201" : "200";
        AtomicLong transacted = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < workers; c++) {
            clients.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    HttpResponse<String> response = post(stockBase, "", bearer, JSON, bodies.get(i));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    Bundle answer = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
                    for (Bundle.BundleEntryComponent entry : answer.getEntry()) {
                        assertThat(entry.getResponse().getStatus()).as(entry.getResponse().getLocation()).startsWith(expected);
                    }
                    transacted.addAndGet(answer.getEntry().size());
                }
            }));
        }
        clients.forEach(CompletableFuture::join);
        return new Measurement(what, transacted.get(), 0, System.nanoTime() - start);
    }

    /** The bundle without its Patient entry, its references to that entry pointing at the canonical Patient. */
    private static Bundle onCanonicalPatient(Bundle bundle, String canonicalId) {
        Bundle.BundleEntryComponent patientEntry = bundle.getEntry().stream()
                .filter(entry -> entry.getResource() instanceof Patient).findFirst().orElseThrow();
        String placeholder = patientEntry.getFullUrl();
        bundle.getEntry().remove(patientEntry);
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            for (Reference reference : FHIR.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                if (placeholder.equals(reference.getReference())) {
                    reference.setReference("Patient/" + canonicalId);
                }
            }
        }
        return bundle;
    }

    private static long total(Parameters report, String name) {
        return Optional.ofNullable(report.getParameter(name)).map(p -> Long.parseLong(p.getValue().primitiveValue())).orElseThrow();
    }

    private static byte[] json(Bundle bundle) {
        return FHIR.newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
    }

    /** The importer's token, fetched again each minute (outside what is measured), so that it never expires. */
    private String importer() {
        if (token == null || System.nanoTime() - tokenAt > Duration.ofMinutes(1).toNanos()) {
            token = clientToken("ehr-importer");
            tokenAt = System.nanoTime();
        }
        return token;
    }

    private HttpResponse<String> post(String base, String path, String bearer, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/" + path))
                .timeout(LONG_REQUEST)
                .header("Accept", JSON)
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
