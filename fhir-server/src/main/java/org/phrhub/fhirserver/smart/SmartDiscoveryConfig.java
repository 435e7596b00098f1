package org.phrhub.fhirserver.smart;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class SmartDiscoveryConfig {

    static final String SMART_CONFIGURATION_PATH = "/fhir/.well-known/smart-configuration";

    /** An exact servlet mapping wins over the FHIR servlet's {@code /fhir/*}. */
    @Bean
    public ServletRegistrationBean<SmartConfigurationServlet> smartConfigurationServlet(
            IdentityProviderEndpoints endpoints, ObjectMapper json, FhirContext fhirContext) {
        ServletRegistrationBean<SmartConfigurationServlet> registration = new ServletRegistrationBean<>(
                new SmartConfigurationServlet(endpoints, json, fhirContext), SMART_CONFIGURATION_PATH);
        registration.setName("smart-configuration");
        return registration;
    }
}
