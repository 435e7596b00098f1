package org.phrhub.telehealth.resident;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.phrhub.telehealth.chart.HistoryEntry;
import org.phrhub.telehealth.chart.PatientChart;
import org.phrhub.telehealth.chart.Section;

/**
 * The resident's hospital history from one hospital (or one clinician's online visits): what the chart lists
 * by kind, regrouped by where it came from, so the resident sees what each hospital knows about them.
 *
 * @param source the hospital's name; empty when the record names none
 */
public record HospitalGroup(String source, List<HistoryEntry> conditions, List<HistoryEntry> prescriptions,
        List<HistoryEntry> labResults, List<HistoryEntry> allergies) {

    /** The most recent date of the group, to list the hospital seen last first. */
    public Optional<LocalDate> latest() {
        return Stream.of(conditions, prescriptions, labResults, allergies).flatMap(List::stream)
                .map(HistoryEntry::date).flatMap(Optional::stream).max(Comparator.naturalOrder());
    }

    public static List<HospitalGroup> of(PatientChart chart) {
        Map<String, List<List<HistoryEntry>>> bySource = new LinkedHashMap<>();
        List<Section<List<HistoryEntry>>> kinds = List.of(chart.conditions(), chart.prescriptions(), chart.labResults(), chart.allergies());
        for (int kind = 0; kind < kinds.size(); kind++) {
            Section<List<HistoryEntry>> section = kinds.get(kind);
            if (!section.isShared()) {
                continue;
            }
            for (HistoryEntry entry : section.content()) {
                List<List<HistoryEntry>> lists = bySource.computeIfAbsent(entry.source() == null ? "" : entry.source(),
                        s -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                lists.get(kind).add(entry);
            }
        }
        return bySource.entrySet().stream()
                .map(e -> new HospitalGroup(e.getKey(), List.copyOf(e.getValue().get(0)), List.copyOf(e.getValue().get(1)),
                        List.copyOf(e.getValue().get(2)), List.copyOf(e.getValue().get(3))))
                .sorted(Comparator.comparing((HospitalGroup g) -> g.latest().orElse(LocalDate.MIN)).reversed())
                .toList();
    }
}
