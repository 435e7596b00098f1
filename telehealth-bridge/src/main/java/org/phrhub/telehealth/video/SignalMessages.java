package org.phrhub.telehealth.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;

/**
 * The signalling messages. The server speaks {@code welcome}, {@code peer-joined} and {@code peer-left};
 * the browsers speak {@code offer}, {@code answer}, {@code candidate} and {@code bye} to each other (relayed
 * with only the fields WebRTC needs) and {@code media} to the server.
 */
final class SignalMessages {

    static final String MEDIA = "media";

    private static final Set<String> RELAYED = Set.of("offer", "answer", "candidate", "bye");
    /** Only these fields pass to the other side: nothing else a browser writes reaches the other person. */
    private static final Set<String> RELAYED_FIELDS = Set.of("type", "description", "candidate");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalMessages() {}

    static String welcome(VisitRole role, boolean peerPresent) {
        ObjectNode message = JSON.createObjectNode().put("type", "welcome").put("role", role.json()).put("peerPresent", peerPresent);
        return message.toString();
    }

    static String peerJoined() {
        return JSON.createObjectNode().put("type", "peer-joined").toString();
    }

    static String peerLeft() {
        return JSON.createObjectNode().put("type", "peer-left").toString();
    }

    /** The message as read; empty when it is not a JSON object with a {@code type}. */
    static Optional<JsonNode> parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() && node.path("type").isTextual() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static String type(JsonNode message) {
        return message.path("type").asText();
    }

    /** What the other side receives of a browser's message; empty when the message is not one browsers send each other. */
    static Optional<String> relayable(JsonNode message) {
        if (!RELAYED.contains(type(message))) {
            return Optional.empty();
        }
        ObjectNode relayed = JSON.createObjectNode();
        message.properties().stream().filter(field -> RELAYED_FIELDS.contains(field.getKey()))
                .forEach(field -> relayed.set(field.getKey(), field.getValue()));
        return Optional.of(relayed.toString());
    }
}
