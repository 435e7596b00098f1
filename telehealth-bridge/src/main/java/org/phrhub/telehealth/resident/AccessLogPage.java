package org.phrhub.telehealth.resident;

import java.util.List;

/**
 * One page of the resident's access log.
 *
 * @param readers    everyone in the period, for the reader filter (the resident only when their own reads are shown)
 * @param total      how many entries match the filter
 * @param ownHidden  how many of the period's entries are the resident's own reads, left out unless asked for
 */
public record AccessLogPage(AccessQuery query, List<AccessEntry> entries, List<AccessReader> readers, int page, int pages,
        int total, int ownHidden) {

    public boolean anyEmergency() {
        return entries.stream().anyMatch(AccessEntry::emergency);
    }
}
