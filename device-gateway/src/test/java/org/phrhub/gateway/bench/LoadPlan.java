package org.phrhub.gateway.bench;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * One phase of the load benchmark, handed from {@link HubLoadBenchmark} to {@link HubLoadSimulation}: Gatling
 * instantiates the simulation by its class name in the same JVM, so the plan is a static, set before each run.
 * The simulation takes work from it and reports back what the hub acknowledged, for the count at the end.
 *
 * @param nodes          the FHIR base URLs; each virtual user keeps to one (Gatling's round robin)
 * @param clinicianPause how long a clinician reads a chart before opening the next
 * @param patients       the residents clinicians open, e.g. {@code Patient/load-3}
 * @param clinicianTokens one token per physician account; clinician i uses {@code i % size}
 * @param gatewayBatches per gateway, its upload transactions (JSON), sent in order
 * @param ssmix2Units    zipped storage of one resident at {@code ssmix2Institution}, imported in order
 * @param bundleUnits    one resident's bundle from {@code bundleInstitution}, imported in order
 */
record LoadPlan(List<String> nodes, Duration duration, int clinicians, Duration clinicianPause, List<String> patients, List<String> clinicianTokens,
        String gatewayToken, List<List<String>> gatewayBatches, int readingsPerBatch, String importerToken,
        String ssmix2Institution, List<byte[]> ssmix2Units, String bundleInstitution, List<byte[]> bundleUnits,
        String chartFrom, Outcome outcome) {

    private static volatile LoadPlan current;

    static void set(LoadPlan plan) {
        current = plan;
    }

    static LoadPlan current() {
        if (current == null) {
            throw new IllegalStateException("no load plan: HubLoadBenchmark starts the simulation");
        }
        return current;
    }

    /** The same plan and outcome for another duration: a warm-up goes on with the work a measured run continues. */
    LoadPlan lasting(Duration other) {
        return new LoadPlan(nodes, other, clinicians, clinicianPause, patients, clinicianTokens, gatewayToken, gatewayBatches,
                readingsPerBatch, importerToken, ssmix2Institution, ssmix2Units, bundleInstitution, bundleUnits, chartFrom, outcome);
    }

    String clinicianToken(long userId) {
        return clinicianTokens.get((int) (userId % clinicianTokens.size()));
    }

    String anyPatient() {
        return patients.get(ThreadLocalRandom.current().nextInt(patients.size()));
    }

    /** What the hub acknowledged, and what the plan ran out of (a run too long for its prepared data). */
    static final class Outcome {
        private final AtomicInteger nextGateway = new AtomicInteger();
        final AtomicIntegerArray batchesSent;
        final AtomicIntegerArray batchesAcknowledged;
        final AtomicInteger ssmix2Sent = new AtomicInteger();
        final AtomicInteger bundlesSent = new AtomicInteger();
        /** The import reports the hub answered 200 with, as JSON. */
        final Queue<String> ssmix2Reports = new ConcurrentLinkedQueue<>();
        final Queue<String> bundleReports = new ConcurrentLinkedQueue<>();
        final AtomicInteger exhausted = new AtomicInteger();

        Outcome(int gateways) {
            batchesSent = new AtomicIntegerArray(gateways);
            batchesAcknowledged = new AtomicIntegerArray(gateways);
        }

        /** The gateway a new virtual user plays: each run (a warm-up, then the measured one) starts all of them once. */
        int claimGateway() {
            return nextGateway.getAndIncrement() % batchesSent.length();
        }
    }

    /** The gateway's next batch, or null when it has sent them all. */
    String nextBatch(int gateway) {
        List<String> batches = gatewayBatches.get(gateway);
        int next = outcome.batchesSent.get(gateway);
        if (next >= batches.size()) {
            outcome.exhausted.incrementAndGet();
            return null;
        }
        outcome.batchesSent.incrementAndGet(gateway);
        return batches.get(next);
    }

    byte[] nextSsmix2Unit() {
        return nextUnit(outcome.ssmix2Sent, ssmix2Units);
    }

    byte[] nextBundleUnit() {
        return nextUnit(outcome.bundlesSent, bundleUnits);
    }

    /** The importer's next unit, or null when it has sent them all. */
    private byte[] nextUnit(AtomicInteger sent, List<byte[]> units) {
        int next = sent.getAndIncrement();
        if (next >= units.size()) {
            outcome.exhausted.incrementAndGet();
            return null;
        }
        return units.get(next);
    }
}
