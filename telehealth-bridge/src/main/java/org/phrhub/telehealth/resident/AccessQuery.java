package org.phrhub.telehealth.resident;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What part of the access log the resident asked for: a period of days, one reader or all, their own reads or
 * not, and a page.
 *
 * @param reader an {@link AccessReader#key()}; empty for everyone
 */
public record AccessQuery(LocalDate from, LocalDate to, Optional<String> reader, boolean includeOwn, int page) {

    /** How many days one query may cover: the hub's AuditEvents of a year are a few thousand at most. */
    static final int MAX_DAYS = 366;
    /** The period shown first. */
    static final int DEFAULT_DAYS = 30;

    /** The query as the page's form sent it, or what to correct; nothing is asked of the hub for bad input. */
    public sealed interface Parsed permits Valid, Invalid {}

    public record Valid(AccessQuery query) implements Parsed {}

    /** @param messageKey what the page tells the resident to correct */
    public record Invalid(String messageKey) implements Parsed {}

    public static Parsed parse(String from, String to, String reader, String own, String page, LocalDate today) {
        LocalDate first;
        LocalDate last;
        try {
            last = blank(to) ? today : LocalDate.parse(to.strip());
            first = blank(from) ? last.minusDays(DEFAULT_DAYS - 1L) : LocalDate.parse(from.strip());
        } catch (DateTimeParseException e) {
            return new Invalid("accessLog.error.date");
        }
        if (first.isAfter(last)) {
            return new Invalid("accessLog.error.order");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            return new Invalid("accessLog.error.tooLong");
        }
        int pageNumber;
        try {
            pageNumber = blank(page) ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return new Invalid("accessLog.error.page");
        }
        if (pageNumber < 1) {
            return new Invalid("accessLog.error.page");
        }
        return new Valid(new AccessQuery(first, last, blank(reader) ? Optional.empty() : Optional.of(reader.strip()),
                "true".equals(own) || "on".equals(own), pageNumber));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
