package org.phrhub.consent;

import java.util.Objects;

/**
 * How a deployment tunes consent enforcement.
 *
 * @param breakTheGlassEnabled     whether physicians may state purpose {@code ETREAT} for emergency access
 * @param cityBrokerOrganization   the Organization patients name in a Consent to opt in for the city platform
 * @param cityBrokerPurpose        the purpose of use the city broker's requests carry
 */
public record ConsentSettings(boolean breakTheGlassEnabled, String cityBrokerOrganization, String cityBrokerPurpose) {

    public ConsentSettings {
        Objects.requireNonNull(cityBrokerOrganization, "cityBrokerOrganization");
        Objects.requireNonNull(cityBrokerPurpose, "cityBrokerPurpose");
    }
}
