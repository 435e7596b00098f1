import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves a local Maven repository read-only on 127.0.0.1, as a remote repository for an image build.
 * A local repository keeps a remote's metadata as {@code maven-metadata-central.xml}; a build asking
 * for {@code maven-metadata.xml} (to resolve a version range) gets that file.
 * Usage: java MavenRepositoryServer.java PORT REPOSITORY
 */
public final class MavenRepositoryServer {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path root = Path.of(args[1]).toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/", exchange -> serve(exchange, root));
        server.start();
        System.out.println("Serving " + root + " on 127.0.0.1:" + port);
    }

    private static void serve(HttpExchange exchange, Path root) throws IOException {
        try (exchange) {
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (!head && !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (file.getFileName() != null && file.getFileName().toString().equals("maven-metadata.xml")) {
                file = file.resolveSibling("maven-metadata-central.xml");
            }
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, head ? -1 : Files.size(file));
            if (!head) {
                Files.copy(file, exchange.getResponseBody());
            }
        }
    }
}
