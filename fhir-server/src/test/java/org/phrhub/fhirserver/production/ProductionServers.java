package org.phrhub.fhirserver.production;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.phrhub.fhirserver.schema.SchemaConfig;
import org.phrhub.testsupport.OncePerRun;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.keycloak.TestKeycloak;
import org.phrhub.testsupport.postgres.TestDatabase;
import org.phrhub.testsupport.postgres.TestPostgres;

/**
 * The packaged server in the production profile, as processes on databases of their own, trusting this run's
 * Keycloak. A start takes a minute or two, so the two nodes on one database are started once per test JVM and
 * shared by the classes here; each test writes records of its own. A node that started is stopped at exit.
 */
final class ProductionServers {

    /** Two nodes on one database, as behind a load balancer; the first stored the demo resources. */
    record TwoNodes(TestDatabase database, FhirServerProcess first, FhirServerProcess second) {}

    private ProductionServers() {}

    static TwoNodes twoNodesOnOneDatabase() {
        return Holder.TWO_NODES.get();
    }

    /** One more server, e.g. on a restored database; the caller stops it. */
    static FhirServerProcess start(TestDatabase database, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--spring.profiles.active=" + SchemaConfig.PRODUCTION_PROFILE));
        all.addAll(List.of(arguments));
        return FhirServerProcess.start(database, TestKeycloak.instance().issuer(), all);
    }

    /**
     * Both at once on an empty database, as a deployment starts its replicas: they take turns, the first to start
     * migrates, the other finds the schema ready. The first also stores the demo resources.
     */
    private static TwoNodes startTwoNodes() {
        TestDatabase database = TestPostgres.anotherDatabase("nodes");
        CompletableFuture<FhirServerProcess> first =
                CompletableFuture.supplyAsync(() -> start(database, "--phrhub.demo.seed=true"));
        CompletableFuture<FhirServerProcess> second = CompletableFuture.supplyAsync(() -> start(database));
        try {
            return new TwoNodes(database, first.join(), second.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Outside the holder's initialiser: the starting threads run code of this class, not of the holder. */
    private static final class Holder {
        static final OncePerRun<TwoNodes> TWO_NODES = OncePerRun.attempt(ProductionServers::startTwoNodes);
    }
}
