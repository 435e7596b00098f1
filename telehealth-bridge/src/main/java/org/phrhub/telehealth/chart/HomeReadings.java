package org.phrhub.telehealth.chart;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.DateClientParam;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.phrhub.telehealth.record.RecordPages;
import org.phrhub.vocabulary.HubGatewayCodes;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Mdc;

/**
 * Reads a patient's home blood pressure from the hub: the readings, their pulse and the monitor's
 * measurement status, in one search per window of days, joined by the moment and monitor they share.
 */
public final class HomeReadings {

    /** The most the hub serves per page. */
    static final int PAGE_SIZE = 200;

    /**
     * A long span is read a window at a time, windows side by side: one search's pages can only follow one
     * another, and a year of readings is eleven pages. A month of twice-daily readings (with pulse and
     * status: 186 Observations) fits in one page.
     */
    static final int WINDOW_DAYS = 31;

    /** Windows read at once: the hub's node serves many readers, one chart should not take all of it. */
    static final int WINDOWS_AT_ONCE = 3;

    private final HomeBloodPressureRules rules;
    private final ZoneId zone;

    public HomeReadings(HomeBloodPressureRules rules, ZoneId zone) {
        this.rules = rules;
        this.zone = zone;
    }

    /** Every reading of {@code patient} from {@code firstDay} on, oldest first. */
    public List<HomeReading> since(IGenericClient fhir, String patient, LocalDate firstDay, LocalDate today) {
        List<Window> windows = windows(firstDay, today);
        List<Observation> observations = new ArrayList<>();
        try (ExecutorService searches = Executors.newFixedThreadPool(Math.min(WINDOWS_AT_ONCE, windows.size()),
                Thread.ofVirtual().factory())) {
            List<Future<List<Observation>>> read = windows.stream()
                    .map(window -> searches.submit(() -> observationsIn(fhir, patient, window)))
                    .toList();
            for (Future<List<Observation>> window : read) {
                observations.addAll(window.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the home readings of " + patient, e);
        } catch (ExecutionException e) {
            // The hub's own answer (a refusal, a failure) stays what it was, for the chart to show.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("Could not read the home readings of " + patient, e.getCause());
        }
        return join(observations);
    }

    /** Days {@code [from, until)}; the last window has no end, so that nothing stored after today is left out. */
    record Window(LocalDate from, Optional<LocalDate> until) {}

    /** Windows of at most {@value #WINDOW_DAYS} days, of even length, from {@code firstDay}; the last one open. */
    static List<Window> windows(LocalDate firstDay, LocalDate today) {
        long days = Math.max(1, ChronoUnit.DAYS.between(firstDay, today) + 1);
        long count = (days + WINDOW_DAYS - 1) / WINDOW_DAYS;
        long length = (days + count - 1) / count;
        List<Window> windows = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            LocalDate from = firstDay.plusDays(i * length);
            windows.add(new Window(from, i + 1 < count ? Optional.of(from.plusDays(length)) : Optional.empty()));
        }
        return windows;
    }

    private List<Observation> observationsIn(IGenericClient fhir, String patient, Window window) {
        List<Observation> observations = new ArrayList<>();
        // One search for the three kinds: each request to the hub is a consent decision and an audit entry.
        var query = fhir.search().forResource(Observation.class)
                .where(new TokenClientParam("subject").exactly().code(patient))
                .and(new TokenClientParam("code").exactly().codings(
                        new Coding(Loinc.SYSTEM, Loinc.BLOOD_PRESSURE_PANEL, null),
                        new Coding(Loinc.SYSTEM, Loinc.HEART_RATE, null),
                        new Coding(Mdc.SYSTEM, Mdc.MEASUREMENT_STATUS, null)))
                .and(new DateClientParam("date").afterOrEquals().second(startOf(window.from())));
        if (window.until().isPresent()) {
            query = query.and(new DateClientParam("date").before().second(startOf(window.until().get())));
        }
        RecordPages.searchAll(fhir, query.sort().ascending("date").count(PAGE_SIZE), Observation.class, observations::add);
        return observations;
    }

    private Date startOf(LocalDate day) {
        return Date.from(day.atStartOfDay(zone).toInstant());
    }

    List<HomeReading> join(List<Observation> observations) {
        Map<String, Observation> pulses = new HashMap<>();
        Map<String, Observation> statuses = new HashMap<>();
        List<Observation> pressures = new ArrayList<>();
        for (Observation observation : observations) {
            if (hasCode(observation.getCode(), Loinc.SYSTEM, Loinc.BLOOD_PRESSURE_PANEL)) {
                pressures.add(observation);
            } else if (hasCode(observation.getCode(), Loinc.SYSTEM, Loinc.HEART_RATE)) {
                pulses.put(momentKey(observation), observation);
            } else if (hasCode(observation.getCode(), Mdc.SYSTEM, Mdc.MEASUREMENT_STATUS)) {
                statuses.put(momentKey(observation), observation);
            }
        }
        return pressures.stream()
                .map(pressure -> reading(pressure, Optional.ofNullable(pulses.get(momentKey(pressure))),
                        Optional.ofNullable(statuses.get(momentKey(pressure)))))
                .sorted(Comparator.comparing(HomeReading::at))
                .toList();
    }

    private HomeReading reading(Observation pressure, Optional<Observation> pulse, Optional<Observation> status) {
        Instant at = pressure.getEffectiveDateTimeType().getValue().toInstant();
        var local = at.atZone(zone).toLocalDateTime();
        Optional<BigDecimal> systolic = componentValue(pressure, Loinc.SYSTOLIC);
        Optional<BigDecimal> diastolic = componentValue(pressure, Loinc.DIASTOLIC);
        boolean receptionClock = pressure.getMeta().getTag(HubGatewayCodes.READING_TIME_TAGS, HubGatewayCodes.RECEPTION_TIME) != null;
        return new HomeReading(
                pressure.getIdElement().toUnqualifiedVersionless().getValue(),
                at, local, rules.occasionOf(local), systolic, diastolic,
                pulse.filter(Observation::hasValueQuantity).map(p -> p.getValueQuantity().getValue()),
                systolic.isEmpty() || diastolic.isEmpty(),
                status.map(s -> flag(s, "irregular-pulse")).orElse(false),
                status.map(s -> flag(s, "body-movement")).orElse(false),
                receptionClock);
    }

    /** The gateway gives a reading's pulse and status the same time and monitor as the pressure. */
    private static String momentKey(Observation observation) {
        return observation.getEffectiveDateTimeType().getValue().toInstant() + "|" + observation.getDevice().getReference();
    }

    private static Optional<BigDecimal> componentValue(Observation observation, String loinc) {
        return observation.getComponent().stream()
                .filter(c -> hasCode(c.getCode(), Loinc.SYSTEM, loinc))
                .filter(c -> c.getValue() instanceof Quantity)
                .map(c -> ((Quantity) c.getValue()).getValue())
                .findFirst();
    }

    private static boolean flag(Observation status, String code) {
        return status.getComponent().stream()
                .filter(c -> hasCode(c.getCode(), HubGatewayCodes.MEASUREMENT_STATUS_CODES, code))
                .anyMatch(c -> c.getValue() instanceof BooleanType value && value.booleanValue());
    }

    static boolean hasCode(CodeableConcept concept, String system, String code) {
        return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }
}
