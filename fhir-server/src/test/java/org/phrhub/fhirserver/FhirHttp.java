package org.phrhub.fhirserver;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Plain HTTP against the FHIR endpoint, so tests see exactly what a client sees: status, headers, body. */
public final class FhirHttp {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String FHIR_JSON = "application/fhir+json";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public FhirHttp(String base) {
        this.base = base;
    }

    public String base() {
        return base;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    /** A GET stating a purpose of use, as clinicians and the city broker may. */
    public Response get(String path, String token, String purposeOfUse) {
        return send(request(path, token).header("X-Purpose-Of-Use", purposeOfUse).GET().build());
    }

    /** A GET with one more header, e.g. the {@code Origin} a browser sends from another site's page. */
    public Response get(String path, String token, String header, String value) {
        return send(request(path, token).header(header, value).GET().build());
    }

    /** Follows a paging link the server gave, which is absolute. */
    public Response follow(String url, String token) {
        return send(request("", token).uri(URI.create(url)).GET().build());
    }

    public Response post(String path, String token, IBaseResource resource) {
        return send(request(path, token)
                .header("Content-Type", FHIR_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(encode(resource)))
                .build());
    }

    /** A body that is not FHIR, e.g. a zipped SS-MIX2 storage tree; {@code headers} are name, value, name, value... */
    public Response post(String path, String token, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = request(path, token).header("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Response put(String path, String token, IBaseResource resource) {
        return send(request(path, token)
                .header("Content-Type", FHIR_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(encode(resource)))
                .build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", FHIR_JSON);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(IBaseResource resource) {
        return FHIR.newJsonParser().encodeResourceToString(resource);
    }

    public record Response(int status, String body, HttpResponse<String> raw) {

        public <T extends IBaseResource> T resource(Class<T> type) {
            return FHIR.newJsonParser().parseResource(type, body);
        }

        public Bundle bundle() {
            return resource(Bundle.class);
        }

        public OperationOutcome outcome() {
            return resource(OperationOutcome.class);
        }

        /** The diagnostics of the first issue of an OperationOutcome body. */
        public String diagnostics() {
            return outcome().getIssueFirstRep().getDiagnostics();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }
}
