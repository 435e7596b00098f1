package org.phrhub.fhirserver.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.phrhub.consent.audit.AuditSink;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.consent.hapi.RequesterResolver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consent layer, built once; Spring closes it on shutdown, which stores every queued AuditEvent. */
@Configuration
@EnableConfigurationProperties(ConsentProperties.class)
public class ConsentConfig {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    public ConsentGuard consentGuard(FhirContext fhirContext, RequesterResolver requesters, DaoRegistry daos,
            DataSource dataSource, ConsentProperties properties, Clock clock, MeterRegistry metrics) {
        AuditSink store = event -> daos.getResourceDao(AuditEvent.class).create(event, new SystemRequestDetails());
        AuditSink sink = new ConsentDecisionCounter(metrics, store);
        return new ConsentGuard(fhirContext, requesters, daos, new DirectoryVersion(dataSource), properties.toSettings(), sink,
                clock);
    }
}
