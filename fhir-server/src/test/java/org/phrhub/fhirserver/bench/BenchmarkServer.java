package org.phrhub.fhirserver.bench;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.Arrays;
import org.phrhub.consent.hapi.ConsentGuard;
import org.phrhub.fhirserver.FhirServerApplication;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;


/**
 * The hub's FHIR server as the benchmarks start it beside the hub: as shipped, and with {@value #UNENFORCED}
 * without the consent guard's interceptors and with HAPI's built-in search parameters only (tokens are still
 * verified), the server a city would run without the hub. The enforcement benchmark starts both from the test classes; the gateway's benchmark starts the second from
 * the packaged jar, and the load benchmark its nodes, with its residents. The guard comes
 * off before the server takes its first request, never while requests are in flight. Deliberately not a
 * Spring configuration class: the server's component scan must never find it.
 */
public final class BenchmarkServer {

    public static final String UNENFORCED = "--unenforced";
    /** {@code --load-residents=N}: registers the load benchmark's N residents (see {@link BenchmarkResidents}) before the server reports ready. */
    public static final String LOAD_RESIDENTS = "--load-residents=";

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
                    if (bean instanceof JpaStorageSettings settings) {
                        // HAPI's default: the built-in search parameters only. The hub's stored ones (its retired
                        // parameters, Consent:provision-actor) share the database but are not this server's.
                        settings.setDefaultSearchParamsCanBeOverridden(false);
                    }
                    return bean;
                }
            }));
        }
        int loadResidents = Arrays.stream(args).filter(arg -> arg.startsWith(LOAD_RESIDENTS))
                .mapToInt(arg -> Integer.parseInt(arg.substring(LOAD_RESIDENTS.length()))).findFirst().orElse(0);
        if (loadResidents > 0) {
            // A runner, not a step after run(): the server reports ready only once its runners are done.
            application.addInitializers(context -> context.getBeanFactory().registerSingleton("loadResidents",
                    (ApplicationRunner) arguments -> BenchmarkResidents.registerLoadResidents(context.getBean(DaoRegistry.class), loadResidents)));
        }
        application.run(Arrays.stream(args)
                .filter(arg -> !UNENFORCED.equals(arg) && !arg.startsWith(LOAD_RESIDENTS)).toArray(String[]::new));
    }
}
