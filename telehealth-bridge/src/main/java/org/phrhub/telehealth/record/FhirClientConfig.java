package org.phrhub.telehealth.record;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import org.phrhub.client.HttpTimeouts;
import org.phrhub.client.fhir.FhirClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class FhirClientConfig {

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    FhirClients fhirClients(FhirContext fhir) {
        return new FhirClients(fhir, new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }
}
