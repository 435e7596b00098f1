package org.phrhub.fhirserver.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.phrhub.testsupport.keycloak.TestKeycloak;

/** Tokens of the demo users and clients, reused for a minute so a large matrix does not sign in per request. */
final class Tokens {

    private static final Duration REUSE = Duration.ofSeconds(60);
    private static final Map<String, Issued> ISSUED = new ConcurrentHashMap<>();

    private record Issued(String token, Instant at) {}

    private Tokens() {}

    static String user(String username) {
        return cached("user:" + username, () -> TestKeycloak.instance().tokens().userToken(username));
    }

    static String client(String clientId) {
        return cached("client:" + clientId, () -> TestKeycloak.instance().tokens().clientToken(clientId));
    }

    private static String cached(String key, java.util.function.Supplier<String> issue) {
        Issued issued = ISSUED.get(key);
        if (issued == null || issued.at().plus(REUSE).isBefore(Instant.now())) {
            issued = new Issued(issue.get(), Instant.now());
            ISSUED.put(key, issued);
        }
        return issued.token();
    }
}
