package org.phrhub.telehealth.visit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * What a clinician has written for a visit so far, field by field as the form holds it.
 *
 * @param startedAt when the clinician began the record: the visit's start in the Encounter
 * @param savedAt   when it was last saved
 */
public record Draft(Map<String, List<String>> fields, Instant startedAt, Instant savedAt) {

    /** The form's fields as typed, without what is not the clinician's writing (the CSRF token). */
    public static Map<String, List<String>> fieldsOf(MultiValueMap<String, String> form) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (!"_csrf".equals(name)) {
                fields.put(name, List.copyOf(values));
            }
        });
        return fields;
    }

    public static Draft empty(Instant now) {
        return new Draft(Map.of(), now, now);
    }

    /** The first value of a field, or "" (what an empty form field holds). */
    public String value(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() || values.getFirst() == null ? "" : values.getFirst();
    }

    /** The {@code index}-th value of a repeated field (a row of a table), or "". */
    public String value(String name, int index) {
        List<String> values = fields.get(name);
        return values == null || values.size() <= index || values.get(index) == null ? "" : values.get(index);
    }

    public boolean checked(String name) {
        return !value(name).isEmpty();
    }

    public int rows(String name) {
        List<String> values = fields.get(name);
        return values == null ? 0 : values.size();
    }
}
