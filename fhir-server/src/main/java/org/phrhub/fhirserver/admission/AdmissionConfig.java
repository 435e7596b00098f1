package org.phrhub.fhirserver.admission;

import org.phrhub.fhirserver.security.OperationOutcomeErrorResponses;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bulk writers' admission, as a servlet filter right after Spring Security's (which verifies the token). */
@Configuration
public class AdmissionConfig {

    @Bean
    public BulkWriterAdmission bulkWriterAdmission(AdmissionProperties properties, OperationOutcomeErrorResponses errors) {
        return new BulkWriterAdmission(properties, errors);
    }

    @Bean
    public FilterRegistrationBean<BulkWriterAdmission> bulkWriterAdmissionFilter(BulkWriterAdmission admission) {
        FilterRegistrationBean<BulkWriterAdmission> registration = new FilterRegistrationBean<>(admission);
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
