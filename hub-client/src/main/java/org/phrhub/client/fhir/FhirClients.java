package org.phrhub.client.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import java.util.function.Supplier;
import org.phrhub.client.HttpTimeouts;
import org.phrhub.client.oauth.ClientCredentialsTokenSource;

/**
 * Makes HAPI FHIR clients for the hub, each with the timeouts given here and a bearer token on every
 * request.
 */
public final class FhirClients {

    private final FhirContext fhir;
    private final ApacheRestfulClientFactory factory;

    public FhirClients(FhirContext fhir, HttpTimeouts timeouts) {
        this.fhir = fhir;
        // A factory of our own rather than the context's: that one is shared by everything using the same
        // (often cached) context, and these timeouts are ours.
        this.factory = new ApacheRestfulClientFactory(fhir);
        factory.setConnectTimeout(timeouts.connectMillis());
        factory.setSocketTimeout(timeouts.readMillis());
        // No CapabilityStatement fetch before the first request: the hub's is known, and an extra call would
        // fail differently from the request itself while the hub is down.
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    }

    /** A client of the FHIR server at {@code fhirBase} carrying the machine client's current token. */
    public IGenericClient withClientCredentials(URI fhirBase, ClientCredentialsTokenSource tokens) {
        return withTokens(fhirBase, tokens::accessToken);
    }

    /** A client of the FHIR server at {@code fhirBase} carrying whatever token {@code tokens} gives, e.g. a user's. */
    public IGenericClient withTokens(URI fhirBase, Supplier<String> tokens) {
        IGenericClient client = factory.newGenericClient(fhirBase.toString().replaceAll("/+$", ""));
        client.registerInterceptor(new BearerTokenInterceptor(tokens));
        return client;
    }

    public FhirContext fhirContext() {
        return fhir;
    }
}
