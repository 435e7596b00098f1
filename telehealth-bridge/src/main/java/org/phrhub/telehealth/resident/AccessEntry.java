package org.phrhub.telehealth.resident;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * One line of the resident's access log, from one of the hub's AuditEvents about them.
 *
 * @param action    the AuditEvent's action: {@code R} read, {@code C} create, {@code U} update, {@code D} delete,
 *                  {@code E} execute (e.g. a clinician asking what is shared with them)
 * @param data      what kinds of data, as message keys with an argument for kinds the page has no words for
 * @param purpose   the purpose of use (v3-ActReason), e.g. {@code TREAT}
 * @param emergency break-the-glass: opened without the resident's consent for emergency treatment
 */
public record AccessEntry(String id, ZonedDateTime at, AccessReader reader, String action, List<DataLabel> data, String purpose,
        boolean permitted, boolean emergency) {

    /** @param argument the resource type, for {@code dataKind.other} */
    public record DataLabel(String key, String argument) {}

    public boolean own() {
        return reader.kind() == AccessReader.Kind.SELF;
    }
}
