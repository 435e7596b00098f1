package org.phrhub.telehealth.record;

import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import org.phrhub.client.fhir.FhirClients;
import org.phrhub.telehealth.config.BridgeProperties;
import org.phrhub.telehealth.security.SignedInUser;
import org.phrhub.telehealth.security.UserAccessTokens;
import org.phrhub.vocabulary.V3ActReason;
import org.springframework.stereotype.Component;

/**
 * FHIR clients that act as the signed-in person: their own access token and their stated purpose on
 * every call, so the hub's consent decisions and the patient's access log name them. The bridge has no
 * token of its own to read patient data with.
 */
@Component
public class RecordClients {

    /** The header the hub reads the purpose of use from (a v3-ActReason code). */
    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";

    private final FhirClients clients;
    private final BridgeProperties properties;
    private final UserAccessTokens tokens;

    RecordClients(FhirClients clients, BridgeProperties properties, UserAccessTokens tokens) {
        this.clients = clients;
        this.properties = properties;
        this.tokens = tokens;
    }

    /**
     * A client for the person being served now, stating {@code purpose} (e.g. TREAT). It holds their
     * current access token, so it may be used from other threads for the rest of this request.
     */
    public IGenericClient asSignedInUser(String purpose) {
        String token = tokens.current();
        IGenericClient client = clients.withTokens(properties.fhirBaseUrl(), () -> token);
        client.registerInterceptor(new PurposeOfUse(purpose));
        return client;
    }

    /** A client for the person being served now, stating the purpose their role reads for. */
    public IGenericClient asSignedInUser(SignedInUser user) {
        return asSignedInUser(purposeOf(user));
    }

    /**
     * Clinicians read for treatment; a resident reads their own record at their own request ({@code PATRQT}),
     * which is how their access log tells their own reads from their clinicians'.
     */
    public static String purposeOf(SignedInUser user) {
        return user.isClinician() ? V3ActReason.TREAT : V3ActReason.PATRQT;
    }

    private record PurposeOfUse(String purpose) implements IClientInterceptor {
        @Override
        public void interceptRequest(IHttpRequest request) {
            request.addHeader(PURPOSE_HEADER, purpose);
        }

        @Override
        public void interceptResponse(IHttpResponse response) {
            // Nothing to read from answers.
        }
    }
}
