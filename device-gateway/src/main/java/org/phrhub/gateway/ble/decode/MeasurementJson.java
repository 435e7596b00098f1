package org.phrhub.gateway.ble.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * A decoded 2A35 or 2A36 value as one JSON object.
 *
 * <p>Numbers keep the monitor's precision: they are written from the exact decimal ({@code 18.9}, {@code 16.0},
 * {@code 120}), never through a binary double. Special SFLOAT values are the strings {@code "NaN"}, {@code "NRes"},
 * {@code "+INF"}, {@code "-INF"} and {@code "reserved"}. Fields the payload lacks are {@code null}.
 */
public final class MeasurementJson {

    // Plain notation keeps 12 × 10^1 as 120 rather than 1.2E+2; the writer is immutable and safe to share.
    private static final ObjectWriter WRITER =
            JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build().writer();

    // Seconds always, even when zero: LocalDateTime.toString() would drop them.
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MeasurementJson() {}

    /**
     * {@code unit, systolic, diastolic, map, pulse, timestamp, timestampRaw, userId, status, failed}; {@code map} is
     * null where the monitor's quirks profile says it was not measured.
     */
    public static ObjectNode of(BloodPressureMeasurement measurement) {
        ObjectNode json = NODES.objectNode();
        json.put("unit", measurement.unit().symbol());
        json.set("systolic", number(measurement.systolic()));
        json.set("diastolic", number(measurement.diastolic()));
        json.set("map", optionalNumber(measurement.meanArterialPressure()));
        addCommonFields(json, measurement.pulseRate(), measurement.timestamp(), measurement.userId(),
                measurement.status());
        json.put("failed", measurement.failed());
        return json;
    }

    /** {@code unit, cuffPressure, pulse, timestamp, timestampRaw, userId, status}. */
    public static ObjectNode of(IntermediateCuffPressure pressure) {
        ObjectNode json = NODES.objectNode();
        json.put("unit", pressure.unit().symbol());
        json.set("cuffPressure", number(pressure.cuffPressure()));
        addCommonFields(json, pressure.pulseRate(), pressure.timestamp(), pressure.userId(), pressure.status());
        return json;
    }

    /** The compact JSON text of a node made here, on one line, decimals in plain notation. */
    public static String text(JsonNode json) {
        try {
            return WRITER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; reaching this is a bug, not a data problem.
            throw new UncheckedIOException("could not write a JSON tree", e);
        }
    }

    public static String text(BloodPressureMeasurement measurement) {
        return text(of(measurement));
    }

    public static String text(IntermediateCuffPressure pressure) {
        return text(of(pressure));
    }

    private static void addCommonFields(
            ObjectNode json,
            Optional<SFloat> pulseRate,
            Optional<DeviceTimestamp> timestamp,
            Optional<Integer> userId,
            Optional<MeasurementStatus> status) {
        json.set("pulse", optionalNumber(pulseRate));
        json.set("timestamp", timestamp.flatMap(DeviceTimestamp::toLocalDateTime)
                .<JsonNode>map(time -> TextNode.valueOf(LOCAL_DATE_TIME.format(time)))
                .orElse(NullNode.getInstance()));
        json.set("timestampRaw", timestamp.<JsonNode>map(MeasurementJson::rawTimestamp).orElse(NullNode.getInstance()));
        json.set("userId", userId.<JsonNode>map(NODES::numberNode).orElse(NullNode.getInstance()));
        json.set("status", status.<JsonNode>map(MeasurementJson::status).orElse(NullNode.getInstance()));
    }

    private static JsonNode number(SFloat value) {
        // DecimalNode directly: the node factory may strip trailing zeros, turning 16.0 into 16.
        return value.value().<JsonNode>map(DecimalNode::valueOf).orElseGet(() -> TextNode.valueOf(value.toJsonText()));
    }

    private static JsonNode optionalNumber(Optional<SFloat> value) {
        return value.map(MeasurementJson::number).orElse(NullNode.getInstance());
    }

    private static ObjectNode rawTimestamp(DeviceTimestamp time) {
        ObjectNode json = NODES.objectNode();
        json.put("year", time.year());
        json.put("month", time.month());
        json.put("day", time.day());
        json.put("hours", time.hours());
        json.put("minutes", time.minutes());
        json.put("seconds", time.seconds());
        return json;
    }

    private static ObjectNode status(MeasurementStatus status) {
        ObjectNode json = NODES.objectNode();
        json.put("bodyMovement", status.bodyMovement());
        json.put("cuffTooLoose", status.cuffTooLoose());
        json.put("irregularPulse", status.irregularPulse());
        json.put("pulseRateRange", status.pulseRateRange().jsonName());
        json.put("improperPosition", status.improperPosition());
        return json;
    }
}
