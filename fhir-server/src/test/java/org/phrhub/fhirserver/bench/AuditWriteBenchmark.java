package org.phrhub.fhirserver.bench;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.HapiTransactionService;
import org.phrhub.fhirserver.bulkstore.NewResourceWriter;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.audit.AuditEventFactory;
import org.phrhub.consent.audit.AuditSink;
import org.phrhub.consent.audit.DataKind;
import org.phrhub.consent.decision.Reader;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.consent.AuditEventStore;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Not a test: how fast the audit trail stores what the consent layer decided, on PostgreSQL. The same
 * AuditEvents (a doctor's chart reads of the demo patients, as {@link AuditEventFactory} builds them) are
 * stored through HAPI one create each, as the audit writer once did, and by the audit store (written straight
 * into HAPI's tables) in the writer's batches of 1, of 8 (one chart page's requests) and of 200 (a queue that
 * has fallen behind), rounds alternating. Prints events per second of each.
 */
class AuditWriteBenchmark extends FhirServerIntegrationTest {

    static final int ROUNDS = 6;
    static final int EVENTS_PER_ROUND = 400;

    private static final Reader DR_SUZUKI = new Reader(
            new Requester("kc-suzuki", "hub-web", Optional.of(FhirUser.parse("Practitioner/dr-suzuki")), Set.of(HubRole.PHYSICIAN)),
            Set.of("Practitioner/dr-suzuki"), "TREAT");

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private IFhirSystemDao<Bundle, ?> systemDao;

    @Autowired
    private NewResourceWriter newResources;

    @Autowired
    private HapiTransactionService transactions;

    @Test
    void storedOneByOneAgainstStoredInBatches() {
        AuditSink store = new AuditEventStore(newResources, transactions, systemDao);
        AuditSink oneByOne = events -> events.forEach(e -> daos.getResourceDao(AuditEvent.class).create(e, new SystemRequestDetails()));
        List<String> patients = List.of("Patient/hanako", "Patient/taro");
        store.store(events(patients, 50)); // warm-up
        oneByOne.store(events(patients, 50));

        double[] single = new double[ROUNDS];
        double[] one = new double[ROUNDS];
        double[] eight = new double[ROUNDS];
        double[] twoHundred = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            single[round] = perSecond(oneByOne, events(patients, EVENTS_PER_ROUND), EVENTS_PER_ROUND);
            one[round] = perSecond(store, events(patients, EVENTS_PER_ROUND), 1);
            eight[round] = perSecond(store, events(patients, EVENTS_PER_ROUND), 8);
            twoHundred[round] = perSecond(store, events(patients, EVENTS_PER_ROUND), 200);
        }
        System.out.println();
        System.out.printf("AuditEvents stored per second (%d rounds of %d, median):%n", ROUNDS, EVENTS_PER_ROUND);
        System.out.printf("  HAPI, one create each      %7.0f /s%n", median(single));
        System.out.printf("  audit store, batches of 1  %7.0f /s   (%.2fx)%n", median(one), median(one) / median(single));
        System.out.printf("  audit store, batches of 8  %7.0f /s   (%.2fx)%n", median(eight), median(eight) / median(single));
        System.out.printf("  audit store, batches of 200%7.0f /s   (%.2fx)%n", median(twoHundred), median(twoHundred) / median(single));
    }

    private static List<AuditEvent> events(List<String> patients, int count) {
        AuditEventFactory factory = new AuditEventFactory();
        Date now = new Date();
        return IntStream.range(0, count).mapToObj(i -> {
            String patient = patients.get(i % patients.size());
            return factory.build(DR_SUZUKI, "search-type", "GET Observation?subject=" + patient, patient, true, Set.of(), false,
                    null, Set.of(new DataKind("Observation", Optional.of("vital-signs"))), now);
        }).toList();
    }

    private static double perSecond(AuditSink sink, List<AuditEvent> events, int batchSize) {
        long start = System.nanoTime();
        List<AuditEvent> batch = new ArrayList<>(batchSize);
        for (AuditEvent event : events) {
            batch.add(event);
            if (batch.size() == batchSize) {
                sink.store(List.copyOf(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            sink.store(List.copyOf(batch));
        }
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
