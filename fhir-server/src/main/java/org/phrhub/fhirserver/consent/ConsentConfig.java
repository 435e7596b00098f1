package org.phrhub.fhirserver.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.HapiTransactionService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.phrhub.consent.audit.AuditSink;
import org.phrhub.fhirserver.bulkstore.NewResourceWriter;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.consent.hapi.RequesterResolver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consent layer, built once; Spring closes it on shutdown, which stores every queued AuditEvent. */
@Configuration
@EnableConfigurationProperties(ConsentProperties.class)
public class ConsentConfig {

    static final String AUDIT_QUEUED_METER = "phrhub.audit.queued";

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    public ConsentGuard consentGuard(FhirContext fhirContext, RequesterResolver requesters, DaoRegistry daos,
            IFhirSystemDao<Bundle, ?> systemDao, DataSource dataSource, ConsentProperties properties, Clock clock,
            MeterRegistry metrics, NewResourceWriter newResources, HapiTransactionService transactions) {
        AuditSink sink = new ConsentDecisionCounter(metrics, new AuditEventStore(newResources, transactions, systemDao));
        ConsentGuard guard = new ConsentGuard(fhirContext, requesters, daos, new StoredRecordVersions(dataSource),
                properties.toSettings(), sink, clock);
        Gauge.builder(AUDIT_QUEUED_METER, guard, ConsentGuard::auditEventsQueued)
                .description("AuditEvents waiting to be stored; an abrupt stop of the node loses these")
                .register(metrics);
        return guard;
    }
}
