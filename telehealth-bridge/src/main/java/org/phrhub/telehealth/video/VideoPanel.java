package org.phrhub.telehealth.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.phrhub.telehealth.config.BridgeProperties;
import org.springframework.stereotype.Component;

/**
 * What the visit page's video panel needs from the configuration ({@code ${@videoPanel...}} in the
 * template). TURN credentials reach every signed-in participant's browser, as WebRTC needs them there: use
 * a TURN server's short-lived or per-deployment credentials, not an account's password.
 */
@Component("videoPanel")
public class VideoPanel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String iceServersJson;

    VideoPanel(BridgeProperties properties) {
        this.iceServersJson = iceServersJson(properties.video().iceServers());
    }

    /** The STUN/TURN servers as {@code RTCPeerConnection}'s {@code iceServers}, e.g. {@code [{"urls":"stun:..."}]}. */
    public String iceServersJson() {
        return iceServersJson;
    }

    static String iceServersJson(List<BridgeProperties.IceServer> servers) {
        ArrayNode list = JSON.createArrayNode();
        for (BridgeProperties.IceServer server : servers) {
            ObjectNode entry = list.addObject().put("urls", server.urls());
            if (server.username() != null) {
                entry.put("username", server.username());
            }
            if (server.credential() != null) {
                entry.put("credential", server.credential());
            }
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the STUN/TURN servers for the page", e);
        }
    }
}
