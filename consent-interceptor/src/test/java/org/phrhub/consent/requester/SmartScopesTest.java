package org.phrhub.consent.requester;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.phrhub.consent.requester.SmartScopes.Permission;

class SmartScopesTest {

    @Test
    void v2ReadSearchScopeGrantsReadAndSearchOfItsTypeOnly() {
        SmartScopes scopes = SmartScopes.parse("openid fhirUser launch/patient patient/Observation.rs");

        assertThat(scopes.permits("Observation", Permission.READ)).isTrue();
        assertThat(scopes.permits("Observation", Permission.SEARCH)).isTrue();
        assertThat(scopes.permits("Observation", Permission.CREATE)).isFalse();
        assertThat(scopes.permits("Observation", Permission.UPDATE)).isFalse();
        assertThat(scopes.permits("Observation", Permission.DELETE)).isFalse();
        assertThat(scopes.permits("Condition", Permission.READ)).isFalse();
        assertThat(scopes.grantsData()).isTrue();
    }

    @Test
    void wildcardTypeGrantsEveryType() {
        SmartScopes scopes = SmartScopes.parse("patient/*.rs");

        assertThat(scopes.permits("Condition", Permission.SEARCH)).isTrue();
        assertThat(scopes.permits("Patient", Permission.READ)).isTrue();
        assertThat(scopes.permits("Condition", Permission.CREATE)).isFalse();
    }

    @Test
    void scopesAddUp() {
        SmartScopes scopes = SmartScopes.parse("patient/Observation.r patient/Observation.s patient/Condition.cu");

        assertThat(scopes.permits("Observation", Permission.READ)).isTrue();
        assertThat(scopes.permits("Observation", Permission.SEARCH)).isTrue();
        assertThat(scopes.permits("Condition", Permission.CREATE)).isTrue();
        assertThat(scopes.permits("Condition", Permission.UPDATE)).isTrue();
        assertThat(scopes.permits("Condition", Permission.READ)).isFalse();
    }

    @Test
    void v1NamesReadAsTheirV2Equivalents() {
        SmartScopes read = SmartScopes.parse("patient/Observation.read");
        SmartScopes write = SmartScopes.parse("patient/Observation.write");
        SmartScopes all = SmartScopes.parse("patient/*.*");

        assertThat(read.permits("Observation", Permission.SEARCH)).isTrue();
        assertThat(read.permits("Observation", Permission.UPDATE)).isFalse();
        assertThat(write.permits("Observation", Permission.CREATE)).isTrue();
        assertThat(write.permits("Observation", Permission.READ)).isFalse();
        assertThat(all.permits("Condition", Permission.DELETE)).isTrue();
    }

    @Test
    void malformedScopesGrantNothing() {
        for (String scope : new String[] {
            "patient/Observation.sr", // v2 letters out of order
            "patient/Observation.rr",
            "patient/Observation.x",
            "patient/observation.rs", // not a resource type
            "patient/Observation",
            "patient/Observation.rs?category=laboratory", // fine-grained: not narrowed by the hub, so not granted
            "Observation.rs",
            "patient/.rs"
        }) {
            SmartScopes scopes = SmartScopes.parse(scope);
            assertThat(scopes.grantsData()).as(scope).isFalse();
            assertThat(scopes.permits("Observation", Permission.READ)).as(scope).isFalse();
        }
    }

    @Test
    void onlyPatientScopesGrantData() {
        assertThat(SmartScopes.parse("user/Observation.rs").grantsData()).isFalse();
        assertThat(SmartScopes.parse("system/*.rs").grantsData()).isFalse();
        assertThat(SmartScopes.parse("openid fhirUser launch/patient offline_access profile email").grantsData()).isFalse();
    }

    @Test
    void missingOrBlankClaimGrantsNothing() {
        assertThat(SmartScopes.parse(null).grantsData()).isFalse();
        assertThat(SmartScopes.parse("   ").describe()).isEqualTo("no scopes");
        assertThat(SmartScopes.parse("  openid   patient/Observation.rs ").describe()).isEqualTo("openid patient/Observation.rs");
    }

    @Test
    void namesTheScopeThatWouldAllowReading() {
        assertThat(SmartScopes.readScopeFor("Condition")).isEqualTo("patient/Condition.rs");
    }
}
