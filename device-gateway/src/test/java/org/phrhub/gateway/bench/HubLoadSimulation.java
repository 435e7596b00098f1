package org.phrhub.gateway.bench;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.Queue;
import java.util.function.Supplier;
import org.phrhub.vocabulary.Hl7Terminology;
import org.phrhub.vocabulary.Loinc;
import org.phrhub.vocabulary.Mdc;

/**
 * The load benchmark's traffic, every kind in a closed loop for the plan's duration (each virtual user sends its
 * next request when the last is answered; only clinicians pause):
 *
 * <ul>
 *   <li>clinicians open a consenting resident's chart as the telehealth bridge does (home readings of 30 days,
 *       active conditions and prescriptions, recent lab results), then search the resident's Observations with an
 *       exact total, and read for the plan's pause before the next;
 *   <li>gateways upload their readings, one transaction of the plan's batches after another, as the gateway does;
 *   <li>one importer sends SS-MIX2 storage, one resident's at a time, and one FHIR bundles.
 * </ul>
 *
 * A user's loop ends after the answer in flight when the duration is over, so every request sent is answered and
 * counted. Started by {@link HubLoadBenchmark} with its {@link LoadPlan}.
 */
public class HubLoadSimulation extends Simulation {

    private static final String AUTHORIZATION = "Authorization";

    {
        LoadPlan plan = LoadPlan.current();
        HttpProtocolBuilder protocol = http.baseUrls(plan.nodes())
                .acceptHeader("application/fhir+json")
                .contentTypeHeader("application/fhir+json")
                .disableCaching() // every request asks the hub, as a browser's would after a sign-in
                .warmUp(plan.nodes().get(0) + "/metadata");

        ChainBuilder chart = exec(session -> session.set("patient", plan.anyPatient()))
                .exec(http("chart: home readings, 30 days").get("/Observation")
                        .queryParam("subject", "#{patient}")
                        .queryParam("code", Loinc.SYSTEM + "|" + Loinc.BLOOD_PRESSURE_PANEL + "," + Loinc.SYSTEM + "|"
                                + Loinc.HEART_RATE + "," + Mdc.SYSTEM + "|" + Mdc.MEASUREMENT_STATUS)
                        .queryParam("date", "ge" + plan.chartFrom())
                        .queryParam("_sort", "date")
                        .queryParam("_count", "200")
                        .header(AUTHORIZATION, "Bearer #{token}")
                        .check(status().is(200), jsonPath("$.resourceType").is("Bundle")))
                .exec(http("chart: active conditions").get("/Condition")
                        .queryParam("subject", "#{patient}").queryParam("clinical-status", "active").queryParam("_count", "200")
                        .header(AUTHORIZATION, "Bearer #{token}")
                        .check(status().is(200), jsonPath("$.resourceType").is("Bundle")))
                .exec(http("chart: active prescriptions").get("/MedicationRequest")
                        .queryParam("subject", "#{patient}").queryParam("status", "active").queryParam("_count", "200")
                        .header(AUTHORIZATION, "Bearer #{token}")
                        .check(status().is(200), jsonPath("$.resourceType").is("Bundle")))
                .exec(http("chart: recent lab results").get("/Observation")
                        .queryParam("subject", "#{patient}")
                        .queryParam("category", Hl7Terminology.OBSERVATION_CATEGORY + "|" + Hl7Terminology.LABORATORY)
                        .queryParam("_sort", "-date").queryParam("_count", "20")
                        .header(AUTHORIZATION, "Bearer #{token}")
                        .check(status().is(200), jsonPath("$.resourceType").is("Bundle")))
                .exec(http("search: observations, first page with total").get("/Observation")
                        .queryParam("patient", "#{patient}").queryParam("_count", "50").queryParam("_total", "accurate")
                        .header(AUTHORIZATION, "Bearer #{token}")
                        .check(status().is(200), jsonPath("$.total").exists()));
        ScenarioBuilder clinicians = scenario("clinicians")
                .exec(session -> session.set("token", plan.clinicianToken(session.userId())))
                .during(plan.duration(), false).on(chart.pause(plan.clinicianPause()));

        ScenarioBuilder gateways = scenario("gateways")
                .exec(session -> session.set("gateway", plan.outcome().claimGateway()))
                .during(plan.duration(), false).on(
                        exec(session -> withNext(session, "batch", plan.nextBatch(session.getInt("gateway"))))
                                .exitHereIf(session -> !session.contains("batch")) // nothing prepared is left for this user
                                .exec(
                                        exec(http("gateway: upload " + plan.readingsPerBatch() + " readings").post("")
                                                .header(AUTHORIZATION, "Bearer " + plan.gatewayToken())
                                                .header("Prefer", "return=minimal")
                                                .body(StringBody(session -> session.getString("batch")))
                                                .check(status().is(200).saveAs("acknowledged")))
                                        .exec(session -> {
                                            if (session.contains("acknowledged")) {
                                                plan.outcome().batchesAcknowledged.incrementAndGet(session.getInt("gateway"));
                                            }
                                            return session.remove("acknowledged");
                                        })));

        ScenarioBuilder ssmix2 = importer(plan, "SS-MIX2 importer", "import: SS-MIX2, one resident", "$import-ssmix2",
                plan.ssmix2Institution(), "application/zip", plan::nextSsmix2Unit, plan.outcome().ssmix2Reports);
        ScenarioBuilder bundles = importer(plan, "bundle importer", "import: FHIR bundle, one resident", "$import-bundle",
                plan.bundleInstitution(), "application/fhir+json", plan::nextBundleUnit, plan.outcome().bundleReports);

        setUp(clinicians.injectOpen(atOnceUsers(plan.clinicians())),
                gateways.injectOpen(atOnceUsers(plan.gatewayBatches().size())),
                ssmix2.injectOpen(atOnceUsers(1)),
                bundles.injectOpen(atOnceUsers(1)))
                .protocols(protocol);
    }

    /** One importer: the plan's units one after another to the operation, keeping each report the hub answers. */
    private static ScenarioBuilder importer(LoadPlan plan, String name, String request, String operation, String institution,
            String contentType, Supplier<byte[]> next, Queue<String> reports) {
        return scenario(name).during(plan.duration(), false).on(
                exec(session -> withNext(session, "unit", next.get()))
                        .exitHereIf(session -> !session.contains("unit")) // nothing prepared is left for this user
                        .exec(http(request).post("/" + operation)
                                .queryParam("institution", institution)
                                .header(AUTHORIZATION, "Bearer " + plan.importerToken())
                                .header("Content-Type", contentType)
                                .body(ByteArrayBody(session -> (byte[]) session.get("unit")))
                                .check(status().is(200), bodyString().saveAs("report")))
                        .exec(session -> keepReport(session, reports)));
    }

    private static Session withNext(Session session, String key, Object next) {
        return next == null ? session.remove(key) : session.set(key, next);
    }

    private static Session keepReport(Session session, Queue<String> reports) {
        if (session.contains("report")) {
            reports.add(session.getString("report"));
        }
        return session.remove("report");
    }
}
