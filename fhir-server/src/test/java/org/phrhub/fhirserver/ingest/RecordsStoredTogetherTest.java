package org.phrhub.fhirserver.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.ingest.RecordWriter.Outcome;
import org.phrhub.fhirserver.ingest.RecordWriter.Stored;
import org.phrhub.fhirserver.ingest.RecordWriter.UnitToStore;
import org.phrhub.vocabulary.HubIdentifiers;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Several records of one patient folder stored as one transaction: each record keeps its own outcome and
 * Provenance, a record the server refuses leaves its companions to be stored on their own, and two records
 * writing the same resource are stored one after the other.
 */
class RecordsStoredTogetherTest extends FhirServerIntegrationTest {

    @Autowired
    DaoRegistry daos;

    @Autowired
    RecordWriter writer;

    @Autowired
    HospitalDirectory hospitals;

    private final String institution = HospitalImports.newInstitution("13");
    private String resident;

    @BeforeEach
    void registerResident() {
        resident = new HospitalImports(fhir, daos).newResident("ヤマダ タロウ", "1948-04-05", AdministrativeGender.MALE);
    }

    @Test
    void recordsStoredTogetherAreCountedEachAndKnownUnchangedWhenSentAgain() {
        List<UnitToStore> units = List.of(unit("a", reading(resident, "a-1"), reading(resident, "a-2")),
                unit("b", reading(resident, "b-1")), unit("c", reading(resident, "c-1")));

        List<Optional<Outcome>> first = writer.storeTogether(units);
        List<Optional<Outcome>> again = writer.storeTogether(units);

        assertThat(first).containsExactly(stored(2, 0, 0), stored(1, 0, 0), stored(1, 0, 0));
        assertThat(again).containsExactly(stored(0, 2, 0), stored(0, 1, 0), stored(0, 1, 0));
        assertThat(writer.storedUnits(units.stream().map(UnitToStore::unit).toList()))
                .hasSize(3).allSatisfy((key, unit) -> assertThat(unit.fingerprint()).contains(key));
        assertThat(readingsOf(resident)).isEqualTo(4);
    }

    @Test
    void aRecordTheServerRefusesLeavesTheOthersUnstoredForTheCallerToStoreOneByOne() {
        UnitToStore before = unit("good-1", reading(resident, "g-1"));
        UnitToStore refused = unit("refused", reading("Patient/nobody-" + UUID.randomUUID(), "r-1"));
        UnitToStore after = unit("good-2", reading(resident, "g-2"));

        List<Optional<Outcome>> together = writer.storeTogether(List.of(before, refused, after));

        assertThat(together).containsExactly(Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(readingsOf(resident)).as("the failed transaction stored nothing").isZero();
        // What the SS-MIX2 import does with them: the refused one fails alone, with the server's reason.
        assertThat(writer.store(before.unit(), before.resources(), before.fingerprint())).isEqualTo(new Stored(1, 0, 0, 0));
        assertThatThrownBy(() -> writer.store(refused.unit(), refused.resources(), refused.fingerprint()))
                .isInstanceOf(BaseServerResponseException.class).hasMessageContaining("nobody-");
        assertThat(writer.store(after.unit(), after.resources(), after.fingerprint())).isEqualTo(new Stored(1, 0, 0, 0));
        assertThat(readingsOf(resident)).isEqualTo(2);
    }

    @Test
    void twoRecordsUpdatingTheSamePatientAreStoredInTurnAndTheLaterIsKept() {
        Patient stored = daos.getResourceDao(Patient.class).read(new IdType(resident), new SystemRequestDetails());
        Patient older = stored.copy().setGender(AdministrativeGender.UNKNOWN);
        Patient later = stored.copy().setGender(AdministrativeGender.MALE);
        later.addTelecom().setValue("03-1234-5678");

        List<Optional<Outcome>> outcomes = writer.storeTogether(List.of(
                unit("adt-older", older), unit("lab", reading(resident, "l-1")), unit("adt-later", later)));

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).containsInstanceOf(Stored.class));
        assertThat(outcomes.get(1)).contains(new Stored(1, 0, 0, 0));
        Patient now = daos.getResourceDao(Patient.class).read(new IdType(resident), new SystemRequestDetails());
        assertThat(now.getGender()).isEqualTo(AdministrativeGender.MALE);
        assertThat(now.getTelecomFirstRep().getValue()).isEqualTo("03-1234-5678");
        assertThat(Integer.parseInt(now.getMeta().getVersionId())).as("written twice, in turn")
                .isEqualTo(Integer.parseInt(stored.getMeta().getVersionId()) + 2);
    }

    private UnitToStore unit(String name, Resource... resources) {
        String key = institution + "/" + name + "-" + UUID.randomUUID();
        SourceUnit unit = new SourceUnit(key, "urn:test:" + key, name, hospitals.hospital(institution),
                Instant.parse("2025-04-01T00:00:00Z"));
        return new UnitToStore(unit, List.of(resources), Optional.of(key));
    }

    private Observation reading(String patient, String record) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")))
                .setSubject(new Reference(patient))
                .setValue(new Quantity().setValue(72).setUnit("/min").setSystem("http://unitsofmeasure.org").setCode("/min"));
        observation.setId("urn:uuid:" + UUID.randomUUID());
        observation.addIdentifier().setSystem(HubIdentifiers.SOURCE_RECORD).setValue(institution + "/" + record + "-" + resident);
        return observation;
    }

    private static Optional<Outcome> stored(int created, int unchanged, int deleted) {
        return Optional.of(new Stored(created, 0, unchanged, deleted));
    }

    private int readingsOf(String patient) {
        SearchParameterMap search = new SearchParameterMap().add("subject", new ReferenceParam(patient));
        search.setLoadSynchronous(true);
        return daos.getResourceDao(Observation.class).search(search, new SystemRequestDetails()).getAllResources().size();
    }
}
