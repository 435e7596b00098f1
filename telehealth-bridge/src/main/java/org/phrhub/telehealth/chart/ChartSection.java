package org.phrhub.telehealth.chart;

/**
 * The chart's sections, each with the class of data the hub's {@code $access-explain} decides it by
 * (the {@code dataClass} part of its answer).
 */
public enum ChartSection {
    DEMOGRAPHICS("Patient (demographics)"),
    HOME_BLOOD_PRESSURE("Observation (vital-signs)"),
    LAB_RESULTS("Observation (laboratory)"),
    PRESCRIPTIONS("MedicationRequest (medication)"),
    CONDITIONS("Condition (problem-list)"),
    ALLERGIES("AllergyIntolerance (allergies)");

    private final String dataClass;

    ChartSection(String dataClass) {
        this.dataClass = dataClass;
    }

    public String dataClass() {
        return dataClass;
    }
}
