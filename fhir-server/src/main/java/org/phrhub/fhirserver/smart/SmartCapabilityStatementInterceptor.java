package org.phrhub.fhirserver.smart;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Declares in the capability statement that the server is protected by SMART on FHIR, and where the
 * realm's authorize and token endpoints are (the {@code oauth-uris} extension).
 */
@Component
@Interceptor
public class SmartCapabilityStatementInterceptor {

    private static final Logger log = LoggerFactory.getLogger(SmartCapabilityStatementInterceptor.class);
    private static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    private static final String RESTFUL_SECURITY_SERVICE =
            "http://terminology.hl7.org/CodeSystem/restful-security-service";

    private final IdentityProviderEndpoints endpoints;

    public SmartCapabilityStatementInterceptor(IdentityProviderEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void declareSmartSecurity(IBaseConformance generated) {
        if (!(generated instanceof CapabilityStatement statement)) {
            return;
        }
        for (CapabilityStatement.CapabilityStatementRestComponent rest : statement.getRest()) {
            CapabilityStatement.CapabilityStatementRestSecurityComponent security = rest.getSecurity();
            security.setCors(true);
            security.getService().clear();
            security.addService(new CodeableConcept()
                    .addCoding(new org.hl7.fhir.r4.model.Coding(RESTFUL_SECURITY_SERVICE, "SMART-on-FHIR", "SMART-on-FHIR")));
            security.setDescription("Bearer tokens from the PHR Hub Keycloak realm; see .well-known/smart-configuration.");
            security.getExtension().removeIf(e -> OAUTH_URIS.equals(e.getUrl()));
            try {
                IdentityProviderEndpoints.Endpoints idp = endpoints.current();
                Extension oauthUris = new Extension(OAUTH_URIS);
                oauthUris.addExtension("authorize", new UriType(idp.authorizationEndpoint()));
                oauthUris.addExtension("token", new UriType(idp.tokenEndpoint()));
                if (idp.revocationEndpoint() != null) {
                    oauthUris.addExtension("revoke", new UriType(idp.revocationEndpoint()));
                }
                security.addExtension(oauthUris);
            } catch (IdentityProviderEndpoints.IdentityProviderUnavailableException e) {
                log.warn("Capability statement served without OAuth endpoints: {}", e.getMessage());
            }
        }
    }
}
