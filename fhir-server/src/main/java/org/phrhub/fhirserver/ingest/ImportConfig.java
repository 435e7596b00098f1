package org.phrhub.fhirserver.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.dao.tx.HapiTransactionService;
import java.time.Clock;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.fhirserver.bulkstore.NewResourceWriter;
import org.phrhub.fhirserver.identity.IdentityReviewList;
import org.phrhub.fhirserver.identity.ResidentDirectory;
import org.phrhub.fhirserver.ingest.bundle.BundleImport;
import org.phrhub.fhirserver.ingest.ssmix2.Ssmix2Import;
import org.phrhub.fhirserver.ingest.ssmix2.ZippedStorage;
import org.phrhub.ingest.ssmix2.map.Ssmix2Mappers;
import org.phrhub.vocabulary.HubIdentifiers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The regional EHR import, built once; the residents it links to are the identity package's ({@code identity.IdentityConfig}). */
@Configuration
@EnableConfigurationProperties(ImportProperties.class)
public class ImportConfig {

    /** The importer as the Provenance names it: the OAuth client every import comes through. */
    static final Reference IMPORTER = new Reference()
            .setIdentifier(new Identifier().setSystem(HubIdentifiers.OAUTH_CLIENT).setValue("ehr-importer"))
            .setDisplay("PHR Hub regional EHR importer");

    /** One writer for every kind of import: it keeps two imports of the same record from racing. */
    @Bean
    public RecordWriter recordWriter(DaoRegistry daos, IFhirSystemDao<Bundle, ?> system, NewResourceWriter newResources,
            HapiTransactionService transactions, FhirContext fhir) {
        return new RecordWriter(daos, system, newResources, transactions, fhir, IMPORTER);
    }

    @Bean
    public HospitalDirectory hospitalDirectory(DaoRegistry daos) {
        return new HospitalDirectory(daos);
    }

    @Bean
    public Ssmix2Import ssmix2Import(RecordWriter writer, ResidentDirectory residents, IdentityReviewList review,
            HospitalDirectory hospitals, ImportProperties properties) {
        return new Ssmix2Import(Ssmix2Mappers.standard(), writer, residents, review, hospitals, properties.workers());
    }

    /** Checked at start-up: a wrong system would hold every bundle of that hospital. */
    @Bean
    public PatientNumberSystems patientNumberSystems(ImportProperties properties) {
        return new PatientNumberSystems(properties.patientNumberSystems());
    }

    @Bean
    public BundleImport bundleImport(FhirContext fhir, RecordWriter writer, ResidentDirectory residents,
            PatientNumberSystems numberSystems, IdentityReviewList review, HospitalDirectory hospitals, Clock clock,
            ImportProperties properties) {
        return new BundleImport(fhir, writer, residents, numberSystems, review, hospitals, clock, properties.workers());
    }

    @Bean
    public ImportOperations importOperations(Ssmix2Import ssmix2, BundleImport bundles, FhirContext fhir,
            ImportProperties properties, ImportJobs jobs, ConsentGuard guard) {
        return new ImportOperations(ssmix2, new ZippedStorage(properties.maxUploadBytes(), properties.maxUploadFiles()),
                bundles, properties.maxBundleBytes(), properties.maxUploadBytes(), jobs, guard, fhir);
    }

    @Bean(destroyMethod = "close")
    public ImportJobs importJobs(ImportProperties properties, Clock clock) {
        return new ImportJobs(properties.finishedJobRetention(), clock);
    }
}
