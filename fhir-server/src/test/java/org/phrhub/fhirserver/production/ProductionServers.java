package org.phrhub.fhirserver.production;

import java.util.ArrayList;
import java.util.List;
import org.phrhub.fhirserver.schema.SchemaConfig;
import org.phrhub.testsupport.OncePerRun;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.keycloak.TestKeycloak;
import org.phrhub.testsupport.postgres.TestDatabase;
import org.phrhub.testsupport.postgres.TestPostgres;

/**
 * The packaged server in the production profile, as processes on databases of their own, trusting this run's
 * Keycloak. A start takes a minute or two, so the two nodes on one database are started once per test JVM and
 * shared by the classes here; each test writes records of its own.
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

    private static final class Holder {
        static final OncePerRun<TwoNodes> TWO_NODES = OncePerRun.attempt(() -> {
            TestDatabase database = TestPostgres.anotherDatabase("nodes");
            // One after the other: the first migrates the empty database and seeds it, the second finds both done.
            FhirServerProcess first = start(database, "--phrhub.demo.seed=true");
            FhirServerProcess second = start(database);
            return new TwoNodes(database, first, second);
        });
    }
}
