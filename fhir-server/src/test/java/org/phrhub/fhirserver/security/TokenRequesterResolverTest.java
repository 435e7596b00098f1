package org.phrhub.fhirserver.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phrhub.consent.requester.Requester;
import org.phrhub.consent.requester.SmartScopes.Permission;
import org.springframework.security.oauth2.jwt.Jwt;

/** Which tokens are an app's, held to their SMART scopes, and which are the hub's own clients', as before. */
class TokenRequesterResolverTest {

    private final TokenRequesterResolver resolver = new TokenRequesterResolver(new TokenProperties(
            URI.create("http://localhost:8180/realms/phr-hub"), "fhir-server", null, Duration.ZERO,
            Set.of("resident-app"), List.of("*")));

    @Test
    void hubClientsTokensAreNotScopeBound() {
        Requester hub = resolver.fromJwt(token("hub-cli", "profile email", "Patient/hanako", null));

        assertThat(hub.isApp()).isFalse();
        assertThat(hub.ownPatientReference()).hasValue("Patient/hanako");
    }

    @Test
    void appClientsTokensCarryTheirScopesEvenWhenTheyGrantNothing() {
        Requester withScopes = resolver.fromJwt(token("resident-app", "openid patient/Observation.rs", "Patient/hanako", "hanako"));
        Requester withoutScopes = resolver.fromJwt(token("resident-app", "openid fhirUser", "Patient/hanako", null));

        assertThat(withScopes.appScopes()).hasValueSatisfying(s -> assertThat(s.permits("Observation", Permission.READ)).isTrue());
        assertThat(withScopes.ownPatientReference()).hasValue("Patient/hanako");
        assertThat(withoutScopes.appScopes()).hasValueSatisfying(s -> assertThat(s.grantsData()).isFalse());
    }

    @Test
    void anyTokenWithPatientScopesIsScopeBound() {
        Requester other = resolver.fromJwt(token("telehealth-bridge", "openid patient/Observation.rs", "Patient/hanako", null));

        assertThat(other.isApp()).isTrue();
    }

    @Test
    void aLaunchPatientOtherThanTheResidentsOwnLeavesTheAppWithoutPatient() {
        Requester mismatch = resolver.fromJwt(token("resident-app", "patient/*.rs launch/patient", "Patient/hanako", "taro"));

        assertThat(mismatch.ownPatientReference()).isEmpty();
    }

    private static Jwt token(String clientId, String scope, String fhirUser, String patient) {
        Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256")
                .subject("s-" + clientId).claim("azp", clientId).claim("scope", scope).claim("fhirUser", fhirUser)
                .claim("realm_access", Map.of("roles", List.of("patient")))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        if (patient != null) {
            jwt.claim("patient", patient);
        }
        return jwt.build();
    }
}
