package org.phrhub.fhirserver.ingest.bundle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.phrhub.fhirserver.identity.ResidentDirectory;
import org.phrhub.fhirserver.ingest.PatientNumberSystems;
import org.phrhub.vocabulary.HubIdentifiers;

/**
 * Whose data a bundle is: each Patient entry names the resident by the hospital's patient number
 * (enrolled through {@code $enrol}; read under the hospital's {@link PatientNumberSystems system}) or by the
 * city's common ID, never by name or birth date. The patient number decides when the entry carries both,
 * and both must then name the same resident.
 */
final class PatientIdentities {

    /** A Patient entry whose patient number is enrolled on no resident yet. */
    record Unknown(BundleEntry entry, String patientNumber) {}

    /** The residents of the bundle's Patient entries; any unknown one holds the whole bundle. */
    record Resolution(Map<BundleEntry, Patient> residents, List<Unknown> unknown) {}

    private final ResidentDirectory residents;
    private final PatientNumberSystems numberSystems;

    PatientIdentities(ResidentDirectory residents, PatientNumberSystems numberSystems) {
        this.residents = residents;
        this.numberSystems = numberSystems;
    }

    Resolution resolve(String institution, List<BundleEntry> patients) throws RefusedBundleException {
        Map<BundleEntry, Patient> resolved = new LinkedHashMap<>();
        List<Unknown> unknown = new ArrayList<>();
        for (BundleEntry entry : patients) {
            Patient patient = (Patient) entry.resource();
            Optional<String> number = single(entry, patient, numberSystems.systemsOf(institution), "patient number");
            Optional<String> commonId = single(entry, patient, List.of(HubIdentifiers.COMMON_ID), "common ID");
            if (number.isEmpty() && commonId.isEmpty()) {
                throw new RefusedBundleException(entry.describe() + ": the Patient carries neither a patient number of institution "
                        + institution + " (system " + numberSystems.describe(institution) + ") nor a city common ID (system "
                        + HubIdentifiers.COMMON_ID + "); the hub does not match patients by name or birth date. If the hospital"
                        + " numbers its patients under another system, configure it as " + PatientNumberSystems.PROPERTY + "."
                        + institution);
            }
            Optional<Patient> byNumber = number.flatMap(value -> residents.byPatientNumber(institution, value));
            Optional<Patient> byCommonId = commonId.flatMap(residents::byCommonId);
            if (byNumber.isPresent() && byCommonId.isPresent() && !sameResident(byNumber.get(), byCommonId.get())) {
                throw new RefusedBundleException(entry.describe() + ": patient number " + number.get() + " is enrolled on "
                        + reference(byNumber.get()) + " but common ID " + commonId.get() + " is " + reference(byCommonId.get())
                        + "'s; correct the bundle or the enrolment before importing");
            }
            Optional<Patient> resident = byNumber.or(() -> byCommonId);
            if (resident.isPresent()) {
                resolved.put(entry, resident.get());
            } else if (number.isPresent()) {
                unknown.add(new Unknown(entry, number.get()));
            } else {
                throw new RefusedBundleException(entry.describe() + ": no resident has the common ID " + commonId.get()
                        + "; the city registers residents before hospitals send their data");
            }
        }
        return new Resolution(resolved, unknown);
    }

    private static Optional<String> single(BundleEntry entry, Patient patient, List<String> systems, String what)
            throws RefusedBundleException {
        List<String> values = patient.getIdentifier().stream()
                .filter(identifier -> systems.contains(identifier.getSystem()) && identifier.hasValue())
                .map(Identifier::getValue).distinct().toList();
        if (values.size() > 1) {
            throw new RefusedBundleException(entry.describe() + ": the Patient carries " + values.size() + " different "
                    + what + "s (" + String.join(", ", values) + "); one person has one");
        }
        return values.stream().findFirst();
    }

    static String reference(Patient resident) {
        return "Patient/" + resident.getIdElement().getIdPart();
    }

    private static boolean sameResident(Patient a, Patient b) {
        return a.getIdElement().getIdPart().equals(b.getIdElement().getIdPart());
    }
}
