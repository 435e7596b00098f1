package org.phrhub.telehealth.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The signed-in person's own access token for calls to the FHIR server, refreshed when it has expired.
 * When Keycloak no longer refreshes it (the session ended there), the person is asked to sign in again.
 */
@Component
public class UserAccessTokens {

    private final OAuth2AuthorizedClientManager clients;

    UserAccessTokens(OAuth2AuthorizedClientManager clients) {
        this.clients = clients;
    }

    /** Must be called while serving the person's request. */
    public String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || authentication == null) {
            throw new IllegalStateException("A user's token is only available while serving that user's request");
        }
        OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(SecurityConfig.REGISTRATION)
                .principal(authentication)
                .attribute(HttpServletRequest.class.getName(), attributes.getRequest())
                .attribute(HttpServletResponse.class.getName(), attributes.getResponse())
                .build();
        OAuth2AuthorizedClient client;
        try {
            client = clients.authorize(request);
        } catch (OAuth2AuthorizationException e) {
            // Spring's redirect filter turns this into a new sign-in through Keycloak.
            throw new ClientAuthorizationRequiredException(SecurityConfig.REGISTRATION);
        }
        if (client == null) {
            throw new ClientAuthorizationRequiredException(SecurityConfig.REGISTRATION);
        }
        return client.getAccessToken().getTokenValue();
    }
}
