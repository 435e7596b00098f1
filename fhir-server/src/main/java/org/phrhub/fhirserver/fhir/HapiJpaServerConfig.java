package org.phrhub.fhirserver.fhir;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import javax.sql.DataSource;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.consent.hapi.RequesterResolver;
import org.phrhub.fhirserver.booking.SlotBookingOperation;
import org.phrhub.fhirserver.identity.IdentityOperations;
import org.phrhub.fhirserver.ingest.ImportOperations;
import org.phrhub.fhirserver.schema.DatabaseSchema;
import org.phrhub.fhirserver.smart.SmartCapabilityStatementInterceptor;
import org.phrhub.fhirserver.usage.UsageMeters;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/** Wires HAPI FHIR's R4 JPA server into Spring Boot, with every interceptor registered here. */
@Configuration
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    ThreadPoolFactoryConfig.class,
    // The in-process message broker that batch jobs use to hand out work.
    SubscriptionChannelConfig.class
})
public class HapiJpaServerConfig {

    public static final String FHIR_PATH = "/fhir";

    @Bean
    public JpaStorageSettings storageSettings(FhirStorageProperties properties) {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setAllowExternalReferences(false);
        settings.setAllowMultipleDelete(false);
        settings.setExpungeEnabled(false);
        // Clients (the gateway, importers) address resources by ids they choose, e.g. Patient/hanako.
        settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ANY);
        // HAPI loads no stored SearchParameter at all unless this is on, not even one with a new code such
        // as the consent layer's Consent:provision-actor. Nobody but the server writes SearchParameters
        // (the access rules refuse them to every user and machine client), so no one can override the
        // built-in parameters the consent layer narrows searches with.
        settings.setDefaultSearchParamsCanBeOverridden(true);
        settings.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.DISABLED);
        settings.setFetchSizeDefaultMaximum(properties.maxPageSize() * 10);
        // A kept search first finds 13 matches by default; asking for the next page then starts a second pass
        // and polls for it every 500 ms, so page 2 took over half a second. The hub answers every reader's
        // search afresh (a reader's Consents can change between two requests), so that pass was paid on every
        // search: finding up to 503 in the first pass serves the first pages at once.
        settings.setSearchPreFetchThresholds(List.of(503, 2003, 1_000_003, -1));
        return settings;
    }

    /** Static: it must see the data source before anything opens a connection. */
    @Bean
    static CustomQueryPlans customQueryPlans() {
        return new CustomQueryPlans();
    }

    /** Static, as above. */
    @Bean
    static BatchedInserts batchedInserts() {
        return new BatchedInserts();
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            DataSource dataSource,
            DataSourceProperties dataSourceProperties,
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            DatabaseSchema schema) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        factory.setJpaProperties(HibernateSettings.forJdbcUrl(dataSourceProperties.determineUrl(), schema.hibernateDdlAuto()));
        return factory;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    public DatabaseBackedPagingProvider databaseBackedPagingProvider(FhirStorageProperties properties) {
        DatabaseBackedPagingProvider paging = new DatabaseBackedPagingProvider();
        paging.setDefaultPageSize(properties.defaultPageSize());
        paging.setMaximumPageSize(properties.maxPageSize());
        return paging;
    }

    @Bean
    public RestfulServer restfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            ConsentGuard consentGuard,
            SmartCapabilityStatementInterceptor smartCapabilities,
            ImportOperations importOperations,
            IdentityOperations identityOperations,
            SlotBookingOperation slotBooking,
            UsageMeters usage) {
        FhirContext fhirContext = systemDao.getContext();
        fhirContext.setNarrativeGenerator(new NullNarrativeGenerator());
        // Contained resources are written as such (the hub's mappers add them to "contained" themselves); looking
        // through every reference of every resource encoded for one embedded without an id cost 8% of the
        // server's time while it answered chart pages.
        fhirContext.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);

        RestfulServer server = new RestfulServer(fhirContext);
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.registerProvider(importOperations);
        server.registerProvider(identityOperations);
        server.registerProvider(slotBooking);
        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("PHR Hub FHIR server");
        server.setServerConformanceProvider(capabilities);
        server.setPagingProvider(pagingProvider);
        server.setServerAddressStrategy(new IncomingRequestAddressStrategy());
        server.setDefaultResponseEncoding(ca.uhn.fhir.rest.api.EncodingEnum.JSON);

        consentGuard.registerWith(server);
        server.registerInterceptor(usage);
        server.registerInterceptor(new UniformNotFoundInterceptor());
        server.registerInterceptor(smartCapabilities);
        return server;
    }

    @Bean
    public UsageMeters usageMeters(MeterRegistry registry, RequesterResolver requesters) {
        return new UsageMeters(registry, requesters);
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer restfulServer) {
        ServletRegistrationBean<RestfulServer> registration =
                new ServletRegistrationBean<>(restfulServer, FHIR_PATH + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
