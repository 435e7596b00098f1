package org.phrhub.fhirserver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.postgres.TestDatabase;
import org.phrhub.testsupport.postgres.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not a test: measures what consent enforcement costs. One patient with 1,000 blood pressures and a
 * Consent for dr.suzuki. Two server processes run on this run's database, one as shipped (consent enforced,
 * audit trail on) and one without the consent guard ({@link BenchmarkServer}); both verify tokens. dr.suzuki
 * reads single readings and pages through searches (50 per page, 4 pages), each request sent to both servers
 * in turn, the order swapped every round. Prints p50/p95 per server and the ratios. Run it with the command in
 * the README ("Benchmark").
 */
class ConsentEnforcementBenchmark extends FhirServerIntegrationTest {

    private static final int READINGS = 1000;
    private static final int WARM_UP_ROUNDS = 15;
    private static final int ROUNDS = 60;
    private static final int PAGES = 4;

    enum Mode { ENFORCED, UNENFORCED }

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private IFhirSystemDao<Bundle, ?> systemDao;

    @Test
    void measureEnforcementCost() {
        String patient = "Patient/bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> readings = load(patient);
        TestPostgres.database().analyze();

        Map<Mode, FhirServerProcess> servers = startServers();
        try {
            Map<Mode, FhirHttp> clients = new EnumMap<>(Mode.class);
            servers.forEach((mode, server) -> clients.put(mode, new FhirHttp(server.fhirBaseUrl())));
            Map<Mode, List<Long>> reads = samples();
            Map<Mode, List<Long>> searches = samples();
            Map<Mode, List<Long>> firstPages = samples();
            Map<Mode, List<Long>> nextPages = samples();
            Map<Mode, List<Long>> uncachedFirstPages = samples();
            String firstPage = "Observation?patient=" + patient + "&_count=50&_total=accurate";
            for (int round = -WARM_UP_ROUNDS; round < ROUNDS; round++) {
                List<Mode> order = round % 2 == 0 ? List.of(Mode.ENFORCED, Mode.UNENFORCED) : List.of(Mode.UNENFORCED, Mode.ENFORCED);
                String token = keycloak().tokens().userToken("dr.suzuki"); // fresh each round: the run outlasts a token
                String reading = readings.get(Math.floorMod(round * 31, READINGS));
                for (Mode mode : order) {
                    long start = System.nanoTime();
                    FhirHttp.Response read = clients.get(mode).get(reading, token);
                    long nanos = System.nanoTime() - start;
                    assertThat(read.status()).as(mode + " " + read.body()).isEqualTo(200);
                    if (round >= 0) {
                        reads.get(mode).add(nanos);
                    }
                }
                Map<Mode, Bundle> pages = new EnumMap<>(Mode.class);
                for (int p = 0; p < PAGES; p++) {
                    for (Mode mode : order) {
                        FhirHttp client = clients.get(mode);
                        long start = System.nanoTime();
                        Bundle page = p == 0
                                ? client.get(firstPage, token).bundle()
                                : client.follow(pages.get(mode).getLink("next").getUrl(), token).bundle();
                        long nanos = System.nanoTime() - start;
                        assertThat(page.getEntry()).as(mode + " page " + p).hasSize(50);
                        if (p == 0) {
                            assertThat(page.getTotal()).as(mode + " total").isEqualTo(READINGS);
                        }
                        pages.put(mode, page);
                        if (round >= 0) {
                            searches.get(mode).add(nanos);
                            (p == 0 ? firstPages : nextPages).get(mode).add(nanos);
                        }
                    }
                }
                // Stock HAPI answers a search repeated within a minute from its search cache; the hub cannot, as the
                // cache key is the query before the reader's narrowing. Asked not to, both servers run the query.
                for (Mode mode : order) {
                    long start = System.nanoTime();
                    FhirHttp.Response first = clients.get(mode).get(firstPage,
                            token, "Cache-Control", "no-cache");
                    long nanos = System.nanoTime() - start;
                    assertThat(first.status()).as(mode + " " + first.body()).isEqualTo(200);
                    assertThat(first.bundle().getTotal()).as(mode + " total").isEqualTo(READINGS);
                    if (round >= 0) {
                        uncachedFirstPages.get(mode).add(nanos);
                    }
                }
            }

            System.out.println();
            System.out.println("Consent enforcement benchmark: " + READINGS + " readings, " + ROUNDS + " rounds after "
                    + WARM_UP_ROUNDS + " warm-up rounds, " + PAGES + " search pages of 50 per round, reader dr.suzuki, "
                    + "two server processes on one database, requests alternating");
            report("read", reads);
            report("search page", searches);
            report("  of which first pages", firstPages);
            report("  of which next pages", nextPages);
            report("first page, no cache", uncachedFirstPages);
        } finally {
            servers.values().forEach(FhirServerProcess::stop);
        }
    }

    /** Both servers at once, on the database the data was written to. */
    private static Map<Mode, FhirServerProcess> startServers() {
        String classPath = System.getProperty("surefire.test.class.path");
        if (classPath == null || classPath.isBlank()) {
            throw new IllegalStateException("surefire.test.class.path is not set: run the benchmark through Maven (README, \"Benchmark\").");
        }
        TestDatabase database = TestPostgres.database();
        String issuer = keycloak().issuer();
        Map<Mode, CompletableFuture<FhirServerProcess>> starting = new EnumMap<>(Mode.class);
        starting.put(Mode.ENFORCED, CompletableFuture.supplyAsync(() -> FhirServerProcess.startMain(
                classPath, BenchmarkServer.class.getName(), database, issuer, List.of())));
        starting.put(Mode.UNENFORCED, CompletableFuture.supplyAsync(() -> FhirServerProcess.startMain(
                classPath, BenchmarkServer.class.getName(), database, issuer, List.of(BenchmarkServer.UNENFORCED))));
        Map<Mode, FhirServerProcess> servers = new EnumMap<>(Mode.class);
        starting.forEach((mode, server) -> servers.put(mode, server.join()));
        return servers;
    }

    private static Map<Mode, List<Long>> samples() {
        Map<Mode, List<Long>> samples = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            samples.put(mode, new ArrayList<>());
        }
        return samples;
    }

    private List<String> load(String patient) {
        Patient p = new Patient();
        p.setId(patient);
        daos.getResourceDao(Patient.class).update(p, new SystemRequestDetails());
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setPatient(new Reference(patient));
        consent.getScope().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/consentscope").setCode("patient-privacy");
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY).addProvision()
                .setType(Consent.ConsentProvisionType.PERMIT)
                .addActor().setReference(new Reference("Practitioner/dr-suzuki"));
        daos.getResourceDao(Consent.class).create(consent, new SystemRequestDetails());

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            String id = patient.substring("Patient/".length()) + "-bp-" + i;
            Observation bp = new Observation();
            bp.setId(id);
            bp.setStatus(Observation.ObservationStatus.FINAL);
            bp.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", null)));
            bp.setCode(new CodeableConcept(new Coding("http://loinc.org", "85354-9", "Blood pressure panel")));
            bp.setSubject(new Reference(patient));
            bp.setEffective(new DateTimeType(new java.util.Date(System.currentTimeMillis() - i * 3_600_000L)));
            bp.addComponent().setCode(new CodeableConcept(new Coding("http://loinc.org", "8480-6", null)))
                    .setValue(new Quantity(120 + i % 20).setSystem("http://unitsofmeasure.org").setCode("mm[Hg]"));
            bp.addComponent().setCode(new CodeableConcept(new Coding("http://loinc.org", "8462-4", null)))
                    .setValue(new Quantity(80 + i % 10).setSystem("http://unitsofmeasure.org").setCode("mm[Hg]"));
            transaction.addEntry().setResource(bp).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation/" + id);
            ids.add("Observation/" + id);
        }
        systemDao.transaction(new SystemRequestDetails(), transaction);
        return ids;
    }

    private static void report(String what, Map<Mode, List<Long>> samples) {
        double p50On = percentile(samples.get(Mode.ENFORCED), 50);
        double p95On = percentile(samples.get(Mode.ENFORCED), 95);
        double p50Off = percentile(samples.get(Mode.UNENFORCED), 50);
        double p95Off = percentile(samples.get(Mode.UNENFORCED), 95);
        System.out.printf("%-22s n=%d/%d  enforced p50 %.1f ms p95 %.1f ms | unenforced p50 %.1f ms p95 %.1f ms | ratio p50 %.2f p95 %.2f%n",
                what, samples.get(Mode.ENFORCED).size(), samples.get(Mode.UNENFORCED).size(),
                p50On, p95On, p50Off, p95Off, p50On / p50Off, p95On / p95Off);
    }

    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }
}
