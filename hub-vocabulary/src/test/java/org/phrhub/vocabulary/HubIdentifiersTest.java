package org.phrhub.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HubIdentifiersTest {

    /**
     * The consent rules accept a gateway's reading only from a Device with one of these systems, and Devices
     * already stored carry them: a change of either URI would refuse every home reading.
     */
    @Test
    void gatewayDeviceSystemsTheConsentRulesTrustAreTheMonitorBindingAndGatewaySystemsTheGatewayWrites() {
        assertThat(HubIdentifiers.GATEWAY_DEVICE_SYSTEMS).containsExactlyInAnyOrder(
                "https://phr-hub.example/fhir/sid/monitor-binding",
                "https://phr-hub.example/fhir/sid/device-gateway");
        assertThat(HubIdentifiers.GATEWAY_DEVICE_SYSTEMS)
                .containsExactlyInAnyOrder(HubIdentifiers.MONITOR_BINDING, HubIdentifiers.DEVICE_GATEWAY);
    }
}
