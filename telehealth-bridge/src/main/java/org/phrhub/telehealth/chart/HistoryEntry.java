package org.phrhub.telehealth.chart;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * One line of the hospital history: a condition, a prescription, a lab result or an allergy.
 *
 * @param title  what it is, e.g. the disease or drug name
 * @param value  the result or dose, e.g. {@code 6.8 g/dL} or {@code 1錠 1日1回 朝食後 14日分}
 * @param detail a code or reference range, e.g. {@code ICD-10 I10} or {@code 6.6–8.1}
 * @param flag   a lab result's abnormal flag (H, L, ...), empty when normal or not a lab result
 * @param source the hospital (or online visit) it came from
 * @param codes  the codes of what it is, as {@code system|code}, e.g. to find renal function results
 * @param reference the resource, e.g. {@code MedicationRequest/12}
 */
public record HistoryEntry(String title, String value, String detail, Optional<String> flag, Optional<LocalDate> date,
        String source, Set<String> codes, String reference) {}
