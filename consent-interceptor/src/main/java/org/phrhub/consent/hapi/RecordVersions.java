package org.phrhub.consent.hapi;

import java.util.Collection;
import java.util.Map;

/**
 * Small values the host's database changes in the same transaction as the records the consent layer
 * keeps between requests. Every request reads them again, so a record kept while its value stays the
 * same is never older than the request: a revocation or an ended role counts on the very next request,
 * on every node.
 */
public interface RecordVersions {

    /** Changes with every write of a PractitionerRole or CareTeam. */
    Object directory();

    /**
     * Per patient reference ({@code Patient/id}), a value that changes with every write of a Consent naming
     * that patient. A patient the answer leaves out has no Consent at all.
     */
    Map<String, ?> consentsOf(Collection<String> patients);
}
