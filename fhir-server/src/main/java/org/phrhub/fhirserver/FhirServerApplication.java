package org.phrhub.fhirserver;

import org.phrhub.fhirserver.ingest.cli.ImportCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The hub's FHIR server: HAPI FHIR R4 on JPA, reachable only with a verified token. */
// HAPI builds its own entity manager factory and schema (see HapiJpaServerConfig); Boot's JPA, Flyway,
// Elasticsearch and Thymeleaf set-ups, pulled in by HAPI's dependencies, would compete with it or idle.
@SpringBootApplication(
        exclude = {
            HibernateJpaAutoConfiguration.class,
            FlywayAutoConfiguration.class,
            ElasticsearchRestClientAutoConfiguration.class,
            ThymeleafAutoConfiguration.class
        })
@ConfigurationPropertiesScan
public class FhirServerApplication {

    public static void main(String[] args) {
        // The same jar is the importer's command line: it talks to a running server, it starts none.
        if (args.length > 0 && ImportCommand.handles(args[0])) {
            System.exit(ImportCommand.run(args));
        }
        SpringApplication.run(FhirServerApplication.class, args);
    }
}
