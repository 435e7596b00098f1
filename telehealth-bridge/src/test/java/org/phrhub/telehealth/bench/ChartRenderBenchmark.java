package org.phrhub.telehealth.bench;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;
import org.phrhub.telehealth.HubRecords;
import org.phrhub.testsupport.postgres.TestPostgres;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Mdc;

/**
 * Not a test: how long the server takes to render the doctor's chart for a patient with two years of
 * twice-daily home readings and a hospital history, on PostgreSQL, side by side with the raw FHIR searches
 * the chart makes. Run it alone (see README, "For doctors and pharmacists"); it prints p50/p95 of both.
 */
class ChartRenderBenchmark {

    static final int WARM_UP = 5;
    static final int ROUNDS = 40;

    @Test
    void chartRenderAgainstItsFhirSearches() {
        BridgeFixture hub = BridgeFixture.hub();
        HubRecords records = new HubRecords(hub);
        LocalDate today = LocalDate.now(HubRecords.TOKYO);
        List<HubRecords.Reading> twoYears = HubRecords.twiceDaily(today, 730, 138, 126);
        for (int from = 0; from < twoYears.size(); from += 200) {
            records.storeReadings("hanako", "Patient/hanako", twoYears.subList(from, Math.min(from + 200, twoYears.size())));
        }
        TestPostgres.database().analyze();
        String visit = records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/dr-suzuki", "鈴木 一郎",
                ZonedDateTime.now(HubRecords.TOKYO).plusHours(1), HubVisitCodes.ONLINE_DIAGNOSIS, "benchmark");
        String since = today.minusWeeks(2).toString();

        try (Browsers browsers = new Browsers(); BrowserContext person = browsers.newPerson()) {
            Page page = Browsers.signIn(person, hub.bridgeUrl(), "/visits/" + visit, "dr.suzuki");
            page.waitForSelector("#bp-chart");
            System.out.println();
            System.out.println("Chart of hanako: " + twoYears.size() + " home readings over 2 years (+ pulse and status each) and the demo hospital history");
            for (String span : List.of("2w", "3m", "1y")) {
                double[] render = time(() -> {
                    APIResponse response = person.request().get(hub.bridgeUrl() + "/visits/" + visit + "?span=" + span);
                    if (response.status() != 200) {
                        throw new IllegalStateException("chart answered " + response.status());
                    }
                    return response;
                });
                report("chart page render, span " + span + " (bridge, all its searches)", render);
            }
            IGenericClient doctor = records.as("dr.suzuki"); // a fresh token: seeding took longer than one lives
            Map<String, Supplier<?>> chartSearches = new LinkedHashMap<>();
            chartSearches.put("$access-explain", () -> doctor.operation().onInstance("Patient/hanako").named("$access-explain")
                    .withNoParameters(Parameters.class).useHttpGet().execute());
            chartSearches.put("Patient read", () -> doctor.read().resource(Patient.class).withId("hanako").execute());
            chartSearches.put("home readings, 2 weeks (3 codes)", () -> search(doctor, "Observation?subject=Patient/hanako&code="
                    + Loinc.SYSTEM + "|" + Loinc.BLOOD_PRESSURE_PANEL + "," + Loinc.SYSTEM + "|" + Loinc.HEART_RATE + ","
                    + Mdc.SYSTEM + "|" + Mdc.MEASUREMENT_STATUS + "&date=ge" + since + "&_sort=date,_id&_offset=0&_count=200"));
            chartSearches.put("active conditions", () -> search(doctor, "Condition?subject=Patient/hanako&clinical-status=active&_sort=_id&_offset=0&_count=200"));
            chartSearches.put("active prescriptions", () -> search(doctor, "MedicationRequest?subject=Patient/hanako&status=active&_sort=_id&_offset=0&_count=200"));
            chartSearches.put("latest 30 lab results", () -> search(doctor, "Observation?subject=Patient/hanako&category=laboratory&_sort=-date&_offset=0&_count=30"));
            chartSearches.put("allergies", () -> search(doctor, "AllergyIntolerance?patient=Patient/hanako&_sort=_id&_offset=0&_count=200"));
            chartSearches.put("the visit's Appointment", () -> doctor.read().resource(Appointment.class).withId(visit).execute());
            double[] searches = time(() -> {
                chartSearches.values().forEach(Supplier::get);
                return null;
            });
            report("its FHIR requests (span 2w), one after another, same token", searches);
            chartSearches.forEach((name, call) -> report("  " + name, time(call)));
        }
    }

    private static Bundle search(IGenericClient fhir, String url) {
        return fhir.search().byUrl(url).returnBundle(Bundle.class).execute();
    }

    private static double[] time(Supplier<?> call) {
        for (int i = 0; i < WARM_UP; i++) {
            call.get();
        }
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            call.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void report(String what, double[] sorted) {
        System.out.printf("  %-62s p50 %6.1f ms   p95 %6.1f ms   (%d rounds)%n", what,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1], sorted.length);
    }
}
