package org.phrhub.fhirserver.consent;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.SearchParameter;
import org.phrhub.consent.hapi.ProvisionActorSearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Stores the search parameters the consent layer searches Consents by. It runs first of the start-up
 * tasks, before the demo data and before the server reports itself ready for traffic (the consent
 * layer's searches name these parameters; an unknown one would fail them). Stored under a fixed id, so
 * every later start leaves it as it is; when it is new, HAPI reindexes the Consents already stored.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsentSearchParameters implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConsentSearchParameters.class);

    private final DaoRegistry daos;
    private final ISearchParamRegistry searchParams;

    public ConsentSearchParameters(DaoRegistry daos, ISearchParamRegistry searchParams) {
        this.daos = daos;
        this.searchParams = searchParams;
    }

    @Override
    public void run(ApplicationArguments args) {
        SearchParameter definition = ProvisionActorSearchParameter.definition();
        var outcome = daos.getResourceDao(SearchParameter.class).update(definition, new SystemRequestDetails());
        searchParams.forceRefresh();
        if (Boolean.TRUE.equals(outcome.getCreated())) {
            log.info("Stored search parameter Consent:{}", ProvisionActorSearchParameter.CODE);
        }
    }
}
