package org.phrhub.fhirserver.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Built-in search parameters nobody searches the hub by, retired so that HAPI stops indexing them on every
 * write. A home blood pressure has three components, each coded twice: R4's component, combination and
 * composite parameters of Observation indexed each component again under each of them, rows nobody reads,
 * and extracting them was the larger part of what storing a reading cost. Retired means stored as the same parameter with status {@code retired},
 * which HAPI's registry honours because the server lets stored parameters override built-in ones; a search
 * naming one is refused as unknown (400), and the CapabilityStatement no longer lists it. Stored under
 * fixed ids at start-up, before the demo data and before the server reports itself ready, so later starts
 * change nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RetiredSearchParameters implements ApplicationRunner {

    /** By resource type; everything else stays. Code, category, subject, patient, date, identifier, device... are kept. */
    static final Map<String, List<String>> RETIRED = Map.of("Observation", List.of(
            "code-value-concept", "code-value-date", "code-value-quantity", "code-value-string",
            "combo-code", "combo-code-value-concept", "combo-code-value-quantity", "combo-data-absent-reason",
            "combo-value-concept", "combo-value-quantity",
            "component-code", "component-code-value-concept", "component-code-value-quantity",
            "component-data-absent-reason", "component-value-concept", "component-value-quantity",
            "value-concept", "value-date", "value-quantity", "value-string",
            "data-absent-reason", "method", "specimen"));

    private static final Logger log = LoggerFactory.getLogger(RetiredSearchParameters.class);

    private final DaoRegistry daos;
    private final FhirContext fhir;
    private final ISearchParamRegistry searchParams;
    private final JpaStorageSettings storage;

    public RetiredSearchParameters(DaoRegistry daos, FhirContext fhir, ISearchParamRegistry searchParams, JpaStorageSettings storage) {
        this.daos = daos;
        this.fhir = fhir;
        this.searchParams = searchParams;
        this.storage = storage;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!storage.isDefaultSearchParamsCanBeOverridden()) {
            // A server kept to HAPI's built-in parameters (the benchmarks' stock HAPI): it indexes them all.
            log.info("Built-in search parameters cannot be overridden on this server: none retired");
            return;
        }
        int stored = 0;
        for (Map.Entry<String, List<String>> type : RETIRED.entrySet()) {
            for (String code : type.getValue()) {
                var outcome = daos.getResourceDao(SearchParameter.class).update(retired(type.getKey(), code), new SystemRequestDetails());
                if (Boolean.TRUE.equals(outcome.getCreated())) {
                    stored++;
                }
            }
        }
        searchParams.forceRefresh();
        if (stored > 0) {
            log.info("Retired {} built-in search parameters the hub does not search by", stored);
        }
    }

    /** The built-in parameter as R4 defines it, with status retired. */
    SearchParameter retired(String resourceType, String code) {
        RuntimeSearchParam builtIn = fhir.getResourceDefinition(resourceType).getSearchParam(code);
        if (builtIn == null) {
            throw new IllegalStateException(resourceType + " has no built-in search parameter " + code);
        }
        SearchParameter parameter = new SearchParameter();
        parameter.setId("retired-" + resourceType.toLowerCase(Locale.ROOT) + "-" + code);
        parameter.setUrl(builtIn.getUri());
        parameter.setName(code);
        parameter.setStatus(PublicationStatus.RETIRED);
        parameter.setDescription("Retired by the hub, which does not search by it: not indexed");
        parameter.setCode(code);
        parameter.addBase(resourceType);
        parameter.setType(SearchParamType.fromCode(builtIn.getParamType().getCode()));
        parameter.setExpression(builtIn.getPath());
        for (RuntimeSearchParam.Component component : builtIn.getComponents()) {
            parameter.addComponent().setDefinition(component.getReference()).setExpression(component.getExpression());
        }
        return parameter;
    }
}
