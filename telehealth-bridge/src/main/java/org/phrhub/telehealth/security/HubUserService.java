package org.phrhub.telehealth.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in person as Keycloak describes them, with the realm roles of their access token as
 * authorities. The access token came straight from Keycloak's token endpoint over the back channel, so its
 * claims are read without checking its signature again; the FHIR server checks it on every call.
 */
public final class HubUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = delegate.loadUser(request);
        Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
        realmRoles(request.getAccessToken().getTokenValue()).stream()
                .map(HubRole::ofRealmRole).flatMap(Optional::stream)
                .forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        if (user.getClaimAsString(SignedInUser.FHIR_USER_CLAIM) == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error("no_fhir_user",
                    "This account is not linked to a patient or practitioner record (no fhirUser); ask the hub's administrator.", null));
        }
        return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
    }

    private static Collection<String> realmRoles(String accessToken) {
        try {
            JWTClaimsSet claims = JWTParser.parse(accessToken).getJWTClaimsSet();
            Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
            if (realmAccess == null || !(realmAccess.get("roles") instanceof List<?> roles)) {
                return List.of();
            }
            return roles.stream().map(String::valueOf).toList();
        } catch (ParseException e) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
                    "Keycloak's access token could not be read: " + e.getMessage(), null), e);
        }
    }
}
