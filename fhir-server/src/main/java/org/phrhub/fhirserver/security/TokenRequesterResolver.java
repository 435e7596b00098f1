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
import org.phrhub.consent.requester.SmartScopes;
import org.phrhub.vocabulary.SmartAppLaunch;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns the verified Keycloak token of the current request into the consent layer's {@link Requester}. A token
 * issued to an app client, or one that carries SMART {@code patient/} scopes from any client, brings its granted
 * scopes along, and the consent layer holds the request to them.
 */
@Component
public class TokenRequesterResolver implements RequesterResolver {

    private static final String CACHE_KEY = TokenRequesterResolver.class.getName();

    private final Set<String> appClients;

    public TokenRequesterResolver(TokenProperties properties) {
        this.appClients = properties.appClients();
    }

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

    private Optional<Requester> fromSecurityContext() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        return Optional.of(fromJwt(token.getToken()));
    }

    Requester fromJwt(Jwt jwt) {
        String clientId = jwt.getClaimAsString("azp");
        Optional<FhirUser> fhirUser = fhirUser(jwt.getClaimAsString(SmartAppLaunch.FHIR_USER_CLAIM));
        SmartScopes scopes = SmartScopes.parse(jwt.getClaimAsString(SmartAppLaunch.SCOPE_CLAIM));
        // A data scope binds the token whichever client it came from: a scope never widens what a token may do.
        boolean app = appClients.contains(clientId) || scopes.grantsData();
        if (app && !agreesWithLaunchContext(fhirUser, jwt.getClaimAsString(SmartAppLaunch.PATIENT_CLAIM))) {
            // Two different patients named in one token: the app gets no patient in context, hence no data.
            fhirUser = Optional.empty();
        }
        return new Requester(jwt.getSubject(), clientId, fhirUser, rolesOf(jwt),
                app ? Optional.of(scopes) : Optional.empty());
    }

    /** The SMART {@code patient} claim, when present, must name the very Patient the token's fhirUser is. */
    private static boolean agreesWithLaunchContext(Optional<FhirUser> fhirUser, String patientClaim) {
        return patientClaim == null
                || fhirUser.filter(FhirUser::isPatient).map(FhirUser::id).filter(patientClaim::equals).isPresent();
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

    /** The hub's roles among the token's realm roles. */
    public static Set<HubRole> rolesOf(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        if (realmAccess != null && realmAccess.get("roles") instanceof Collection<?> names) {
            names.forEach(name -> HubRole.fromClaim(String.valueOf(name)).ifPresent(roles::add));
        }
        return roles;
    }
}
