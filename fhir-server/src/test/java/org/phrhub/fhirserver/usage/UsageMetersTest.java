package org.phrhub.fhirserver.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The usage the city charges for, per OAuth client: each data-API call, each opt-in given and revoked through the
 * client, and nothing for a Consent whose transaction failed. ({@code ConsentMetricsIT} scrapes a packaged node's
 * {@code /actuator/prometheus} for them.)
 */
class UsageMetersTest extends FhirServerIntegrationTest {

    @Autowired
    private MeterRegistry registry;

    @Test
    void callsAndConsentsAreCountedPerClientAndARolledBackConsentIsNot() {
        double hubCliCalls = count(UsageMeters.API_CALLS, "hub-cli");
        double cityCalls = count(UsageMeters.API_CALLS, "city-broker");
        double created = consents("hub-cli", "created");
        double revoked = consents("hub-cli", "revoked");
        String hanako = tokenOf("hanako");

        assertThat(fhir.get("Patient/hanako", hanako).status()).isEqualTo(200);
        assertThat(fhir.get("Patient/hanako", clientToken("city-broker")).status()).as("refused, still a call").isEqualTo(404);
        assertThat(count(UsageMeters.API_CALLS, "hub-cli")).isEqualTo(hubCliCalls + 1);
        assertThat(count(UsageMeters.API_CALLS, "city-broker")).isEqualTo(cityCalls + 1);

        Response given = fhir.post("Consent", hanako, optIn());
        assertThat(given.status()).isEqualTo(201);
        assertThat(consents("hub-cli", "created")).isEqualTo(created + 1);
        Consent consent = given.resource(Consent.class);
        consent.setStatus(Consent.ConsentState.INACTIVE);
        assertThat(fhir.put("Consent/" + consent.getIdElement().getIdPart(), hanako, consent).status()).isEqualTo(200);
        assertThat(consents("hub-cli", "revoked")).isEqualTo(revoked + 1);

        // A transaction storing an opt-in, then a Consent that is not hers to write, stores nothing: nothing is charged.
        Bundle failing = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        failing.addEntry().setResource(optIn()).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Consent");
        failing.addEntry().setResource(new Consent().setStatus(Consent.ConsentState.ACTIVE))
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Consent/not-hers");
        assertThat(fhir.post("", hanako, failing).status()).isGreaterThanOrEqualTo(400);
        assertThat(consents("hub-cli", "created")).as("rolled back").isEqualTo(created + 1);
    }

    private double count(String meter, String client) {
        Counter counter = registry.find(meter).tag("client", client).counter();
        return counter == null ? 0 : counter.count();
    }

    private double consents(String client, String change) {
        Counter counter = registry.find(UsageMeters.CONSENTS).tag("client", client).tag("change", change).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Consent optIn() {
        Consent consent = new Consent();
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
        consent.setPatient(new Reference("Patient/hanako"));
        consent.getProvision().setType(Consent.ConsentProvisionType.DENY).addProvision().setType(Consent.ConsentProvisionType.PERMIT)
                .addActor().setReference(new Reference("Practitioner/dr-sato"));
        return consent;
    }
}
