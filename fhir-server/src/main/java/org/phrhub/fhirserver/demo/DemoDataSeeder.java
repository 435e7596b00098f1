package org.phrhub.fhirserver.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Stores the FHIR resources that match the realm's demo users (Patient/hanako, Practitioner/dr-suzuki,
 * their organizations...) when {@code phrhub.demo.seed=true}. The bundle uses PUT with fixed ids, so
 * seeding again changes nothing.
 */
@Component
@Order(DemoDataSeeder.ORDER)
@ConditionalOnProperty(name = "phrhub.demo.seed", havingValue = "true")
public class DemoDataSeeder implements ApplicationRunner {

    /** Runs first: the demo's hospital records refer to the residents it stores. */
    static final int ORDER = 0;

    static final String SEED_BUNDLE = "demo/demo-seed-bundle.json";

    private static final Logger log = LoggerFactory.getLogger(DemoDataSeeder.class);

    private final IFhirSystemDao<Bundle, ?> systemDao;
    private final FhirContext fhirContext;

    public DemoDataSeeder(IFhirSystemDao<Bundle, ?> systemDao, FhirContext fhirContext) {
        this.systemDao = systemDao;
        this.fhirContext = fhirContext;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Bundle seed;
        try (InputStream in = new ClassPathResource(SEED_BUNDLE).getInputStream()) {
            seed = fhirContext.newJsonParser().parseResource(Bundle.class, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        // Seeding is the server's own act, not a caller's: it runs as a system request.
        Bundle response = systemDao.transaction(new SystemRequestDetails(), seed);
        log.info("Demo data seeded: {} resources (Patient/hanako, Patient/taro, Practitioner/dr-suzuki, ...)",
                response.getEntry().size());
    }
}
