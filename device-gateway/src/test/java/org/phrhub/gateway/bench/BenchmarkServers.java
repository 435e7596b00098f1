package org.phrhub.gateway.bench;

import java.nio.file.Path;
import java.util.List;
import org.phrhub.gateway.HubFixture;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.postgres.TestPostgres;

/**
 * The packaged FHIR server started with fhir-server's {@code BenchmarkServer} as main class (compiled with that
 * module's tests; the build names their folder), on this run's database and Keycloak: the benchmarks' second
 * server and the load benchmark's nodes.
 */
final class BenchmarkServers {

    private static final String SERVER_TEST_CLASSES = "phrhub.fhir-server.test-classes";
    private static final String BENCHMARK_SERVER = "org.phrhub.fhirserver.bench.BenchmarkServer";

    private BenchmarkServers() {}

    static FhirServerProcess start(List<String> arguments) {
        String classes = System.getProperty(SERVER_TEST_CLASSES);
        if (classes == null || classes.isBlank()) {
            throw new IllegalStateException(SERVER_TEST_CLASSES + " is not set: run the benchmark through Maven (README).");
        }
        return FhirServerProcess.startPackagedVariant(Path.of(classes), BENCHMARK_SERVER, TestPostgres.database(),
                HubFixture.keycloak().issuer(), arguments);
    }
}
