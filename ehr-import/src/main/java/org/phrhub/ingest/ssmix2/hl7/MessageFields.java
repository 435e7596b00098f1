package org.phrhub.ingest.ssmix2.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Field values of a parsed message by Terser path ({@code PID-5(1)-1-1}: segment, field, repetition,
 * component, sub-component), as present-or-empty strings, whatever group the segment sits in.
 */
public final class MessageFields {

    private final Message message;
    private final Terser terser;

    public MessageFields(Message message) {
        this.message = message;
        this.terser = new Terser(message);
    }

    /** The value at {@code path} below the first segment of its name anywhere in the message. */
    public Optional<String> get(String path) {
        return value(() -> terser.get("/." + path));
    }

    /** Each segment of this name, in message order, whatever group holds it. */
    public List<Segment> all(String segmentName) {
        List<Segment> segments = new ArrayList<>();
        collect(message, segmentName, segments);
        return segments;
    }

    /** The value at {@code field-component-subcomponent} of one segment, e.g. {@code get(rxe, 2, 0, 1, 1)}. */
    public static Optional<String> get(Segment segment, int field, int repetition, int component, int subComponent) {
        return value(() -> Terser.get(segment, field, repetition, component, subComponent));
    }

    public static Optional<String> get(Segment segment, int field, int component) {
        return get(segment, field, 0, component, 1);
    }

    /** How many repetitions the field has in this segment. */
    public static int repetitions(Segment segment, int field) {
        try {
            return segment.getField(field).length;
        } catch (HL7Exception e) {
            return 0;
        }
    }

    private interface Read {
        String read() throws HL7Exception;
    }

    private static Optional<String> value(Read read) {
        try {
            String value = read.read();
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        } catch (HL7Exception | IllegalArgumentException e) {
            // A path the message's structure does not have: the value is absent, not an error.
            return Optional.empty();
        }
    }

    private static boolean isEmpty(Segment segment) {
        try {
            return segment.isEmpty();
        } catch (HL7Exception e) {
            return true;
        }
    }

    private static void collect(ca.uhn.hl7v2.model.Group group, String name, List<Segment> into) {
        for (String child : group.getNames()) {
            Structure[] structures;
            try {
                structures = group.getAll(child);
            } catch (HL7Exception e) {
                continue;
            }
            for (Structure structure : structures) {
                if (structure instanceof Segment segment) {
                    if (segment.getName().equals(name) && !isEmpty(segment)) {
                        into.add(segment);
                    }
                } else if (structure instanceof ca.uhn.hl7v2.model.Group nested) {
                    collect(nested, name, into);
                }
            }
        }
    }
}
