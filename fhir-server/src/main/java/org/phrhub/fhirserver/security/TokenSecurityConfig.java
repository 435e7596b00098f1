package org.phrhub.fhirserver.security;

import java.util.List;
import java.util.Objects;
import org.phrhub.consent.hapi.AccessContexts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every {@code /fhir} request needs a bearer token from the hub's realm, checked for signature (the
 * realm's published keys), issuer, audience and expiry. Only the capability statement and SMART
 * discovery are public. Failures answer with an OperationOutcome. Browser apps of other origins may call it (CORS).
 */
@Configuration
public class TokenSecurityConfig {

    @Bean
    public SecurityFilterChain fhirSecurity(HttpSecurity http, OperationOutcomeErrorResponses errors,
            TokenProperties properties) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(browserApps(properties)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/fhir/metadata", "/fhir/.well-known/smart-configuration")
                        .permitAll()
                        .requestMatchers(HttpMethod.OPTIONS, "/fhir/metadata")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // Scrapers hold no tokens; counts only, no patient data. A deployment routes /fhir to the
                        // nodes, not /actuator (README, "Metrics").
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> {})
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        return http.build();
    }

    /**
     * Browser apps (SMART App Launch) call the server from pages of their own origin: discovery without a token,
     * everything else with one. Preflight requests are answered before authentication.
     */
    private static CorsConfigurationSource browserApps(TokenProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Accept", "Content-Type", "Prefer", "If-Match",
                "If-None-Exist", AccessContexts.PURPOSE_HEADER));
        cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified"));
        cors.setAllowCredentials(false);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    @Bean
    public JwtDecoder jwtDecoder(TokenProperties properties) {
        // Keys are fetched on first use and refreshed on rotation, so the server starts even before Keycloak.
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(properties.effectiveJwkSetUri().toString()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuerUri().toString()),
                audience(properties.audience()))));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        OAuth2Error missing = new OAuth2Error(
                "invalid_token", "The token is not meant for this server: its audience lacks " + audience, null);
        return jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(missing);
    }
}
