package org.phrhub.fhirserver.consent;

import java.util.HashSet;
import java.util.Set;
import org.phrhub.consent.ConsentSettings;
import org.phrhub.fhirserver.identity.IdentityOperations;
import org.phrhub.fhirserver.ingest.ImportOperations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code phrhub.consent.*}: how consent enforcement is tuned.
 *
 * @param breakTheGlass          allow physicians emergency access with purpose ETREAT (always audited)
 * @param cityBrokerOrganization the Organization a patient names to opt in for the city platform
 * @param cityBrokerPurpose      the purpose of use of every city broker request
 */
@ConfigurationProperties(prefix = "phrhub.consent")
public record ConsentProperties(boolean breakTheGlass, String cityBrokerOrganization, String cityBrokerPurpose) {

    /** The properties, with the names of the importer's operations as this server declares them (not a property). */
    public ConsentSettings toSettings() {
        Set<String> importerOperations = new HashSet<>(ImportOperations.NAMES);
        importerOperations.addAll(IdentityOperations.NAMES);
        return new ConsentSettings(breakTheGlass, cityBrokerOrganization, cityBrokerPurpose, importerOperations);
    }
}
