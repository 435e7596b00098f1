package org.phrhub.client.oauth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server that answers token requests the way Keycloak does, and remembers the forms it got. */
final class FakeTokenEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final List<String> forms = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = token("first", 300);

    FakeTokenEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/test/protocol/openid-connect/token", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                forms.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    static String token(String value, int expiresIn) {
        return "{\"access_token\":\"" + value + "\",\"expires_in\":" + expiresIn + ",\"token_type\":\"Bearer\"}";
    }

    URI issuer() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test");
    }

    void answer(int status, String body) {
        this.status = status;
        this.body = body;
    }

    List<String> forms() {
        return forms;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
