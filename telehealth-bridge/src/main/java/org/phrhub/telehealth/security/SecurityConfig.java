package org.phrhub.telehealth.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Sign-in through Keycloak: authorization code with PKCE as a confidential client. Tokens stay in the
 * server-side session; the browser holds only the session cookie. Sign-out also ends the Keycloak session.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    /** The client registration of {@code spring.security.oauth2.client.registration.*}. */
    static final String REGISTRATION = "keycloak";

    @Bean
    SecurityFilterChain bridgeSecurity(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce =
                new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        // Spring adds PKCE only for public clients; the bridge is confidential and uses it as well.
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        OidcClientInitiatedLogoutSuccessHandler endKeycloakSession = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        endKeycloakSession.setPostLogoutRedirectUri("{baseUrl}/signed-out");

        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webjars/**", "/css/**", "/js/**", "/signed-out", "/error",
                                "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new HubUserService())))
                .logout(logout -> logout.logoutSuccessHandler(endKeycloakSession))
                // Scripts that save drafts or signal video get a 401 they can act on, not a redirect to Keycloak.
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                        new OrRequestMatcher(new RequestHeaderRequestMatcher("HX-Request"),
                                new AntPathRequestMatcher("/api/**"), new AntPathRequestMatcher("/signal/**"))));
        return http.build();
    }

    /** Hands out the signed-in person's access token, refreshing it with the refresh token when it has expired. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorizedClients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }
}
