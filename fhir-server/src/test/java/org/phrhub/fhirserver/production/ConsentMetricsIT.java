package org.phrhub.fhirserver.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.testsupport.fhirserver.FhirServerProcess;
import org.phrhub.testsupport.keycloak.TestKeycloak;

/** A node's Prometheus endpoint counts consent decisions as its audit trail records them, without patient data. */
class ConsentMetricsIT {

    private static final Duration AUDIT_WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachPermittedAndDeniedReadCountsOnceOnTheNodeThatDecidedIt() throws Exception {
        FhirServerProcess node = ProductionServers.twoNodesOnOneDatabase().second();
        FhirHttp fhir = new FhirHttp(node.fhirBaseUrl());
        Counts before = counts(node);

        assertThat(fhir.get("Observation/hanako-bp-morning", token("dr.suzuki")).status()).as("her online clinician")
                .isEqualTo(200);
        assertThat(fhir.get("Observation/hanako-bp-morning", token("dr.sato")).status()).as("no consent names him")
                .isEqualTo(404);

        Counts after = awaitCounts(node, before.permits() + 1, before.denials() + 1);
        assertThat(after).isEqualTo(new Counts(before.permits() + 1, before.denials() + 1));
        String metrics = scrape(node);
        assertThat(metrics).as("counts only, no patient data").doesNotContain("hanako");
        assertThat(metrics).as("usage per client, for the city's charges").contains("phrhub_api_calls_total{client=\"hub-cli\"}");
        assertThat(metrics).as("Spring Boot's own meters beside ours")
                .contains("jvm_memory_used_bytes", "http_server_requests_seconds_count", "hikaricp_connections");
    }

    private record Counts(double permits, double denials) {}

    /** The audit trail is written in the background; its counts follow within moments. */
    private Counts awaitCounts(FhirServerProcess node, double permits, double denials) throws Exception {
        long deadline = System.nanoTime() + AUDIT_WAIT.toNanos();
        Counts counts = counts(node);
        while ((counts.permits() < permits || counts.denials() < denials) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            counts = counts(node);
        }
        return counts;
    }

    private Counts counts(FhirServerProcess node) throws IOException, InterruptedException {
        String metrics = scrape(node);
        return new Counts(count(metrics, "permit"), count(metrics, "deny"));
    }

    private String scrape(FhirServerProcess node) throws IOException, InterruptedException {
        URI endpoint = URI.create(node.fhirBaseUrl().replaceFirst("/fhir$", "/actuator/prometheus"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("scraped without a token").isEqualTo(200);
        return response.body();
    }

    private static double count(String metrics, String outcome) {
        Matcher line = Pattern.compile("(?m)^phrhub_consent_decisions_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} (\\S+)$")
                .matcher(metrics);
        assertThat(line.find()).as("phrhub_consent_decisions_total{outcome=\"%s\"} in:%n%s", outcome, metrics).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static String token(String username) {
        return TestKeycloak.instance().tokens().userToken(username);
    }
}
