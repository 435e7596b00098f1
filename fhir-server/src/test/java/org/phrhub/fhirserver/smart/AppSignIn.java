package org.phrhub.fhirserver.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.phrhub.testsupport.keycloak.HubTokens;
import org.phrhub.testsupport.keycloak.TestKeycloak;

/**
 * Signs a demo resident in to the {@code resident-app} client the way an app does it, over plain HTTP:
 * authorization code with PKCE (S256) through Keycloak's own login page, approving the scopes on its consent
 * page when it asks, then the code exchanged for tokens. Used where a browser would add nothing but time.
 */
final class AppSignIn {

    static final String CLIENT_ID = "resident-app";
    /** One of the client's registered redirect URIs; nothing needs to answer there, the code is read off the redirect. */
    static final String REDIRECT_URI = "http://localhost:8090/app.html";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CONSENT_FORM = Pattern.compile("<form[^>]*action=\"([^\"]*/login-actions/consent[^\"]*)\"");
    private static final Pattern CONSENT_CODE = Pattern.compile("<input[^>]*name=\"code\"[^>]*value=\"([^\"]+)\"");

    /** The token response, as an app receives it. */
    record AppTokens(JsonNode response) {

        String accessToken() {
            return response.get("access_token").asText();
        }

        String scope() {
            return response.path("scope").asText();
        }

        /** The access token's claims, decoded (the server verified the signature; the tests only read them). */
        JsonNode accessTokenClaims() {
            return claimsOf(accessToken());
        }

        JsonNode idTokenClaims() {
            return claimsOf(response.get("id_token").asText());
        }
    }

    private AppSignIn() {}

    /** The resident signs in and allows exactly these scopes (space separated). */
    static AppTokens signIn(String username, String scope) {
        return new Flow().run(username, scope);
    }

    /**
     * Where Keycloak sends the browser back when the authorization request itself is refused, e.g. without a
     * PKCE challenge: the redirect's query carries {@code error}.
     */
    static Map<String, String> refusedAuthorization(String query) {
        Flow flow = new Flow();
        HttpResponse<String> response = flow.send(HttpRequest.newBuilder(
                URI.create(TestKeycloak.instance().issuer() + "/protocol/openid-connect/auth?" + query)).GET());
        return response.headers().firstValue("Location").map(AppSignIn::queryOf).orElse(Map.of());
    }

    static String authorizationQuery(String scope, String challenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT_ID);
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", scope);
        query.put("state", "s" + new SecureRandom().nextInt(1_000_000));
        if (challenge != null) {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", "S256");
        }
        return form(query);
    }

    private static final class Flow {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        AppTokens run(String username, String scope) {
            String verifier = randomVerifier();
            String issuer = TestKeycloak.instance().issuer();
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(
                    issuer + "/protocol/openid-connect/auth?" + authorizationQuery(scope, challengeOf(verifier)))).GET());
            String action = login.uri().resolve(find(LOGIN_FORM, login.body(), "Keycloak's login form")).toString();
            HttpResponse<String> afterLogin = withinKeycloak(post(action, Map.of(
                    "username", username, "password", HubTokens.DEMO_PASSWORD, "credentialId", "")));
            String redirect = afterLogin.headers().firstValue("Location").orElse(null);
            if (redirect == null) {
                // Keycloak asks the resident to allow the scopes the app asked for (client consent).
                String consentAction = afterLogin.uri()
                        .resolve(find(CONSENT_FORM, afterLogin.body(), "Keycloak's consent form")).toString();
                HttpResponse<String> afterConsent = withinKeycloak(post(consentAction, Map.of(
                        "code", find(CONSENT_CODE, afterLogin.body(), "the consent form's code"), "accept", "Yes")));
                redirect = afterConsent.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                        "Keycloak did not send the app back after consent: HTTP " + afterConsent.statusCode()));
            }
            Map<String, String> answer = queryOf(redirect);
            String code = Optional.ofNullable(answer.get("code")).orElseThrow(() -> new AssertionError(
                    "No authorization code in the redirect " + answer));
            HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                            "grant_type", "authorization_code",
                            "code", code,
                            "redirect_uri", REDIRECT_URI,
                            "client_id", CLIENT_ID,
                            "code_verifier", verifier)))));
            if (token.statusCode() != 200) {
                throw new AssertionError("Token exchange refused: HTTP " + token.statusCode() + " " + token.body());
            }
            try {
                return new AppTokens(JSON.readTree(token.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Follows Keycloak's redirects to its own pages; stops at a page, or at the redirect back to the app. */
        private HttpResponse<String> withinKeycloak(HttpResponse<String> response) {
            HttpResponse<String> current = response;
            for (int hops = 0; hops < 10; hops++) {
                String location = current.headers().firstValue("Location").orElse(null);
                if (location == null || location.startsWith(REDIRECT_URI)) {
                    return current;
                }
                current = send(HttpRequest.newBuilder(current.uri().resolve(location)).GET());
            }
            throw new AssertionError("Keycloak redirected more than ten times");
        }

        private HttpResponse<String> post(String url, Map<String, String> fields) {
            return send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Keeps Keycloak's session cookies as a browser does on {@code http://localhost}, a secure context for
     * browsers: Java's cookie store would otherwise never send a {@code Secure} cookie over plain HTTP.
     */
    private static final class LoopbackCookies extends CookieHandler {

        private static final Pattern SECURE = Pattern.compile(";\\s*Secure(?=;|$)", Pattern.CASE_INSENSITIVE);

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return cookies.get(uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            Map<String, List<String>> plain = new LinkedHashMap<>();
            responseHeaders.forEach((name, values) -> plain.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(value -> SECURE.matcher(value).replaceAll("")).toList()
                    : values));
            cookies.put(uri, plain);
        }
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomVerifier() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String find(Pattern pattern, String html, String what) {
        Matcher matcher = pattern.matcher(html);
        if (!matcher.find()) {
            String text = html.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", " ")
                    .replaceAll("\\s+", " ").strip();
            throw new AssertionError("Could not find " + what + " in the page Keycloak served: "
                    + text.substring(0, Math.min(400, text.length())));
        }
        return unescape(matcher.group(1));
    }

    /** An HTML attribute's value as the browser reads it: character references resolved. */
    private static String unescape(String attribute) {
        Matcher reference = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|quot|lt|gt|apos);").matcher(attribute);
        StringBuilder plain = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            String character = switch (name) {
                case "amp" -> "&";
                case "quot" -> "\"";
                case "lt" -> "<";
                case "gt" -> ">";
                case "apos" -> "'";
                default -> Character.toString(name.startsWith("#x")
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1)));
            };
            reference.appendReplacement(plain, Matcher.quoteReplacement(character));
        }
        return reference.appendTail(plain).toString();
    }

    private static Map<String, String> queryOf(String url) {
        String query = URI.create(url).getRawQuery();
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static JsonNode claimsOf(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
