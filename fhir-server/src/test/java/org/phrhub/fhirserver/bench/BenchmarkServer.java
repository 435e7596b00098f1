package org.phrhub.fhirserver.bench;

import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.Arrays;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.fhirserver.FhirServerApplication;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;

/**
 * The hub's FHIR server as the enforcement benchmark starts it, twice on one database: as shipped, and with
 * {@value #UNENFORCED} without the consent guard's interceptors (tokens are still verified). The guard comes
 * off before the server takes its first request, never while requests are in flight. Deliberately not a
 * Spring configuration class: the server's component scan must never find it.
 */
public final class BenchmarkServer {

    static final String UNENFORCED = "--unenforced";

    private BenchmarkServer() {}

    public static void main(String[] args) {
        boolean unenforced = Arrays.asList(args).contains(UNENFORCED);
        SpringApplication application = new SpringApplication(FhirServerApplication.class);
        if (unenforced) {
            application.addInitializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof RestfulServer server) {
                        context.getBean(ConsentGuard.class).unregisterFrom(server);
                    }
                    return bean;
                }
            }));
        }
        application.run(Arrays.stream(args).filter(arg -> !UNENFORCED.equals(arg)).toArray(String[]::new));
    }
}
