package org.phrhub.telehealth.chart;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Patient;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.record.PersonNames;
import org.springframework.stereotype.Service;

/**
 * Puts the chart together from the hub: first which sections the patient shares with the reader, then
 * each shared section's searches side by side. A section the hub refuses or fails is shown as such; the
 * others still appear.
 */
@Service
public class ChartService {

    private final HomeBloodPressureRules rules;
    private final HomeReadings homeReadings;
    private final HospitalHistory history;
    private final SharedSections sharedSections = new SharedSections();

    public ChartService(BridgeProperties properties, Clock clock) {
        ZoneId zone = properties.zone();
        this.rules = new HomeBloodPressureRules(properties.homeBloodPressure());
        this.homeReadings = new HomeReadings(rules, zone);
        this.history = new HospitalHistory(zone, clock);
    }

    /**
     * The chart a clinician sees: only the sections the patient shares with them for their purpose.
     *
     * @param bookedName the name the patient booked with, shown when their demographics are not shared
     */
    public PatientChart chartOf(IGenericClient fhir, String patient, String bookedName, ChartSpan span, LocalDate today) {
        return assemble(fhir, patient, bookedName, sharedSections.of(fhir, patient), span, today);
    }

    /**
     * The same chart as the patient reads it: their own record is theirs whole, so every section is asked
     * for (the hub still decides each search, and audits it as the patient's own).
     */
    public PatientChart ownChart(IGenericClient fhir, String patient, String name, ChartSpan span, LocalDate today) {
        return assemble(fhir, patient, name, EnumSet.allOf(ChartSection.class), span, today);
    }

    private PatientChart assemble(IGenericClient fhir, String patient, String bookedName, Set<ChartSection> shared, ChartSpan span,
            LocalDate today) {
        try (ExecutorService searches = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Optional<Patient>> demographics = searches.submit(() -> shared.contains(ChartSection.DEMOGRAPHICS)
                    ? Optional.of(fhir.read().resource(Patient.class).withId(patient).execute())
                    : Optional.<Patient>empty());
            Future<Section<List<HomeReading>>> readings = searches.submit(() -> section(shared, ChartSection.HOME_BLOOD_PRESSURE,
                    () -> homeReadings.since(fhir, patient, earliest(span, today), today)));
            Future<Section<List<HistoryEntry>>> conditions = searches.submit(() -> section(shared, ChartSection.CONDITIONS,
                    () -> history.activeConditions(fhir, patient)));
            Future<Section<List<HistoryEntry>>> prescriptions = searches.submit(() -> section(shared, ChartSection.PRESCRIPTIONS,
                    () -> history.currentPrescriptions(fhir, patient)));
            Future<Section<List<HistoryEntry>>> labs = searches.submit(() -> section(shared, ChartSection.LAB_RESULTS,
                    () -> history.recentLabResults(fhir, patient)));
            Future<Section<List<HistoryEntry>>> allergies = searches.submit(() -> section(shared, ChartSection.ALLERGIES,
                    () -> history.allergies(fhir, patient)));

            Optional<Patient> record = demographics.get();
            Optional<LocalDate> birthDate = record.filter(Patient::hasBirthDate)
                    .map(p -> LocalDate.parse(p.getBirthDateElement().getValueAsString()));
            OptionalInt age = birthDate.map(b -> OptionalInt.of(Period.between(b, today).getYears())).orElse(OptionalInt.empty());
            String name = record.map(ChartService::nameOf).filter(n -> !n.isBlank()).orElse(bookedName);
            return new PatientChart(patient, name, birthDate, age,
                    homeBloodPressure(readings.get(), span, today, age),
                    conditions.get(), prescriptions.get(), labs.get(), allergies.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the chart of " + patient, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the chart of " + patient + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * The morning and evening 7-day averages that have enough readings, for the visit's record: only the
     * readings of those days, and nothing when the patient does not share home blood pressure. The record
     * keeps the averages' values, not their judgement, so the patient's age is not read.
     */
    public List<HomeAverage> sevenDayAverages(IGenericClient fhir, String patient, LocalDate today) {
        if (!sharedSections.of(fhir, patient).contains(ChartSection.HOME_BLOOD_PRESSURE)) {
            return List.of();
        }
        List<HomeReading> readings = homeReadings.since(fhir, patient, today.minusDays(rules.settings().averageDays()), today);
        return Stream.of(Occasion.MORNING, Occasion.EVENING)
                .map(occasion -> rules.average(occasion, readings, today, OptionalInt.empty()))
                .filter(HomeAverage::enough)
                .toList();
    }

    /** The readings of the span, and at least the days the averages look at. */
    private LocalDate earliest(ChartSpan span, LocalDate today) {
        LocalDate forAverages = today.minusDays(rules.settings().averageDays());
        LocalDate first = span.firstDay(today);
        return first.isBefore(forAverages) ? first : forAverages;
    }

    private Section<HomeBloodPressure> homeBloodPressure(Section<List<HomeReading>> readings, ChartSpan span, LocalDate today,
            OptionalInt age) {
        if (!readings.isShared()) {
            return new Section<>(readings.status(), null, readings.problem());
        }
        List<HomeReading> all = readings.content();
        LocalDate first = span.firstDay(today);
        List<HomeReading> inSpan = all.stream().filter(r -> !r.local().toLocalDate().isBefore(first)).toList();
        var settings = rules.settings();
        return Section.shared(new HomeBloodPressure(span, inSpan,
                rules.average(Occasion.MORNING, all, today, age),
                rules.average(Occasion.EVENING, all, today, age),
                rules.targetFor(age), settings.hypertensionSystolic(), settings.hypertensionDiastolic()));
    }

    private static <T> Section<T> section(Set<ChartSection> shared, ChartSection section, Supplier<T> read) {
        if (!shared.contains(section)) {
            return Section.notShared();
        }
        try {
            return Section.shared(read.get());
        } catch (BaseServerResponseException e) {
            return Section.unavailable("HTTP " + e.getStatusCode() + ": " + e.getMessage());
        }
    }

    static String nameOf(Patient patient) {
        return PersonNames.preferred(patient.getName());
    }
}
