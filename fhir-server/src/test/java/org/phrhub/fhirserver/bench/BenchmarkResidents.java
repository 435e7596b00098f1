package org.phrhub.fhirserver.bench;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.phrhub.fhirserver.consent.PatientRecords;
import org.phrhub.synthetic.ssmix2.SyntheticResident;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.JpCore;

/**
 * Residents the benchmarks register as the city does before hospitals enrol them (there is no FHIR interaction
 * for it): a canonical Patient with a common ID, kana name, birth date and gender. The load benchmark's residents
 * also opt in for the demo realm's physicians.
 */
public final class BenchmarkResidents {

    /** The load benchmark's residents: {@code Patient/load-<i>}, common ID {@code C-load-<i>} (the gateway module's
     * {@code HubLoadBenchmark} names them by the same prefix and seed). */
    private static final String LOAD_PREFIX = "load-";
    private static final long LOAD_SEED = 7;
    /** Physicians of the demo realm the load benchmark's residents consent to. */
    private static final List<String> LOAD_PHYSICIANS = List.of("Practitioner/dr-suzuki", "Practitioner/dr-sato");

    private BenchmarkResidents() {}

    /** The canonical Patient {@code Patient/<id>} with common ID {@code C-<id>}; stored again unchanged if it exists. */
    public static void register(DaoRegistry daos, String id, SyntheticResident person) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addIdentifier().setSystem(HubIdentifiers.COMMON_ID).setValue("C-" + id);
        patient.addName().setFamily(person.familyKana()).addGiven(person.givenKana())
                .setText(person.familyKana() + " " + person.givenKana())
                .addExtension(JpCore.NAME_REPRESENTATION_EXTENSION, new CodeType(JpCore.SYLLABIC));
        patient.setBirthDateElement(new DateType(person.birthDate().toString()));
        patient.setGender(person.gender() == SyntheticResident.Gender.MALE ? AdministrativeGender.MALE : AdministrativeGender.FEMALE);
        daos.getResourceDao(Patient.class).update(patient, new SystemRequestDetails());
    }

    /**
     * The load benchmark's {@code count} residents ({@link SyntheticResident#residents} of {@link #LOAD_SEED}), each
     * with an opt-in for {@link #LOAD_PHYSICIANS}. Fixed ids, so a second server start stores nothing new.
     */
    public static void registerLoadResidents(DaoRegistry daos, int count) {
        List<SyntheticResident> people = SyntheticResident.residents(count, LOAD_SEED);
        for (int i = 0; i < count; i++) {
            String id = LOAD_PREFIX + i;
            register(daos, id, people.get(i));
            for (String physician : LOAD_PHYSICIANS) {
                Consent consent = PatientRecords.optIn("Patient/" + id, PatientRecords.permit(physician, null));
                consent.setId(id + "-" + physician.substring(physician.indexOf('/') + 1));
                daos.getResourceDao(Consent.class).update(consent, new SystemRequestDetails());
            }
        }
    }
}
