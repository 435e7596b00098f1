package org.phrhub.ingest.ssmix2.storage;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a file in SS-MIX2 standardized storage:
 * {@code patientId_date_dataType_orderNo_occurrence_department_conditionFlag}, where the date
 * ({@code yyyyMMdd}) and the department may be {@code -}, the occurrence is a 17-digit time stamp
 * ({@code yyyyMMddHHmmssSSS}) and the condition flag is {@code 1} (valid) or {@code 0} (deleted).
 *
 * @param orderNumber the order number; SS-MIX2 fills it with 9s (or {@code -}) for data without an order
 */
public record StorageFileName(
        String patientId,
        Optional<LocalDate> date,
        String dataType,
        String orderNumber,
        LocalDateTime occurrence,
        Optional<String> department,
        boolean deleted) {

    private static final Pattern NAME = Pattern.compile(
            "([0-9A-Za-z]{1,20})_(-|\\d{8})_([A-Z]{3}(?:-\\d{2})?)_([0-9A-Za-z\\-]{1,20})_(\\d{17})_([0-9A-Za-z]{1,4}|-)_([01])");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter OCCURRENCE = DateTimeFormatter.ofPattern("uuuuMMddHHmmssSSS");

    /** Reads a file name; a name that does not follow the SS-MIX2 rule is refused with what is wrong. */
    public static StorageFileName parse(String fileName) throws StorageLayoutException {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new StorageLayoutException("file name '" + fileName + "' does not follow the SS-MIX2 rule "
                    + "patientId_date_dataType_orderNo_occurrence(17 digits)_department_conditionFlag(0|1)");
        }
        try {
            Optional<LocalDate> date = m.group(2).equals("-") ? Optional.empty() : Optional.of(LocalDate.parse(m.group(2), DAY));
            LocalDateTime occurrence = LocalDateTime.parse(m.group(5), OCCURRENCE);
            Optional<String> department = m.group(6).equals("-") ? Optional.empty() : Optional.of(m.group(6));
            return new StorageFileName(m.group(1), date, m.group(3), m.group(4), occurrence, department,
                    m.group(7).equals("0"));
        } catch (DateTimeParseException e) {
            throw new StorageLayoutException("file name '" + fileName + "' carries an impossible date or time stamp: "
                    + e.getParsedString(), e);
        }
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
