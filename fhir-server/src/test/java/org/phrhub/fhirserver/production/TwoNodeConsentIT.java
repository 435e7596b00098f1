package org.phrhub.fhirserver.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phrhub.fhirserver.consent.PatientRecords.optIn;
import static org.phrhub.fhirserver.consent.PatientRecords.permit;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirHttp.Response;
import org.phrhub.testsupport.keycloak.TestKeycloak;

/**
 * Two server processes on one database, as a city runs them behind a load balancer: what a patient decides
 * through one node holds on the other from its very next request, because neither keeps consent in memory.
 */
class TwoNodeConsentIT {

    private static final String READING = "Observation/hanako-bp-morning";

    private static FhirHttp nodeA;
    private static FhirHttp nodeB;

    @BeforeAll
    static void startNodes() {
        ProductionServers.TwoNodes nodes = ProductionServers.twoNodesOnOneDatabase();
        nodeA = new FhirHttp(nodes.first().fhirBaseUrl());
        nodeB = new FhirHttp(nodes.second().fhirBaseUrl());
    }

    @Test
    void grantAndRevocationThroughOneNodeHoldOnTheOtherAtItsNextRequest() {
        String hanako = token("hanako");
        String drSato = token("dr.sato");
        // dr.sato is none of hanako's clinicians in the demo: neither node shows him her readings.
        assertThat(nodeB.get(READING, drSato).status()).isEqualTo(404);
        assertThat(readingsOfHanako(nodeB, drSato)).doesNotContain(READING);

        Response granted = nodeA.post("Consent", hanako, optIn("Patient/hanako", permit("Practitioner/dr-sato", "TREAT")));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);

        assertThat(nodeB.get(READING, drSato).status()).as("the grant, on the other node's next request").isEqualTo(200);
        assertThat(readingsOfHanako(nodeB, drSato)).contains(READING);

        Consent consent = granted.resource(Consent.class);
        consent.setStatus(Consent.ConsentState.INACTIVE);
        Response revoked = nodeA.put("Consent/" + consent.getIdElement().getIdPart(), hanako, consent);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        Response afterRevocation = nodeB.get(READING, drSato);
        assertThat(afterRevocation.status()).as("the revocation, on the other node's very next request: "
                + "refused as if the reading did not exist").isEqualTo(404);
        assertThat(readingsOfHanako(nodeB, drSato)).doesNotContain(READING);
        assertThat(nodeA.get(READING, drSato).status()).as("and on the node it went through").isEqualTo(404);
    }

    private static List<String> readingsOfHanako(FhirHttp node, String token) {
        Response search = node.get("Observation?patient=Patient/hanako&_count=200", token);
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        Bundle bundle = search.bundle();
        return bundle.getEntry().stream()
                .map(entry -> entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart())
                .toList();
    }

    private static String token(String username) {
        return TestKeycloak.instance().tokens().userToken(username);
    }
}
