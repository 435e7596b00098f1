package org.phrhub.fhirserver.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Paging of search results.
 *
 * @param defaultPageSize entries per page when the client does not ask ({@code _count})
 * @param maxPageSize     the most entries per page a client may ask for
 */
@ConfigurationProperties("phrhub.fhir")
public record FhirStorageProperties(
        @DefaultValue("20") int defaultPageSize,
        @DefaultValue("200") int maxPageSize) {}
