package org.phrhub.consent.hapi;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Whom a practitioner acts for (their active roles, those roles' organizations, their care teams), kept
 * for as long as the directory's PractitionerRoles and CareTeams stay exactly as they were.
 *
 * <p>Every request still asks the database, but one small question instead of two searches: the
 * directory's version, a value every write of a PractitionerRole or CareTeam changes. The version is read
 * before the affiliations, so a write committed in between makes the next request read them again; a
 * role ended or a member removed counts on the next request, on every node.
 */
final class Affiliations {

    /** Far more practitioners than a city's hub serves at once; past it the kept answers start over. */
    static final int MOST_KEPT = 10_000;

    private record Kept(Object directoryVersion, Set<String> actors) {}

    private final ConsentRecords records;
    private final Supplier<?> directoryVersion;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /** @param directoryVersion a value that changes with every write of a PractitionerRole or CareTeam */
    Affiliations(ConsentRecords records, Supplier<?> directoryVersion) {
        this.records = records;
        this.directoryVersion = directoryVersion;
    }

    Set<String> of(String practitioner) {
        Object version = directoryVersion.get();
        Kept known = kept.get(practitioner);
        if (known != null && known.directoryVersion().equals(version)) {
            return known.actors();
        }
        Set<String> actors = Set.copyOf(records.actorReferencesOf(practitioner));
        if (kept.size() >= MOST_KEPT) {
            kept.clear();
        }
        kept.put(practitioner, new Kept(version, actors));
        return actors;
    }
}
