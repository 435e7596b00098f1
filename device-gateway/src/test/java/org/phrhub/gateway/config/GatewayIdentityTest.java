package org.phrhub.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayIdentityTest {

    @TempDir
    Path dataDir;

    @Test
    void anIdIsGeneratedOnceAndKeptForEveryLaterStart() throws Exception {
        String first = new GatewayIdentity(dataDir.resolve("new-home")).id();

        String later = new GatewayIdentity(dataDir.resolve("new-home")).id();

        assertThat(UUID.fromString(first)).isNotNull();
        assertThat(later).isEqualTo(first);
        assertThat(Files.readString(dataDir.resolve("new-home").resolve("gateway-id"))).isEqualTo(first + "\n");
        try (var left = Files.list(dataDir.resolve("new-home"))) {
            assertThat(left).containsExactly(dataDir.resolve("new-home").resolve("gateway-id"));
        }
    }

    @Test
    void anIdWrittenByHandIsTakenAsItIs() throws Exception {
        Files.writeString(dataDir.resolve("gateway-id"), "  living-room-gateway \n");

        assertThat(new GatewayIdentity(dataDir).id()).isEqualTo("living-room-gateway");
    }

    @Test
    void anEmptyIdFileLeftByACrashIsReplacedByANewIdThatIsKept() throws Exception {
        Files.writeString(dataDir.resolve("gateway-id"), "");

        String id = new GatewayIdentity(dataDir).id();

        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(new GatewayIdentity(dataDir).id()).isEqualTo(id);
    }

    @Test
    void aBlankIdFileIsTreatedAsEmpty() throws Exception {
        Files.writeString(dataDir.resolve("gateway-id"), " \n");

        String id = new GatewayIdentity(dataDir).id();

        assertThat(id).isNotBlank();
        assertThat(Files.readString(dataDir.resolve("gateway-id"))).isEqualTo(id + "\n");
    }

    @Test
    void aLeftoverOfAnInterruptedFirstWriteDoesNotBecomeTheId() throws Exception {
        Files.writeString(dataDir.resolve("gateway-id.tmp"), "3f2a");

        String id = new GatewayIdentity(dataDir).id();

        assertThat(UUID.fromString(id)).isNotNull();
        try (var left = Files.list(dataDir)) {
            assertThat(left).containsExactly(dataDir.resolve("gateway-id"));
        }
    }
}
