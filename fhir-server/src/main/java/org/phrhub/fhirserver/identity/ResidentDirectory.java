package org.phrhub.fhirserver.identity;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.phrhub.vocabulary.HubIdentifiers;
import org.phrhub.vocabulary.JpCore;

/**
 * The residents' canonical Patients, one per city common ID, and the hospital patient numbers enrolled
 * on them. Imported data refers to the canonical Patient its patient number is enrolled on; nothing is
 * ever merged by a guess.
 */
public final class ResidentDirectory {

    /**
     * What an enrolment did.
     *
     * @param resident the canonical Patient, e.g. {@code Patient/taro}
     * @param linked whether the number was new to it (false: it was enrolled there already)
     */
    public record Enrolment(String resident, boolean linked) {}

    /** How many patient numbers one search asks for. */
    private static final int NUMBERS_PER_SEARCH = 500;

    private final IFhirResourceDao<Patient> patients;

    public ResidentDirectory(DaoRegistry daos) {
        this.patients = daos.getResourceDao(Patient.class);
    }

    public Optional<Patient> byCommonId(String commonId) {
        return single(HubIdentifiers.COMMON_ID, commonId);
    }

    /** The canonical Patient this institution's patient number is enrolled on. */
    public Optional<Patient> byPatientNumber(String institutionCode, String patientNumber) {
        return single(JpCore.patientNumberSystem(institutionCode), patientNumber);
    }

    /** The resident's canonical Patient as stored now. */
    public Patient current(Patient resident) {
        return patients.read(resident.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
    }

    /**
     * As {@link #byPatientNumber} for many numbers, in a few searches instead of one per number (an import
     * asks for every patient of a storage). A number carried by two Patients is left out, so that asking
     * {@link #byPatientNumber} for it gives the error; a number enrolled nowhere maps to empty.
     */
    public Map<String, Optional<Patient>> byPatientNumbers(String institutionCode, Collection<String> patientNumbers) {
        String system = JpCore.patientNumberSystem(institutionCode);
        List<String> numbers = List.copyOf(new LinkedHashSet<>(patientNumbers));
        Map<String, List<Patient>> matches = new HashMap<>();
        for (int start = 0; start < numbers.size(); start += NUMBERS_PER_SEARCH) {
            TokenOrListParam anyOf = new TokenOrListParam();
            numbers.subList(start, Math.min(numbers.size(), start + NUMBERS_PER_SEARCH)).forEach(number -> anyOf.add(system, number));
            for (IBaseResource found : patients.search(SearchParameterMap.newSynchronous().add(Patient.SP_IDENTIFIER, anyOf),
                    new SystemRequestDetails()).getAllResources()) {
                Patient patient = (Patient) found;
                patient.getIdentifier().stream().filter(identifier -> system.equals(identifier.getSystem()))
                        .map(Identifier::getValue).distinct()
                        .forEach(number -> matches.computeIfAbsent(number, key -> new ArrayList<>()).add(patient));
            }
        }
        Map<String, Optional<Patient>> residents = new HashMap<>();
        for (String number : numbers) {
            List<Patient> carrying = matches.getOrDefault(number, List.of());
            if (carrying.size() <= 1) {
                residents.put(number, carrying.stream().findFirst());
            }
        }
        return residents;
    }

    /**
     * Links the patient number to the resident with the common ID: it becomes an identifier of their
     * canonical Patient.
     *
     * @throws ResourceNotFoundException when no resident has the common ID
     * @throws ResourceVersionConflictException when the number is enrolled on another resident already
     */
    public Enrolment enrol(String commonId, String institutionCode, String patientNumber) {
        Patient resident = byCommonId(commonId).orElseThrow(() -> new ResourceNotFoundException(
                "no resident has the common ID " + commonId + "; the city registers residents before hospitals enrol them"));
        Optional<Patient> enrolled = byPatientNumber(institutionCode, patientNumber);
        if (enrolled.isPresent()) {
            if (sameResource(enrolled.get(), resident)) {
                return new Enrolment(reference(resident), false);
            }
            throw new ResourceVersionConflictException("patient number " + patientNumber + " of institution "
                    + institutionCode + " is enrolled on another resident; unlink it there first");
        }
        resident.addIdentifier(new Identifier().setSystem(JpCore.patientNumberSystem(institutionCode)).setValue(patientNumber));
        patients.update(resident, new SystemRequestDetails());
        return new Enrolment(reference(resident), true);
    }

    /** Residents who might be this hospital's patient: same birth date and gender; the caller compares names. */
    public List<Patient> withBirthDateAndGender(String birthDate, String gender) {
        SearchParameterMap search = SearchParameterMap.newSynchronous()
                .add(Patient.SP_BIRTHDATE, new ca.uhn.fhir.rest.param.DateParam(birthDate))
                .add(Patient.SP_GENDER, new TokenParam(gender));
        return patients.search(search, new SystemRequestDetails()).getAllResources().stream()
                .map(Patient.class::cast)
                .filter(patient -> patient.getIdentifier().stream().anyMatch(id -> HubIdentifiers.COMMON_ID.equals(id.getSystem())))
                .toList();
    }

    private Optional<Patient> single(String system, String value) {
        IBundleProvider found = patients.search(SearchParameterMap.newSynchronous()
                .add(Patient.SP_IDENTIFIER, new TokenParam(system, value)), new SystemRequestDetails());
        List<Patient> matches = found.getAllResources().stream().map(Patient.class::cast).toList();
        if (matches.size() > 1) {
            throw new ResourceVersionConflictException(matches.size() + " Patients carry the identifier " + system + "|"
                    + value + "; the hub keeps one per resident: resolve the duplicates before importing");
        }
        return matches.stream().findFirst();
    }

    private static boolean sameResource(Patient a, Patient b) {
        return a.getIdElement().getIdPart().equals(b.getIdElement().getIdPart());
    }

    private static String reference(Patient resident) {
        return "Patient/" + resident.getIdElement().getIdPart();
    }
}
