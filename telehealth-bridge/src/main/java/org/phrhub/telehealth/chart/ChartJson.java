package org.phrhub.telehealth.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The home blood-pressure section as the page's chart script reads it (the canvas's {@code data-chart}). */
public final class ChartJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartJson() {}

    public static String of(HomeBloodPressure bp) {
        List<Map<String, Object>> readings = bp.readings().stream().map(r -> {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t", r.at().toEpochMilli());
            point.put("occasion", r.occasion().name());
            r.systolic().ifPresent(v -> point.put("systolic", v));
            r.diastolic().ifPresent(v -> point.put("diastolic", v));
            r.pulse().ifPresent(v -> point.put("pulse", v));
            point.put("failed", r.failed());
            point.put("irregularPulse", r.irregularPulse());
            point.put("bodyMovement", r.bodyMovement());
            point.put("receptionClock", r.receptionClock());
            return point;
        }).toList();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("readings", readings);
        chart.put("hypertension", Map.of("systolic", bp.hypertensionSystolic(), "diastolic", bp.hypertensionDiastolic()));
        chart.put("target", Map.of("systolic", bp.target().systolic(), "diastolic", bp.target().diastolic()));
        try {
            return JSON.writeValueAsString(chart);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the chart's data", e);
        }
    }
}
