package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.UUID;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A clinician's affiliations are read once and kept while the directory stays the same: a role ended or
 * a care team left must still count on the very next request, like a revoked Consent.
 */
class AffiliationChangeTest extends FhirServerIntegrationTest {

    @Autowired
    private DaoRegistry daos;

    @Test
    void anEndedRoleStopsTheOrganizationsConsentOnTheNextRequestAndARenewedOneRestoresIt() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        String clinic = records.store(organization());
        PractitionerRole role = new PractitionerRole();
        role.setId("role-" + UUID.randomUUID().toString().substring(0, 13));
        role.setActive(true).setPractitioner(new Reference("Practitioner/dr-sato")).setOrganization(new Reference(clinic));
        records.store(role);
        records.store(optIn(record.patient(), permit(clinic, "TREAT")));
        try {
            assertThat(readsVitals(record)).as("dr.sato acts for the clinic the Consent names").isEqualTo(200);
            assertThat(readsVitals(record)).isEqualTo(200);

            role.setActive(false);
            records.store(role);
            assertThat(readsVitals(record)).as("the role has ended").isEqualTo(404);

            role.setActive(true);
            records.store(role);
            assertThat(readsVitals(record)).as("the role is active again").isEqualTo(200);
        } finally {
            daos.getResourceDao(PractitionerRole.class).delete(role.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
        }
        assertThat(readsVitals(record)).as("the role is gone").isEqualTo(404);
    }

    @Test
    void leavingACareTeamStopsItsConsentOnTheNextRequest() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        CareTeam team = new CareTeam();
        team.setId("team-" + UUID.randomUUID().toString().substring(0, 13));
        team.setStatus(CareTeam.CareTeamStatus.ACTIVE).setName("Home visits");
        team.addParticipant().setMember(new Reference("Practitioner/dr-sato"));
        String teamReference = records.store(team);
        records.store(optIn(record.patient(), permit(teamReference, "TREAT")));

        assertThat(readsVitals(record)).as("dr.sato is on the team the Consent names").isEqualTo(200);
        team.getParticipant().clear();
        team.addParticipant().setMember(new Reference("Practitioner/dr-suzuki"));
        records.store(team);
        assertThat(readsVitals(record)).as("dr.sato has left the team").isEqualTo(404);
    }

    private int readsVitals(PatientRecords.Record record) {
        return fhir.get(record.vitals(), Tokens.user("dr.sato")).status();
    }

    private static Organization organization() {
        Organization clinic = new Organization();
        clinic.setId("clinic-" + UUID.randomUUID().toString().substring(0, 13));
        clinic.setActive(true).setName("Test clinic");
        return clinic;
    }
}
