package org.phrhub.telehealth.resident;

import java.util.List;
import java.util.Set;

/**
 * Who accessed the resident's data, as the access log names them.
 *
 * @param key           what the reader filter selects by: the person's reference, {@code client:<id>}, or
 *                      {@code other-resident}
 * @param name          the person's or organisation's name; empty for a machine client (named by its id's message)
 * @param organisations where a clinician works, or the organisation a machine client acts for
 * @param roles         a clinician's PractitionerRole codes, e.g. {@code doctor}
 * @param clientId      the OAuth client that made the request, e.g. {@code device-gateway}
 */
public record AccessReader(String key, Kind kind, String name, List<String> organisations, List<String> roles, String clientId) {

    public enum Kind {
        /** A clinician from the hub's directory (or one it no longer lists, by reference). */
        CLINICIAN,
        /** The resident themself. */
        SELF,
        /** Another resident: shown as such, never by name, as their name is their data. */
        OTHER_RESIDENT,
        /** A machine client: the home gateway, the hospital importer, the city platform. */
        CLIENT
    }

    static final String OTHER_RESIDENT_KEY = "other-resident";
    static final String CLIENT_PREFIX = "client:";

    /** The hub's own clients, which the page names in words; any other is named by its id. */
    private static final Set<String> NAMED_CLIENTS = Set.of("device-gateway", "ehr-importer", "city-broker", "telehealth-bridge");

    /** The message that names a machine client, e.g. {@code client.device-gateway}; {@code client.other} takes the id. */
    public String clientMessageKey() {
        return NAMED_CLIENTS.contains(clientId) ? "client." + clientId : "client.other";
    }
}
