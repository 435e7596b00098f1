package org.phrhub.fhirserver.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.phrhub.fhirserver.security.TokenProperties;
import org.springframework.stereotype.Component;

/**
 * The realm's real OAuth endpoints, read from its OpenID Connect discovery document, so that what the
 * server advertises is always what Keycloak serves. Cached for a few minutes.
 */
@Component
public class IdentityProviderEndpoints {

    private static final Duration CACHE_FOR = Duration.ofMinutes(5);

    /**
     * The parts of the discovery document the hub passes on to SMART clients.
     *
     * @param scopesSupported the scopes the realm offers (its client scopes, SMART's among them)
     */
    public record Endpoints(
            String issuer,
            String authorizationEndpoint,
            String tokenEndpoint,
            String jwksUri,
            String revocationEndpoint,
            String introspectionEndpoint,
            String userinfoEndpoint,
            List<String> scopesSupported) {

        public Endpoints {
            scopesSupported = List.copyOf(scopesSupported);
        }
    }

    private record Cached(Endpoints endpoints, Instant fetchedAt) {}

    private final URI discoveryUri;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    public IdentityProviderEndpoints(TokenProperties tokens, ObjectMapper json) {
        this.discoveryUri = URI.create(tokens.issuerUri() + "/.well-known/openid-configuration");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /**
     * @throws IdentityProviderUnavailableException when the realm cannot be reached or answers nonsense
     */
    public Endpoints current() {
        Cached cached = cache.get();
        if (cached != null && cached.fetchedAt().plus(CACHE_FOR).isAfter(clock.instant())) {
            return cached.endpoints();
        }
        Endpoints fresh = fetch();
        cache.set(new Cached(fresh, clock.instant()));
        return fresh;
    }

    private Endpoints fetch() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(discoveryUri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IdentityProviderUnavailableException(
                        discoveryUri + " answered HTTP " + response.statusCode());
            }
            JsonNode document = json.readTree(response.body());
            return new Endpoints(
                    required(document, "issuer"),
                    required(document, "authorization_endpoint"),
                    required(document, "token_endpoint"),
                    required(document, "jwks_uri"),
                    document.path("revocation_endpoint").asText(null),
                    document.path("introspection_endpoint").asText(null),
                    document.path("userinfo_endpoint").asText(null),
                    texts(document.path("scopes_supported")));
        } catch (IOException e) {
            throw new IdentityProviderUnavailableException(discoveryUri + " could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdentityProviderUnavailableException("interrupted while reading " + discoveryUri);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private String required(JsonNode document, String field) {
        JsonNode value = document.get(field);
        if (value == null || !value.isTextual()) {
            throw new IdentityProviderUnavailableException(discoveryUri + " lacks " + field);
        }
        return value.asText();
    }

    /** The identity provider is down or misconfigured; discovery cannot be answered truthfully. */
    public static final class IdentityProviderUnavailableException extends RuntimeException {
        IdentityProviderUnavailableException(String detail) {
            super("The identity provider is not reachable (" + detail + "). Check that Keycloak runs and"
                    + " phrhub.security.issuer-uri names its phr-hub realm.");
        }
    }
}
