package org.phrhub.telehealth.visit;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The doctor's record of an online consultation, read from the form: the MHLW confirmations, the SOAP
 * note, diagnoses, prescriptions and the next visit.
 *
 * @param patientIdentity how the patient's identity was confirmed (a value of {@link #IDENTITY_METHODS}); "" if not
 */
public record ConsultationNote(
        String patientIdentity,
        boolean clinicianIdentityShown,
        boolean onlineCareAgreed,
        String subjective,
        String objective,
        String assessment,
        String plan,
        List<Diagnosis> diagnoses,
        List<Prescription> prescriptions,
        Optional<LocalDateTime> nextVisit,
        boolean recordHomeAverages) {

    /** How a patient shows who they are (the guideline: photo ID unless the doctor obviously knows them). */
    public static final List<String> IDENTITY_METHODS = List.of("photo-id", "known-in-person", "insurance-card", "family-present");

    /** @param icd10 the ICD-10 code where the doctor knows it, e.g. {@code I10}; "" for free text */
    public record Diagnosis(String name, String icd10) {}

    public record Prescription(String drug, String dose, String usage, int days) {}

    public static ConsultationNote of(Draft form) {
        List<Diagnosis> diagnoses = new ArrayList<>();
        for (int i = 0; i < form.rows("diagnosisName"); i++) {
            String name = form.value("diagnosisName", i).strip();
            if (!name.isEmpty()) {
                diagnoses.add(new Diagnosis(name, form.value("diagnosisIcd10", i).strip().toUpperCase(Locale.ROOT)));
            }
        }
        List<Prescription> prescriptions = new ArrayList<>();
        for (int i = 0; i < form.rows("drug"); i++) {
            String drug = form.value("drug", i).strip();
            if (!drug.isEmpty()) {
                prescriptions.add(new Prescription(drug, form.value("dose", i).strip(), form.value("usage", i).strip(),
                        days(form.value("days", i))));
            }
        }
        return new ConsultationNote(form.value("patientIdentity"), form.checked("clinicianIdentityShown"),
                form.checked("onlineCareAgreed"), form.value("subjective").strip(), form.value("objective").strip(),
                form.value("assessment").strip(), form.value("plan").strip(), diagnoses, prescriptions,
                dateTime(form.value("nextVisit")), form.checked("recordHomeAverages"));
    }

    /**
     * What stops this note from being written, for an online diagnosis ({@code diagnosis} true) or a health
     * consultation, at {@code now}.
     */
    public List<Problem> problems(boolean diagnosis, LocalDateTime now, Draft form) {
        List<Problem> problems = new ArrayList<>();
        if (diagnosis && !IDENTITY_METHODS.contains(patientIdentity)) {
            problems.add(new Problem("consult.problem.patientIdentity"));
        }
        if (diagnosis && !clinicianIdentityShown) {
            problems.add(new Problem("consult.problem.clinicianIdentity"));
        }
        if (diagnosis && !onlineCareAgreed) {
            problems.add(new Problem("consult.problem.agreement"));
        }
        if (subjective.isEmpty() && objective.isEmpty() && assessment.isEmpty() && plan.isEmpty()) {
            problems.add(new Problem("consult.problem.emptyNote"));
        }
        for (Prescription prescription : prescriptions) {
            if (prescription.dose().isEmpty() || prescription.usage().isEmpty() || prescription.days() <= 0) {
                problems.add(new Problem("consult.problem.prescription", prescription.drug()));
            }
        }
        for (int i = 0; i < form.rows("diagnosisIcd10"); i++) {
            String code = form.value("diagnosisIcd10", i).strip();
            if (!code.isEmpty() && !code.matches("(?i)[A-Z][0-9]{2}(\\.?[0-9A-Z]{1,4})?")) {
                problems.add(new Problem("consult.problem.icd10", code));
            }
        }
        if (!form.value("nextVisit").isBlank() && nextVisit.isEmpty()) {
            problems.add(new Problem("consult.problem.nextVisitFormat"));
        }
        nextVisit.filter(next -> !next.isAfter(now)).ifPresent(next -> problems.add(new Problem("consult.problem.nextVisitPast")));
        return problems;
    }

    private static int days(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<LocalDateTime> dateTime(String value) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(value.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
