package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.denyCode;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A patient's Consents are read once and kept while the Consents naming that patient stay the same: every
 * kind of change must still count on the very next request.
 */
class ConsentChangeTest extends FhirServerIntegrationTest {

    @Autowired
    private DaoRegistry daos;

    @Autowired
    private DataSource dataSource;

    @Test
    void everyWriteOfAPatientsConsentChangesThatPatientsVersionAndNoOtherPatients() {
        StoredRecordVersions versions = new StoredRecordVersions(dataSource);
        PatientRecords records = new PatientRecords(daos);
        String patient = records.newRecord().patient();
        String other = records.newRecord().patient();
        records.store(optIn(other, permit("Practitioner/dr-sato", "TREAT")));
        Set<List<Long>> otherVersion = versionOf(versions, other);
        assertThat(otherVersion).isNotNull();
        assertThat(versions.consentsOf(List.of(patient))).as("no Consent names the patient yet").doesNotContainKey(patient);

        Consent consent = optIn(patient, permit("Practitioner/dr-sato", "TREAT"));
        records.store(consent);
        Set<List<Long>> created = versionOf(versions, patient);
        assertThat(created).as("created").isNotNull();

        consent.getProvision().getProvisionFirstRep().addProvision(denyCode("laboratory"));
        records.store(consent);
        Set<List<Long>> narrowed = versionOf(versions, patient);
        assertThat(narrowed).as("narrowed").isNotEqualTo(created);

        consent.setStatus(Consent.ConsentState.INACTIVE);
        records.store(consent);
        Set<List<Long>> revoked = versionOf(versions, patient);
        assertThat(revoked).as("revoked").isNotIn(created, narrowed);

        String second = records.store(optIn(patient, permit("Practitioner/dr-suzuki", "TREAT")));
        Set<List<Long>> another = versionOf(versions, patient);
        assertThat(another).as("a second Consent").isNotIn(created, narrowed, revoked);

        daos.getResourceDao(Consent.class).delete(new IdType(second), new SystemRequestDetails());
        assertThat(versionOf(versions, patient)).as("the second deleted: the first alone, as it was when revoked")
                .isEqualTo(revoked);

        assertThat(versions.consentsOf(List.of(patient, other)))
                .as("one question answers for several patients")
                .containsEntry(patient, revoked).containsEntry(other, otherVersion);
    }

    @Test
    void aDeletedConsentReplacedByOneMovedInNeverLooksUnchanged() {
        StoredRecordVersions versions = new StoredRecordVersions(dataSource);
        PatientRecords records = new PatientRecords(daos);
        String patient = records.newRecord().patient();
        Consent elsewhere = optIn(records.newRecord().patient(), permit("Practitioner/dr-sato", "TREAT"));
        records.store(elsewhere);
        Consent first = optIn(patient, permit("Practitioner/dr-sato", "TREAT"));
        String firstReference = records.store(first);
        first.setStatus(Consent.ConsentState.INACTIVE);
        records.store(first);
        records.store(optIn(patient, permit("Practitioner/dr-suzuki", "TREAT")));
        Set<List<Long>> before = versionOf(versions, patient);

        // Same count, the same versions summed and the same newest row as before: a sum would not tell.
        daos.getResourceDao(Consent.class).delete(new IdType(firstReference), new SystemRequestDetails());
        elsewhere.setPatient(new Reference(patient));
        records.store(elsewhere);

        assertThat(versionOf(versions, patient)).hasSize(2).isNotEqualTo(before);
    }

    @Test
    void narrowingRevokingAndMovingAKeptConsentCountOnTheNextRequest() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        PatientRecords.Record elsewhere = records.newRecord();
        Consent consent = optIn(record.patient(), permit("Practitioner/dr-sato", "TREAT"));
        records.store(consent);
        assertThat(reads(record.lab())).as("shared").isEqualTo(200);
        assertThat(reads(record.lab())).as("shared, from the kept Consent").isEqualTo(200);
        assertThat(reads(record.vitals())).isEqualTo(200);

        consent.getProvision().getProvisionFirstRep().addProvision(denyCode("laboratory"));
        records.store(consent);
        assertThat(reads(record.lab())).as("narrowed: lab results no longer shared").isEqualTo(404);
        assertThat(reads(record.vitals())).as("narrowed: vital signs still shared").isEqualTo(200);

        consent.setPatient(new Reference(elsewhere.patient()));
        records.store(consent);
        assertThat(reads(record.vitals())).as("the Consent now names another patient").isEqualTo(404);
        assertThat(reads(elsewhere.vitals())).as("...whose vital signs it shares").isEqualTo(200);

        consent.setStatus(Consent.ConsentState.INACTIVE);
        records.store(consent);
        assertThat(reads(elsewhere.vitals())).as("revoked").isEqualTo(404);
    }

    private int reads(String reference) {
        return fhir.get(reference, Tokens.user("dr.sato")).status();
    }

    private static Set<List<Long>> versionOf(StoredRecordVersions versions, String patient) {
        return versions.consentsOf(List.of(patient)).get(patient);
    }
}
