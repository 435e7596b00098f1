package org.phrhub.client.fhir;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.util.function.Supplier;

/**
 * Puts {@code Authorization: Bearer …} on every request, asking the token's source each time: unlike
 * HAPI's own interceptor, which keeps one fixed token, this follows a token that is renewed.
 */
public final class BearerTokenInterceptor implements IClientInterceptor {

    private final Supplier<String> tokens;

    public BearerTokenInterceptor(Supplier<String> tokens) {
        this.tokens = tokens;
    }

    @Override
    public void interceptRequest(IHttpRequest request) {
        request.addHeader("Authorization", "Bearer " + tokens.get());
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
        // Nothing to read from answers.
    }
}
