package org.phrhub.consent;

import java.util.Objects;
import java.util.Set;

/**
 * How a deployment tunes consent enforcement, and what the host tells it about itself.
 *
 * @param breakTheGlassEnabled     whether physicians may state purpose {@code ETREAT} for emergency access
 * @param cityBrokerOrganization   the Organization patients name in a Consent to opt in for the city platform
 * @param cityBrokerPurpose        the purpose of use the city broker's requests carry
 * @param importerOperations       the names of the host's operations that only the {@code ehr-importer} client
 *                                 may call (e.g. {@code $import-bundle}). The host passes the names it declares
 *                                 its operations with; they are part of its code, not a deployment property,
 *                                 so that renaming an operation cannot leave it unguarded.
 */
public record ConsentSettings(boolean breakTheGlassEnabled, String cityBrokerOrganization, String cityBrokerPurpose,
        Set<String> importerOperations) {

    public ConsentSettings {
        Objects.requireNonNull(cityBrokerOrganization, "cityBrokerOrganization");
        Objects.requireNonNull(cityBrokerPurpose, "cityBrokerPurpose");
        importerOperations = Set.copyOf(importerOperations);
    }
}
