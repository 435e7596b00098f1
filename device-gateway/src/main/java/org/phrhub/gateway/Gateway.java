package org.phrhub.gateway;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Duration;
import org.phrhub.client.HttpTimeouts;
import org.phrhub.client.fhir.FhirClients;
import org.phrhub.client.oauth.ClientCredentialsTokenSource;
import org.phrhub.client.oauth.TokenEndpointClient;
import org.phrhub.gateway.config.GatewaySettings;
import org.phrhub.gateway.fhir.BloodPressureObservations;
import org.phrhub.gateway.fhir.ReadingClock;
import org.phrhub.gateway.outbox.Outbox;
import org.phrhub.gateway.outbox.OutboxException;
import org.phrhub.gateway.pairing.BindingStore;
import org.phrhub.gateway.pairing.MonitorPairing;
import org.phrhub.gateway.upload.FhirTransactions;
import org.phrhub.gateway.upload.OutboxUploader;
import org.phrhub.gateway.upload.ReadingTriage;
import org.phrhub.gateway.upload.UploadBundle;
import org.phrhub.gateway.upload.UploadState;

/** The gateway's parts wired together from its settings: one place, so every command gets the same ones. */
public final class Gateway {

    /** Keycloak answers a token request quickly or not at all. */
    private static final HttpTimeouts KEYCLOAK = new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));

    /** A transaction of a full batch may take the hub a while to commit. */
    private static final HttpTimeouts HUB = new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60));

    private final GatewaySettings settings;
    private final Outbox outbox;
    private final BindingStore bindings;
    private final UploadState uploadState;
    private final FhirTransactions transactions;
    private final OutboxUploader uploader;

    public Gateway(GatewaySettings settings, Clock clock) throws OutboxException {
        this.settings = settings;
        this.outbox = Outbox.open(settings.dataDir(), clock);
        this.bindings = new BindingStore(settings.dataDir());
        this.uploadState = new UploadState(settings.dataDir(), clock);
        ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(
                TokenEndpointClient.ofKeycloakRealm(settings.issuer(), KEYCLOAK), settings.clientId(), settings.clientSecret(), clock);
        this.transactions = new FhirTransactions(new FhirClients(FhirContext.forR4Cached(), HUB), settings.fhirBase(), tokens);
        UploadBundle bundles = new UploadBundle(new BloodPressureObservations(new ReadingClock(settings.zone())), settings.gatewayId());
        this.uploader = new OutboxUploader(outbox, new ReadingTriage(bindings), bundles, transactions, uploadState,
                settings.batchSize(), settings.retryInitial(), settings.retryMax());
    }

    public GatewaySettings settings() {
        return settings;
    }

    public Outbox outbox() {
        return outbox;
    }

    public BindingStore bindings() {
        return bindings;
    }

    public UploadState uploadState() {
        return uploadState;
    }

    public OutboxUploader uploader() {
        return uploader;
    }

    public MonitorPairing pairing() {
        return new MonitorPairing(transactions, bindings);
    }
}
