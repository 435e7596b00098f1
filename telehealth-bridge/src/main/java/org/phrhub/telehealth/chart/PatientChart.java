package org.phrhub.telehealth.chart;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the clinician sees of a patient during the visit, section by section as the patient shares it.
 *
 * @param name      the name the hub holds, or the one the patient booked with when demographics are not shared
 * @param birthDate empty when demographics are not shared
 */
public record PatientChart(
        String patient,
        String name,
        Optional<LocalDate> birthDate,
        OptionalInt age,
        Section<HomeBloodPressure> homeBloodPressure,
        Section<List<HistoryEntry>> conditions,
        Section<List<HistoryEntry>> prescriptions,
        Section<List<HistoryEntry>> labResults,
        Section<List<HistoryEntry>> allergies) {

    /** The renal function results among the recent lab results (for the pharmacist's dose check). */
    public Section<List<HistoryEntry>> renalResults() {
        return labResults.isShared() ? Section.shared(RenalFunction.of(labResults.content()))
                : new Section<>(labResults.status(), null, labResults.problem());
    }
}
