package org.phrhub.ingest.ssmix2.hl7;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;

/**
 * HL7 v2 DTM / DT values as FHIR dates, keeping their precision (a year stays a year). SS-MIX2 times carry
 * no offset: they are Japan's local time.
 */
public final class Hl7Times {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** Digits in pairs after the year, optional fraction of a second, optional offset. */
    private static final java.util.regex.Pattern DTM =
            java.util.regex.Pattern.compile("(\\d{4}(?:\\d{2}){0,5})(?:\\.\\d{1,4})?(?:[+-]\\d{4})?");

    private Hl7Times() {}

    /**
     * {@code yyyy[MM[dd[HH[mm[ss[.S...]]]]]]} (an offset, if any, is ignored: SS-MIX2 writes Japan time), or
     * empty when absent; a value that is no date is refused.
     */
    public static Optional<DateTimeType> dateTime(Optional<String> hl7) throws DateTimeParseException {
        if (hl7.isEmpty()) {
            return Optional.empty();
        }
        String value = hl7.get();
        java.util.regex.Matcher parts = DTM.matcher(value);
        if (!parts.matches()) {
            throw new DateTimeParseException("not an HL7 date/time (yyyy[MM[dd[HH[mm[ss[.S]]]]]][+/-ZZZZ])", value, 0);
        }
        String digits = parts.group(1);
        TemporalPrecisionEnum precision = switch (digits.length()) {
            case 4 -> TemporalPrecisionEnum.YEAR;
            case 6 -> TemporalPrecisionEnum.MONTH;
            case 8 -> TemporalPrecisionEnum.DAY;
            // FHIR has no hour or minute precision: a time of day is written to the second.
            default -> TemporalPrecisionEnum.SECOND;
        };
        String full = digits + "0101000000".substring(Math.max(0, digits.length() - 4));
        LocalDateTime local = LocalDateTime.parse(full.substring(0, 14), DateTimeFormatter.ofPattern("uuuuMMddHHmmss"));
        return Optional.of(new DateTimeType(Date.from(local.atZone(JAPAN).toInstant()), precision,
                TimeZone.getTimeZone(JAPAN)));
    }

    /** A date (DT, or the date part of a DTM); empty when absent. */
    public static Optional<DateType> date(Optional<String> hl7) throws DateTimeParseException {
        if (hl7.isEmpty()) {
            return Optional.empty();
        }
        String value = hl7.get();
        if (value.matches("\\d{4}")) {
            return Optional.of(new DateType(value));
        }
        if (value.matches("\\d{6}")) {
            return Optional.of(new DateType(value.substring(0, 4) + "-" + value.substring(4, 6)));
        }
        if (!value.matches("\\d{8}.*")) {
            throw new DateTimeParseException("not an HL7 date", value, 0);
        }
        LocalDate day = LocalDate.parse(value.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE);
        return Optional.of(new DateType(day.toString()));
    }
}
