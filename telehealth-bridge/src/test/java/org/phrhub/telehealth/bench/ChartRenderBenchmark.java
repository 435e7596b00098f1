package org.phrhub.telehealth.bench;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

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
            // The page is timed as a plain HTTP client sees it (the signed-in session's cookie), and side by side
            // through the browser automation's request relay, which adds its own process hop to every request.
            String cookie = person.cookies(hub.bridgeUrl()).stream().map(c -> c.name + "=" + c.value)
                    .collect(Collectors.joining("; "));
            for (String span : List.of("2w", "3m", "1y")) {
                URI chart = URI.create(hub.bridgeUrl() + "/visits/" + visit + "?span=" + span);
                double[][] render = timeSideBySide(() -> plainGet(chart, cookie), () -> {
                    APIResponse response = person.request().get(chart.toString());
                    if (response.status() != 200) {
                        throw new IllegalStateException("chart answered " + response.status());
                    }
                    return response;
                });
                report("chart page render, span " + span + " (bridge, all its searches)", render[0]);
                report("  the same through the browser automation's request relay", render[1]);
            }
            IGenericClient doctor = records.as("dr.suzuki"); // a fresh token: seeding took longer than one lives
            Map<String, Supplier<?>> chartSearches = new LinkedHashMap<>();
            chartSearches.put("$access-explain", () -> doctor.operation().onInstance("Patient/hanako").named("$access-explain")
                    .withNoParameters(Parameters.class).useHttpGet().execute());
            chartSearches.put("Patient read", () -> doctor.read().resource(Patient.class).withId("hanako").execute());
            chartSearches.put("home readings, 2 weeks (3 codes)", () -> search(doctor, homeReadingsSince(since)));
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
            // The year's readings as one search whose pages follow one another, which the chart reads instead in
            // windows of days side by side.
            String yearAgo = today.minusYears(1).plusDays(1).toString();
            report("home readings, 1 year, one search's pages one after another", time(() -> {
                Bundle pageOfYear = search(doctor, homeReadingsSince(yearAgo));
                int entries = pageOfYear.getEntry().size();
                while (pageOfYear.getLink(Bundle.LINK_NEXT) != null) {
                    pageOfYear = doctor.loadPage().next(pageOfYear).execute();
                    entries += pageOfYear.getEntry().size();
                }
                return entries;
            }));
        }
    }

    /** The chart's search for hanako's readings, pulse and status from {@code day} on, as one search. */
    private static String homeReadingsSince(String day) {
        return "Observation?subject=Patient/hanako&code=" + Loinc.SYSTEM + "|" + Loinc.BLOOD_PRESSURE_PANEL + ","
                + Loinc.SYSTEM + "|" + Loinc.HEART_RATE + "," + Mdc.SYSTEM + "|" + Mdc.MEASUREMENT_STATUS
                + "&date=ge" + day + "&_sort=date,_id&_offset=0&_count=200";
    }

    private static Bundle search(IGenericClient fhir, String url) {
        return fhir.search().byUrl(url).returnBundle(Bundle.class).execute();
    }

    private static String plainGet(URI page, String cookie) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(page).header("Cookie", cookie).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("bp-chart")) {
                throw new IllegalStateException("chart answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Both calls, warmed up, then measured in alternating rounds so that both see the same machine. */
    private static double[][] timeSideBySide(Supplier<?> first, Supplier<?> second) {
        for (int i = 0; i < WARM_UP; i++) {
            first.get();
            second.get();
        }
        double[][] millis = new double[2][ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            millis[0][i] = timed(first);
            millis[1][i] = timed(second);
        }
        Arrays.sort(millis[0]);
        Arrays.sort(millis[1]);
        return millis;
    }

    private static double timed(Supplier<?> call) {
        long start = System.nanoTime();
        call.get();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double[] time(Supplier<?> call) {
        for (int i = 0; i < WARM_UP; i++) {
            call.get();
        }
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            millis[i] = timed(call);
        }
        Arrays.sort(millis);
        return millis;
    }

    private static void report(String what, double[] sorted) {
        System.out.printf("  %-62s p50 %6.1f ms   p95 %6.1f ms   (%d rounds)%n", what,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.95) - 1], sorted.length);
    }
}
