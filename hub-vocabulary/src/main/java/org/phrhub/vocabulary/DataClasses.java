package org.phrhub.vocabulary;

/**
 * Data classes a consent can name in {@code provision.code} besides a resource's own category and code:
 * {@code medication} (every Medication* resource) and {@code problem-list} (problem-list Conditions).
 */
public final class DataClasses {

    public static final String SYSTEM = "https://phr-hub.example/fhir/CodeSystem/data-class";

    public static final String MEDICATION = "medication";
    public static final String PROBLEM_LIST = "problem-list";

    private DataClasses() {}
}
