package org.phrhub.ingest.ssmix2.storage;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a file in SS-MIX2 standardized storage, or of a document folder in extended storage:
 * {@code patientId_date_dataType_orderNo_occurrence_department_conditionFlag}, where the date
 * ({@code yyyyMMdd}) and the department may be {@code -} and the condition flag is {@code 1} (valid) or
 * {@code 0} (deleted).
 *
 * <p>The occurrence is read by its length: {@code yyyyMMddHHmmss} followed by none to three digits of the
 * second's fraction, as SS-MIX2 cuts the message time (MSH-7) to at most milliseconds. Current storages
 * write 17 digits; storages written by older systems write 15 (tenths of a second), and 14 or 16 occur
 * too. Each length is turned into the instant it names, so that ordering compares instants: a 15-digit
 * {@code …123} (12.3 s) is the same time as a 17-digit {@code …12300}, not a smaller number.
 *
 * <p>The department is left out of some names (the published extended-storage vital-sign sample has none);
 * such a name reads as one without a department, {@code -}.
 *
 * @param dataType e.g. {@code OMP-01}; in extended storage a coded name such as
 *     {@code L-OBSERVATIONS^OBSERVATIONS^99ZL01}
 * @param orderNumber the order number (in extended storage the "specific key"); SS-MIX2 fills it with 9s
 *     (or {@code -}) for data without an order
 */
public record StorageFileName(
        String patientId,
        Optional<LocalDate> date,
        String dataType,
        String orderNumber,
        LocalDateTime occurrence,
        Optional<String> department,
        boolean deleted) {

    private static final String PATIENT = "([0-9A-Za-z]{1,20})";
    private static final String DATE = "(-|\\d{8})";
    private static final String STANDARD_DATA_TYPE = "([A-Z]{3}(?:-\\d{2})?)";
    /** Extended storage names its data types freely (often a coded value with {@code ^}); only {@code _} splits the name. */
    private static final String EXTENDED_DATA_TYPE = "([^_/\\\\]{1,200})";
    private static final String REST = "([0-9A-Za-z\\-]{1,20})_(\\d+)(?:_([0-9A-Za-z]{1,4}|-))?_([01])";
    private static final Pattern STANDARD = Pattern.compile(PATIENT + "_" + DATE + "_" + STANDARD_DATA_TYPE + "_" + REST);
    private static final Pattern EXTENDED = Pattern.compile(PATIENT + "_" + DATE + "_" + EXTENDED_DATA_TYPE + "_" + REST);

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int SECONDS_DIGITS = 14;
    private static final int MOST_FRACTION_DIGITS = 3;

    /**
     * Reads the name of a standardized-storage file; a name that does not follow the SS-MIX2 rule is refused
     * with what is wrong.
     */
    public static StorageFileName parse(String fileName) throws StorageLayoutException {
        return parse(STANDARD, fileName, "file name", "patientId_date_dataType_orderNo_occurrence_department_conditionFlag");
    }

    /** Reads the name of an extended-storage document folder, which follows the file-name rule with a free data type. */
    public static StorageFileName parseDocumentFolder(String folderName) throws StorageLayoutException {
        return parse(EXTENDED, folderName, "document folder name",
                "patientId_date_dataType_specificKey_occurrence_department_conditionFlag");
    }

    private static StorageFileName parse(Pattern rule, String name, String what, String parts) throws StorageLayoutException {
        Matcher m = rule.matcher(name);
        if (!m.matches()) {
            throw new StorageLayoutException(what + " '" + name + "' does not follow the SS-MIX2 rule " + parts
                    + " (occurrence yyyyMMddHHmmss with up to 3 digits of fraction, conditionFlag 0 or 1)");
        }
        String stamp = m.group(5);
        if (stamp.length() < SECONDS_DIGITS || stamp.length() > SECONDS_DIGITS + MOST_FRACTION_DIGITS) {
            throw new StorageLayoutException(what + " '" + name + "' carries the occurrence stamp " + stamp + " of "
                    + stamp.length() + " digits; SS-MIX2 writes yyyyMMddHHmmss and up to 3 digits of the second's "
                    + "fraction (14 to 17 digits), so it cannot be told when this was written");
        }
        try {
            Optional<LocalDate> date = m.group(2).equals("-") ? Optional.empty() : Optional.of(LocalDate.parse(m.group(2), DAY));
            LocalDateTime occurrence = occurrence(stamp);
            Optional<String> department = m.group(6) == null || m.group(6).equals("-") ? Optional.empty() : Optional.of(m.group(6));
            return new StorageFileName(m.group(1), date, m.group(3), m.group(4), occurrence, department,
                    m.group(7).equals("0"));
        } catch (DateTimeParseException e) {
            throw new StorageLayoutException(what + " '" + name + "' carries an impossible date or time stamp: "
                    + e.getParsedString(), e);
        }
    }

    /** The stamp's seconds, plus its fraction scaled by its own length (1 digit tenths, 2 hundredths, 3 milliseconds). */
    private static LocalDateTime occurrence(String stamp) {
        LocalDateTime seconds = LocalDateTime.parse(stamp.substring(0, SECONDS_DIGITS), SECONDS);
        String fraction = stamp.substring(SECONDS_DIGITS);
        if (fraction.isEmpty()) {
            return seconds;
        }
        long nanos = Long.parseLong(fraction) * (long) Math.pow(10, 9 - fraction.length());
        return seconds.plusNanos(nanos);
    }

    /** The date folder this file belongs in: {@code yyyyMMdd}, or {@code -} for data without a date. */
    public String dateFolder() {
        return date.map(DAY::format).orElse("-");
    }

    /**
     * What identifies the record across files: a newer occurrence of the same key supersedes the older
     * file, and a deleted flag removes what the key's earlier files created.
     */
    public String recordKey() {
        return patientId + "_" + dateFolder() + "_" + dataType + "_" + orderNumber + "_" + department.orElse("-");
    }
}
