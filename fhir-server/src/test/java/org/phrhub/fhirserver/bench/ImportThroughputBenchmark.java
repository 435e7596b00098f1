package org.phrhub.fhirserver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
import org.phrhub.synthetic.ssmix2.SyntheticBundles;
import org.phrhub.synthetic.ssmix2.SyntheticHistory;
import org.phrhub.synthetic.ssmix2.SyntheticResident;
import org.phrhub.synthetic.ssmix2.SyntheticStorage;
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
 *       (a) through {@code $import-bundle}, one request per bundle; (b) posted as they are to the FHIR
 *       transaction endpoint ({@code POST /fhir}), as the ehr-importer client; then both again.
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
 * <p>Resources counted are the clinical resources the sources hold, plus for SS-MIX2 the canonical Patient an
 * ADT-00 updates; the Provenance the hub writes per file or bundle is not counted. Prints one line per
 * measurement and the ratios. Run it with the command in the README ("Benchmark: import throughput").
 */
class ImportThroughputBenchmark extends FhirServerIntegrationTest {

    private static final int RESIDENTS = Integer.getInteger("bench.residents", 100);
    private static final int VISITS = Integer.getInteger("bench.visits", 3);
    private static final long SEED = 42;
    private static final LocalDate FIRST_VISIT = LocalDate.of(2024, 4, 1);
    private static final String JSON = "application/fhir+json";
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    /** Imports of a whole storage tree take longer than the usual client timeout. */
    private static final Duration LONG_REQUEST = Duration.ofMinutes(30);

    @Autowired
    private DaoRegistry daos;

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

    @Test
    void measureImportThroughput() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int base = ThreadLocalRandom.current().nextInt(10_000_000);
        String hospitalA = String.format("13%08d", base);
        String hospitalB = String.format("22%08d", base);
        String hospitalC = String.format("27%08d", base);
        String hospitalD = String.format("28%08d", base);

        List<SyntheticResident> people = SyntheticResident.residents(RESIDENTS, SEED);
        List<SyntheticResident> atA = people;
        List<SyntheticResident> atB = SyntheticResident.renumbered(people, 20_000_000);
        List<SyntheticResident> atC = SyntheticResident.renumbered(people, 30_000_000);
        SyntheticHistory plan = SyntheticHistory.monthly(FIRST_VISIT, VISITS, SEED);

        long setupStart = System.nanoTime();
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            String id = "bench-" + run + "-" + i;
            BenchmarkResidents.register(daos, id, people.get(i));
            canonical.add(id);
            enrol(id, hospitalA, atA.get(i).patientNumber());
            enrol(id, hospitalB, atB.get(i).patientNumber());
            enrol(id, hospitalC, atC.get(i).patientNumber());
        }
        double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

        // SS-MIX2: two hospitals, then the same trees again.
        int filesA = SyntheticStorage.write(temp.resolve("a"), atA, plan).size();
        int filesB = SyntheticStorage.write(temp.resolve("b"), atB, plan).size();
        byte[] zipA = StorageZip.pack(temp.resolve("a"));
        byte[] zipB = StorageZip.pack(temp.resolve("b"));
        List<Measurement> measurements = new ArrayList<>();
        Measurement firstA = importSsmix2("SS-MIX2 hospital A, first", zipA, hospitalA, filesA, null);
        Measurement firstB = importSsmix2("SS-MIX2 hospital B, first", zipB, hospitalB, filesB, null);
        Measurement againA = importSsmix2("SS-MIX2 hospital A, again", zipA, hospitalA, filesA, firstA.resources());
        Measurement againB = importSsmix2("SS-MIX2 hospital B, again", zipB, hospitalB, filesB, firstB.resources());
        measurements.addAll(List.of(firstA, firstB,
                combined("SS-MIX2 both, first", firstA, firstB), againA, againB, combined("SS-MIX2 both, again", againA, againB)));

        // FHIR bundles: (a) $import-bundle and (b) the plain transaction endpoint, alternating bundle by bundle.
        List<Bundle> viaImport = SyntheticBundles.bundles(atC, plan, hospitalC);
        List<Bundle> viaTransaction = new ArrayList<>();
        List<Bundle> sameHistories = SyntheticBundles.bundles(atC, plan, hospitalD);
        for (int i = 0; i < sameHistories.size(); i++) {
            viaTransaction.add(onCanonicalPatient(sameHistories.get(i), canonical.get(i)));
        }
        List<Long> clinicalPerBundle = viaImport.stream()
                .map(bundle -> bundle.getEntry().stream().filter(entry -> !(entry.getResource() instanceof Patient)).count())
                .toList();
        long clinical = clinicalPerBundle.stream().mapToLong(Long::longValue).sum();
        assertThat(viaTransaction.stream().mapToLong(bundle -> bundle.getEntry().size()).sum()).isEqualTo(clinical);
        List<byte[]> importBodies = viaImport.stream().map(ImportThroughputBenchmark::json).toList();
        List<byte[]> transactionBodies = viaTransaction.stream().map(ImportThroughputBenchmark::json).toList();

        Measurement[] first = sendBundles("first", importBodies, transactionBodies, clinicalPerBundle, hospitalC, true);
        Measurement[] again = sendBundles("again", importBodies, transactionBodies, clinicalPerBundle, hospitalC, false);
        for (Measurement measurement : List.of(first[0], first[1], again[0], again[1])) {
            assertThat(measurement.resources()).isEqualTo(clinical);
        }
        measurements.addAll(List.of(first[0], first[1], again[0], again[1]));

        System.out.println();
        System.out.printf("Import throughput benchmark: %d residents, %d visits each, %d cores; setup (register, enrol at 3"
                + " hospitals) %.1f s%n", RESIDENTS, VISITS, Runtime.getRuntime().availableProcessors(), setupSeconds);
        System.out.printf("%-40s %10s %8s %9s %12s %8s%n", "what", "resources", "files", "seconds", "resources/s", "files/s");
        for (Measurement m : measurements) {
            System.out.printf("%-40s %10d %8s %9.1f %12.0f %8s%n", m.what(), m.resources(),
                    m.files() > 0 ? String.valueOf(m.files()) : "-", m.seconds(), m.perSecond(),
                    m.files() > 0 ? String.format("%.0f", m.files() / m.seconds()) : "-");
        }
        System.out.printf("ratio bundles first: $import-bundle / transaction = %.2f (resources/s)%n",
                first[0].perSecond() / first[1].perSecond());
        System.out.printf("ratio bundles again: $import-bundle / transaction = %.2f (resources/s)%n",
                again[0].perSecond() / again[1].perSecond());
        System.out.printf("ratio SS-MIX2 again / first = %.2f (resources/s)%n",
                measurements.get(5).perSecond() / measurements.get(2).perSecond());
        lines.forEach(System.out::println);
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
        HttpResponse<String> response = post("$import-ssmix2?institution=" + institution, bearer, "application/zip", zip);
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
     * Sends bundle i through {@code $import-bundle}, then bundle i to the transaction endpoint, for each i;
     * the first time every clinical resource must be created, the second time none.
     */
    private Measurement[] sendBundles(String pass, List<byte[]> importBodies, List<byte[]> transactionBodies,
            List<Long> clinical, String institution, boolean first) {
        long importNanos = 0;
        long transactionNanos = 0;
        long imported = 0;
        long transacted = 0;
        for (int i = 0; i < importBodies.size(); i++) {
            String bearer = importer();
            long start = System.nanoTime();
            HttpResponse<String> response = post("$import-bundle?institution=" + institution, bearer, JSON, importBodies.get(i));
            importNanos += System.nanoTime() - start;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Parameters report = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
            assertThat(total(report, "files-imported")).as(response.body()).isEqualTo(1);
            long entries = clinical.get(i);
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
            response = post("", bearer, JSON, transactionBodies.get(i));
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
            new Measurement("bundles (a) $import-bundle, " + pass, imported, 0, importNanos),
            new Measurement("bundles (b) POST /fhir transaction, " + pass, transacted, 0, transactionNanos)
        };
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

    private HttpResponse<String> post(String path, String bearer, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fhir.base() + "/" + path))
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
