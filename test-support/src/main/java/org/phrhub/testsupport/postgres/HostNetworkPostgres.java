package org.phrhub.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a container on the host's network, for engines without a bridge network (then
 * published ports do not exist). It listens on 127.0.0.1 only, on a port free when it starts; the
 * inherited wait strategy reads the server's log, so it needs no mapped port either.
 */
final class HostNetworkPostgres extends PostgreSQLContainer<HostNetworkPostgres> {

    private final int port;

    HostNetworkPostgres(DockerImageName image) {
        super(image);
        this.port = freePort();
        withNetworkMode("host");
        setExposedPorts(List.of());
        // PGPORT: the official image's entrypoint and the server itself both take the port from it.
        withEnv("PGPORT", Integer.toString(port));
        setCommand("postgres", "-c", "fsync=off", "-c", "listen_addresses=127.0.0.1");
    }

    @Override
    public String getJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + getDatabaseName() + constructUrlParameters("?", "&");
    }

    /** A port nothing listens on now; another process could take it before the server does, rarely. */
    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port for PostgreSQL", e);
        }
    }
}
