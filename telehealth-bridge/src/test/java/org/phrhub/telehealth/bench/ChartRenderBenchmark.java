package org.phrhub.telehealth.bench;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.phrhub.telehealth.BridgeFixture;
import org.phrhub.telehealth.Browsers;
import org.phrhub.telehealth.HubRecords;
import org.phrhub.vocabulary.HubVisitCodes;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Mdc;

/**
 * Not a test: how long the server takes to render the doctor's chart for a patient with two years of
 * twice-daily home readings and a hospital history, on PostgreSQL, side by side with the raw FHIR searches
 * the chart makes. Run it alone (see README, "For doctors and pharmacists"); it prints p50/p95 of both.
 */
class ChartRenderBenchmark {

    static final int WARM_UP = 10;
    static final int ROUNDS = 60;

    @Test
    void chartRenderAgainstItsFhirSearches() {
        BridgeFixture hub = BridgeFixture.hub();
        HubRecords records = new HubRecords(hub);
        LocalDate today = LocalDate.now(HubRecords.TOKYO);
        List<HubRecords.Reading> twoYears = HubRecords.twiceDaily(today, 730, 138, 126);
        for (int from = 0; from < twoYears.size(); from += 200) {
            records.storeReadings("hanako", "Patient/hanako", twoYears.subList(from, Math.min(from + 200, twoYears.size())));
        }
        String visit = records.bookVisit("hanako", "Patient/hanako", "山田 花子", "Practitioner/dr-suzuki", "鈴木 一郎",
                ZonedDateTime.now(HubRecords.TOKYO).plusHours(1), HubVisitCodes.ONLINE_DIAGNOSIS, "benchmark");
        IGenericClient doctor = records.as("dr.suzuki");
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
            double[] searches = time(() -> {
                doctor.operation().onInstance("Patient/hanako").named("$access-explain").withNoParameters(Parameters.class).useHttpGet().execute();
                doctor.read().resource(Patient.class).withId("hanako").execute();
                doctor.search().byUrl("Observation?subject=Patient/hanako&code=" + Loinc.SYSTEM + "|" + Loinc.BLOOD_PRESSURE_PANEL
                        + "," + Loinc.SYSTEM + "|" + Loinc.HEART_RATE + "&date=ge" + since + "&_count=200").returnBundle(Bundle.class).execute();
                doctor.search().byUrl("Observation?subject=Patient/hanako&code=" + Mdc.SYSTEM + "|" + Mdc.MEASUREMENT_STATUS
                        + "&date=ge" + since + "&_count=200").returnBundle(Bundle.class).execute();
                doctor.search().byUrl("Condition?subject=Patient/hanako&clinical-status=active&_revinclude=Provenance:target&_count=200").returnBundle(Bundle.class).execute();
                doctor.search().byUrl("MedicationRequest?subject=Patient/hanako&status=active&_revinclude=Provenance:target&_count=200").returnBundle(Bundle.class).execute();
                doctor.search().byUrl("Observation?subject=Patient/hanako&category=laboratory&_sort=-date&_count=30&_revinclude=Provenance:target").returnBundle(Bundle.class).execute();
                return doctor.search().byUrl("AllergyIntolerance?patient=Patient/hanako&_revinclude=Provenance:target&_count=200").returnBundle(Bundle.class).execute();
            });
            report("the same FHIR searches, one after another (span 2w)", searches);
        }
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
