package org.phrhub.fhirserver.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.phrhub.consent.hapi.RequesterResolver;
import org.phrhub.consent.requester.FhirUser;
import org.phrhub.consent.requester.HubRole;
import org.phrhub.consent.requester.Requester;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/** Turns the verified Keycloak token of the current request into the consent layer's {@link Requester}. */
@Component
public class TokenRequesterResolver implements RequesterResolver {

    private static final String CACHE_KEY = TokenRequesterResolver.class.getName();

    @Override
    public Optional<Requester> resolve(RequestDetails request) {
        // The consent layer asks once per resource; read the token once per request.
        Object cached = request.getUserData().get(CACHE_KEY);
        if (cached instanceof Requester requester) {
            return Optional.of(requester);
        }
        Optional<Requester> requester = fromSecurityContext();
        requester.ifPresent(r -> request.getUserData().put(CACHE_KEY, r));
        return requester;
    }

    private static Optional<Requester> fromSecurityContext() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        return Optional.of(fromJwt(token.getToken()));
    }

    static Requester fromJwt(Jwt jwt) {
        return new Requester(
                jwt.getSubject(),
                jwt.getClaimAsString("azp"),
                fhirUser(jwt.getClaimAsString("fhirUser")),
                roles(jwt.getClaimAsMap("realm_access")));
    }

    private static Optional<FhirUser> fhirUser(String claim) {
        if (claim == null || claim.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FhirUser.parse(claim));
        } catch (IllegalArgumentException malformed) {
            // A malformed claim grants nothing: the requester is then nobody's patient.
            return Optional.empty();
        }
    }

    private static Set<HubRole> roles(Map<String, Object> realmAccess) {
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        if (realmAccess != null && realmAccess.get("roles") instanceof Collection<?> names) {
            names.forEach(name -> HubRole.fromClaim(String.valueOf(name)).ifPresent(roles::add));
        }
        return roles;
    }
}
