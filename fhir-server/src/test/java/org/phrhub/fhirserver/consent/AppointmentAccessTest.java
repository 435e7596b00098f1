package org.phrhub.fhirserver.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.appointment;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A physician or pharmacist reads the Appointments booked with them, before the patient has shared
 * anything: by read and by search, with exact totals. Nothing else of the patient opens by it, other
 * practitioners' appointments stay invisible, and writing stays under the patient's Consents.
 */
class AppointmentAccessTest extends FhirServerIntegrationTest {

    private static final String SUZUKI = "Practitioner/dr-suzuki";
    private static final String SUZUKI_ROLE = "PractitionerRole/dr-suzuki-aizu-clinic";
    private static final String SATO = "Practitioner/dr-sato";

    @Autowired
    private DaoRegistry daos;

    @Test
    void aClinicianReadsTheAppointmentsBookedWithThemWithoutAConsentAndNothingElseOfThePatient() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        String withSuzuki = records.store(appointment(record.patient(), SUZUKI));
        String withHisRole = records.store(appointment(record.patient(), SUZUKI_ROLE));
        String withSato = records.store(appointment(record.patient(), SATO));

        assertThat(fhir.get(withSuzuki, Tokens.user("dr.suzuki")).status()).isEqualTo(200);
        assertThat(fhir.get(withHisRole, Tokens.user("dr.suzuki")).status()).isEqualTo(200);
        assertLooksMissing(fhir.get(withSato, Tokens.user("dr.suzuki")), "dr.suzuki");
        assertLooksMissing(fhir.get(withSuzuki, Tokens.user("dr.sato")), "dr.sato");
        assertLooksMissing(fhir.get(withSuzuki, Tokens.user("ph.ito")), "ph.ito");
        assertThat(fhir.get(record.patient(), Tokens.user("dr.suzuki")).status()).as("the Patient").isEqualTo(404);
        assertThat(fhir.get(record.vitals(), Tokens.user("dr.suzuki")).status()).as("the patient's data").isEqualTo(404);
    }

    @Test
    void searchingTheirAppointmentsFindsExactlyThoseNamingThemWithAnExactTotal() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        String withSuzuki = records.store(appointment(record.patient(), SUZUKI));
        String withHisRole = records.store(appointment(record.patient(), SUZUKI_ROLE));
        String withSato = records.store(appointment(record.patient(), SATO));

        List<String> own = found("Appointment?actor=" + SUZUKI + "&date=ge2026-12-01&_count=200", "dr.suzuki");
        assertThat(own).containsExactlyInAnyOrderElementsOf(stored(SUZUKI, "ge2026-12-01")).contains(withSuzuki)
                .doesNotContain(withSato);
        assertThat(found("Appointment?practitioner=" + SUZUKI + "&patient=" + record.patient(), "dr.suzuki"))
                .containsExactly(withSuzuki);
        assertThat(found("Appointment?patient=" + record.patient(), "dr.suzuki"))
                .as("a patient who shared nothing: only the bookings with him or his role")
                .containsExactlyInAnyOrder(withSuzuki, withHisRole);
        Bundle withPatient = fhir.get("Appointment?patient=" + record.patient() + "&_include=Appointment:patient",
                Tokens.user("dr.suzuki")).bundle();
        assertThat(ConsentMatrixTest.references(withPatient)).as("the Patient is not included: the Consents decide it")
                .containsExactlyInAnyOrder(withSuzuki, withHisRole);
        assertThat(found("Appointment?patient=" + record.patient(), "ph.ito")).isEmpty();
    }

    @Test
    void theConsentsStillDecideWhatElseOfThePatientsAppointmentsAndRecordAClinicianFinds() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        records.store(optIn(record.patient(), permit(SUZUKI, "TREAT")));
        String withSuzuki = records.store(appointment(record.patient(), SUZUKI));
        String withSato = records.store(appointment(record.patient(), SATO));
        Appointment restricted = appointment(record.patient(), SATO);
        restricted.getMeta().addSecurity(new Coding(PatientRecords.CONFIDENTIALITY, "R", null));
        String restrictedWithSato = records.store(restricted);

        assertThat(found("Appointment?patient=" + record.patient(), "dr.suzuki"))
                .as("his own and what the Consent opens; a restricted one it does not name stays hidden")
                .containsExactlyInAnyOrder(withSuzuki, withSato).doesNotContain(restrictedWithSato);
        Bundle withPatient = fhir.get("Appointment?patient=" + record.patient() + "&_include=Appointment:patient",
                Tokens.user("dr.suzuki")).bundle();
        assertThat(ConsentMatrixTest.references(withPatient)).contains(record.patient());
        assertThat(withPatient.getTotal()).as("includes are not counted").isEqualTo(2);
    }

    @Test
    void aRestrictedAppointmentBookedWithTheClinicianIsTheirsAndASearchThatCannotBeExactIsRefused() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        records.store(optIn(record.patient(), permit(SATO, "TREAT")));
        Appointment restricted = appointment(record.patient(), SATO);
        restricted.getMeta().addSecurity(new Coding(PatientRecords.CONFIDENTIALITY, "R", null));
        String restrictedWithSato = records.store(restricted);

        assertThat(fhir.get(restrictedWithSato, Tokens.user("dr.sato")).status()).isEqualTo(200);
        assertThat(found("Appointment?actor=" + SATO + "&patient=" + record.patient(), "dr.sato"))
                .containsExactly(restrictedWithSato);
        Response mixed = fhir.get("Appointment?patient=" + record.patient(), Tokens.user("dr.sato"));
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(403);
        assertThat(mixed.diagnostics()).contains("actor=" + SATO);
    }

    @Test
    void writingAnAppointmentBookedWithTheClinicianStillNeedsTheirTreatmentPermit() {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record sharedNothing = records.newRecord();
        PatientRecords.Record sharedAll = records.newRecord();
        records.store(optIn(sharedAll.patient(), permit(SUZUKI, "TREAT")));
        Appointment withoutConsent = appointment(sharedNothing.patient(), SUZUKI);
        Appointment underConsent = appointment(sharedAll.patient(), SUZUKI);
        records.store(withoutConsent);
        records.store(underConsent);

        Response refused = fhir.put(fulfil(withoutConsent), Tokens.user("dr.suzuki"), withoutConsent);
        Response fulfilled = fhir.put(fulfil(underConsent), Tokens.user("dr.suzuki"), underConsent);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(fulfilled.status()).as(fulfilled.body()).isEqualTo(200);
        assertThat(fulfilled.resource(Appointment.class).getStatus()).isEqualTo(Appointment.AppointmentStatus.FULFILLED);
    }

    @Test
    void aReadUnderTheRuleIsInThePatientsAccessLogWithTheRule() throws InterruptedException {
        PatientRecords records = new PatientRecords(daos);
        PatientRecords.Record record = records.newRecord();
        String withSuzuki = records.store(appointment(record.patient(), SUZUKI));

        assertThat(fhir.get(withSuzuki, Tokens.user("dr.suzuki")).status()).isEqualTo(200);

        AuditEvent event = records.awaitAuditEvent(record.patient(),
                e -> e.getAgent().stream().anyMatch(agent -> SUZUKI.equals(agent.getWho().getReference())));
        assertThat(event.getOutcome().toCode()).isEqualTo("0");
        assertThat(event.getOutcomeDesc()).isEqualTo("Permitted: the Appointment names " + SUZUKI + " as a participant");
    }

    /** Sets the stored appointment to fulfilled and gives the path to PUT it to. */
    private static String fulfil(Appointment appointment) {
        appointment.setStatus(Appointment.AppointmentStatus.FULFILLED);
        return "Appointment/" + appointment.getIdElement().getIdPart();
    }

    /** The Appointments naming the practitioner from the date on, as stored, read past the access rules. */
    private List<String> stored(String practitioner, String from) {
        SearchParameterMap query = SearchParameterMap.newSynchronous()
                .add(Appointment.SP_ACTOR, new ReferenceParam(practitioner))
                .add(Appointment.SP_DATE, new DateParam(from));
        return daos.getResourceDao(Appointment.class).search(query, new SystemRequestDetails()).getAllResources().stream()
                .map(r -> "Appointment/" + r.getIdElement().getIdPart())
                .toList();
    }

    /** The matches of a search, checked to be counted exactly. */
    private List<String> found(String search, String user) {
        Response response = fhir.get(search + (search.contains("_count") ? "" : "&_count=200") + "&_total=accurate",
                Tokens.user(user));
        assertThat(response.status()).as(search + " by " + user + ": " + response.body()).isEqualTo(200);
        Bundle bundle = response.bundle();
        List<String> matches = bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .map(e -> e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart())
                .toList();
        assertThat(bundle.getTotal()).as("total of " + search).isEqualTo(matches.size());
        return matches;
    }

    private void assertLooksMissing(Response response, String user) {
        Response missing = fhir.get("Appointment/no-such-appointment", Tokens.user(user));
        assertThat(response.status()).as(user).isEqualTo(404).isEqualTo(missing.status());
    }
}
