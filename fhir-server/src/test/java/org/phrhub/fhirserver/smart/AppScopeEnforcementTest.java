package org.phrhub.fhirserver.smart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.phrhub.fhirserver.FhirHttp;
import org.phrhub.fhirserver.FhirServerIntegrationTest;
import org.phrhub.fhirserver.Observations;
import org.phrhub.fhirserver.smart.AppSignIn.AppTokens;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A resident's own app, signed in through Keycloak's login and consent pages, is held to the SMART scopes it
 * was granted on top of consent; the same resident through the hub's own clients is not.
 */
class AppScopeEnforcementTest extends FhirServerIntegrationTest {

    private static final String OBSERVATIONS_ONLY = "openid fhirUser launch/patient patient/Observation.rs";
    private static final String OBSERVATIONS_AND_CONDITIONS = OBSERVATIONS_ONLY + " patient/Condition.rs";

    @Autowired
    private DaoRegistry daos;

    private String hanakosCondition;

    @BeforeEach
    void hanakoHasACondition() {
        Condition hypertension = new Condition();
        hypertension.setId("app-" + UUID.randomUUID().toString().substring(0, 13));
        hypertension.setSubject(new Reference("Patient/hanako"));
        hypertension.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", "Hypertension")));
        daos.getResourceDao(Condition.class).update(hypertension, new SystemRequestDetails());
        hanakosCondition = "Condition/" + hypertension.getIdElement().getIdPart();
    }

    @Test
    void tokenCarriesTheApprovedScopesAndTheResidentsIdentity() {
        AppTokens tokens = AppSignIn.signIn("hanako", OBSERVATIONS_ONLY);

        assertThat(tokens.scope().split(" ")).contains("patient/Observation.rs", "launch/patient", "fhirUser", "openid")
                .doesNotContain("patient/Condition.rs", "patient/*.rs");
        assertThat(tokens.accessTokenClaims().get("scope").asText()).isEqualTo(tokens.scope());
        assertThat(tokens.accessTokenClaims().get("fhirUser").asText()).isEqualTo("Patient/hanako");
        assertThat(tokens.accessTokenClaims().get("patient").asText()).isEqualTo("hanako");
        assertThat(tokens.accessTokenClaims().get("azp").asText()).isEqualTo(AppSignIn.CLIENT_ID);
        assertThat(tokens.idTokenClaims().get("fhirUser").asText()).isEqualTo("Patient/hanako");
        // Keycloak has no way to add SMART's top-level "patient" to its token response (see README).
        assertThat(tokens.response().has("patient")).isFalse();
    }

    @Test
    void appReadsObservationsButNotConditionsWithoutTheirScope() {
        String app = AppSignIn.signIn("hanako", OBSERVATIONS_ONLY).accessToken();

        FhirHttp.Response observations = fhir.get("Observation?patient=Patient/hanako&_count=200", app);
        FhirHttp.Response search = fhir.get("Condition?patient=Patient/hanako", app);
        FhirHttp.Response read = fhir.get(hanakosCondition, app);

        assertThat(observations.status()).as(observations.toString()).isEqualTo(200);
        assertThat(idsOf(observations.bundle())).contains("Observation/hanako-bp-morning", "Observation/hanako-bp-evening");
        assertThat(search.status()).isEqualTo(403);
        assertThat(search.diagnostics()).contains("patient/Condition.rs").contains("resident-app");
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.diagnostics()).contains("patient/Condition.rs");
        // The same resident through the hub's own client reads it: the limit is the app's, not hers.
        assertThat(fhir.get(hanakosCondition, tokenOf("hanako")).status()).isEqualTo(200);
    }

    @Test
    void appGrantedConditionsReadsThem() {
        String app = AppSignIn.signIn("hanako", OBSERVATIONS_AND_CONDITIONS).accessToken();

        FhirHttp.Response search = fhir.get("Condition?patient=Patient/hanako&_count=200", app);

        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        assertThat(idsOf(search.bundle())).contains(hanakosCondition);
        assertThat(fhir.get(hanakosCondition, app).status()).isEqualTo(200);
    }

    @Test
    void wildcardScopeReadsEveryType() {
        String app = AppSignIn.signIn("hanako", "openid fhirUser patient/*.rs").accessToken();

        assertThat(fhir.get(hanakosCondition, app).status()).isEqualTo(200);
        assertThat(fhir.get("Patient/hanako", app).status()).isEqualTo(200);
    }

    @Test
    void typesOutsideTheScopesAreLeftOutOfIncludesAndEverything() {
        String app = AppSignIn.signIn("hanako", OBSERVATIONS_ONLY).accessToken();
        String hub = tokenOf("hanako");
        String withPatient = "Observation?patient=Patient/hanako&_include=Observation:patient&_count=200";

        Bundle appIncludes = fhir.get(withPatient, app).bundle();
        Bundle hubIncludes = fhir.get(withPatient, hub).bundle();
        Bundle appEverything = fhir.get("Patient/hanako/$everything?_count=500", app).bundle();
        Bundle hubEverything = fhir.get("Patient/hanako/$everything?_count=500", hub).bundle();

        assertThat(idsOf(hubIncludes)).contains("Patient/hanako");
        assertThat(idsOf(appIncludes)).contains("Observation/hanako-bp-morning").doesNotContain("Patient/hanako");
        assertThat(idsOf(hubEverything)).contains("Patient/hanako", hanakosCondition);
        assertThat(idsOf(appEverything)).isNotEmpty().allMatch(id -> id.startsWith("Observation/"));
    }

    @Test
    void appReadsOnlyItsOwnPatientsRecord() {
        String app = AppSignIn.signIn("hanako", "openid fhirUser patient/*.rs").accessToken();

        assertThat(fhir.get("Observation/taro-bp-morning", app).status()).isEqualTo(404);
        assertThat(fhir.get("Patient/taro", app).status()).isEqualTo(404);
        assertThat(idsOf(fhir.get("Observation?patient=Patient/taro", app).bundle())).isEmpty();
    }

    @Test
    void appOfAClinicianHasNoPatientInContextAndReadsNothing() {
        String app = AppSignIn.signIn("dr.suzuki", "openid fhirUser patient/*.rs").accessToken();

        FhirHttp.Response refused = fhir.get("Observation?patient=Patient/hanako", app);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.diagnostics()).contains("no patient in context");
        // Through the hub's own client the same search is narrowed by consent instead.
        assertThat(fhir.get("Observation?patient=Patient/hanako", tokenOf("dr.suzuki")).status()).isEqualTo(200);
    }

    @Test
    void appWithoutDataScopesReadsNothing() {
        String app = AppSignIn.signIn("hanako", "openid fhirUser").accessToken();

        FhirHttp.Response refused = fhir.get("Observation?patient=Patient/hanako", app);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.diagnostics()).contains("no data scopes");
    }

    @Test
    void readScopesGrantNoWritesAndNothingIsStored() {
        String app = AppSignIn.signIn("hanako", "openid fhirUser patient/*.rs").accessToken();
        var reading = Observations.heartRate("Patient/hanako", 71);

        FhirHttp.Response refused = fhir.post("Observation", app, reading);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.diagnostics()).contains("may not create Observation");
        assertThat(fhir.get(Observations.searchFor(reading), tokenOf("hanako")).bundle().getEntry()).isEmpty();
    }

    @Test
    void authorizationWithoutPkceIsRefused() {
        var answer = AppSignIn.refusedAuthorization(AppSignIn.authorizationQuery(OBSERVATIONS_ONLY, null));

        assertThat(answer.get("error")).isEqualTo("invalid_request");
        assertThat(answer.get("error_description")).containsIgnoringCase("code_challenge");
    }

    private static List<String> idsOf(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(entry -> entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart())
                .toList();
    }
}
