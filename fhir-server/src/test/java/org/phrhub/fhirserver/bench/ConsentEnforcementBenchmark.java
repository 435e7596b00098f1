package org.phrhub.fhirserver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not a test: measures what consent enforcement costs. One patient with 1,000 blood pressures and a
 * Consent for dr.suzuki; dr.suzuki reads single readings and pages through searches (50 per page,
 * 4 pages) with enforcement on and off on the same server and data, alternating in blocks so both
 * modes see the same machine. Prints p50/p95 per mode and the ratios. Run it with the command in the
 * README ("Benchmark").
 */
class ConsentEnforcementBenchmark extends FhirServerIntegrationTest {

    private static final int READINGS = 1000;
    private static final int ROUNDS = 30;
    private static final int BLOCK = 5;
    private static final int PAGES = 4;

    enum Mode { ENFORCED, UNENFORCED }

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private IFhirSystemDao<Bundle, ?> systemDao;

    @Autowired
    private RestfulServer server;

    @Autowired
    private ConsentGuard guard;

    @Test
    void measureEnforcementCost() throws InterruptedException {
        String patient = "Patient/bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> readings = load(patient);
        String token = keycloak().tokens().userToken("dr.suzuki");

        Map<Mode, List<Long>> reads = new EnumMap<>(Mode.class);
        Map<Mode, List<Long>> searches = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            reads.put(mode, new ArrayList<>());
            searches.put(mode, new ArrayList<>());
        }
        for (int round = -2; round < ROUNDS; round++) { // two warm-up rounds, not recorded
            Mode mode = (round / BLOCK) % 2 == 0 ? Mode.ENFORCED : Mode.UNENFORCED;
            if (round < 0) {
                mode = round == -2 ? Mode.ENFORCED : Mode.UNENFORCED;
            }
            switchTo(mode);
            long start = System.nanoTime();
            FhirHttp.Response read = fhir.get(readings.get((round + 2) * 31 % READINGS), token);
            long readNanos = System.nanoTime() - start;
            assertThat(read.status()).isEqualTo(200);

            List<Long> pageNanos = new ArrayList<>();
            start = System.nanoTime();
            Bundle page = fhir.get("Observation?patient=" + patient + "&_count=50", token).bundle();
            pageNanos.add(System.nanoTime() - start);
            for (int p = 1; p < PAGES; p++) {
                start = System.nanoTime();
                page = fhir.follow(page.getLink("next").getUrl(), token).bundle();
                pageNanos.add(System.nanoTime() - start);
                assertThat(page.getEntry()).hasSize(50);
            }
            if (round >= 0) {
                reads.get(mode).add(readNanos);
                searches.get(mode).addAll(pageNanos);
            }
        }
        switchTo(Mode.ENFORCED);
        guard.awaitAuditTrail(Duration.ofSeconds(30));

        System.out.println();
        System.out.println("Consent enforcement benchmark: " + READINGS + " readings, " + ROUNDS + " rounds, "
                + PAGES + " search pages of 50 per round, reader dr.suzuki");
        report("read", reads);
        report("search page", searches);
    }

    private void switchTo(Mode mode) {
        guard.unregisterFrom(server);
        if (mode == Mode.ENFORCED) {
            guard.registerWith(server);
        }
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
        System.out.printf("%-12s n=%d/%d  enforced p50 %.1f ms p95 %.1f ms | unenforced p50 %.1f ms p95 %.1f ms | ratio p50 %.2f p95 %.2f%n",
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
