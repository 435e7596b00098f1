package org.phrhub.fhirserver.bulkstore;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.cache.IResourceTypeCacheSvc;
import ca.uhn.fhir.jpa.cache.ISearchParamIdentityCacheSvc;
import ca.uhn.fhir.jpa.dao.data.ITagDefinitionDao;
import ca.uhn.fhir.jpa.dao.index.SearchParamWithInlineReferencesExtractor;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.util.MemoryCacheService;
import ca.uhn.fhir.util.IMetaTagSorter;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The writer of new resources, on HAPI's own extraction, tag definitions and keys. */
@Configuration
public class BulkStoreConfig {

    @Bean
    public NewResourceWriter newResourceWriter(FhirContext fhir, JpaStorageSettings settings, PartitionSettings partitions,
            IResourceTypeCacheSvc resourceTypes, SearchParamWithInlineReferencesExtractor extractor,
            ISearchParamIdentityCacheSvc parameterIdentities, ITagDefinitionDao tagDefinitions, MemoryCacheService cache,
            IMetaTagSorter metaTagSorter, EntityManagerFactory entityManagerFactory, DataSource dataSource) {
        // The hub runs on PostgreSQL or H2 (fhir.HibernateSettings refuses any other database), never on Oracle.
        return new NewResourceWriter(fhir, settings, partitions, resourceTypes, extractor, parameterIdentities,
                new HapiTagDefinitions(tagDefinitions, cache), metaTagSorter,
                SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory), dataSource, false);
    }
}
