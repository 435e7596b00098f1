package org.phrhub.testsupport.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeycloakDistributionTest {

    @TempDir
    Path temp;

    @Test
    void unpacksOnceIntoAVersionedFolderWithRunnableScripts() throws IOException {
        var distribution = new KeycloakDistribution(zip("keycloak-quarkus-dist-9.9.9.zip"), temp.resolve("cache"));

        Path home = distribution.unpacked();

        assertThat(home).isEqualTo(temp.resolve("cache").resolve("keycloak-9.9.9"));
        assertThat(home.resolve("version.txt")).hasContent("Keycloak - Version 9.9.9");
        assertThat(Files.isExecutable(home.resolve("bin/kc.sh"))).isTrue();

        Files.writeString(home.resolve("version.txt"), "changed by a run");
        distribution.unpacked();
        assertThat(home.resolve("version.txt")).as("a complete unpack is reused").hasContent("changed by a run");
    }

    @Test
    void halfFinishedUnpackIsRedone() throws IOException {
        var distribution = new KeycloakDistribution(zip("keycloak-quarkus-dist-9.9.9.zip"), temp.resolve("cache"));
        Path home = distribution.unpacked();
        Files.delete(home.resolve(KeycloakDistribution.COMPLETE_MARKER));
        Files.writeString(home.resolve("leftover.tmp"), "from an interrupted unpack");

        distribution.unpacked();

        assertThat(home.resolve("leftover.tmp")).doesNotExist();
        assertThat(home.resolve(KeycloakDistribution.COMPLETE_MARKER)).exists();
    }

    @Test
    void missingZipSaysToLetMavenDownloadIt() {
        assertThatThrownBy(() -> new KeycloakDistribution(temp.resolve("keycloak-quarkus-dist-9.9.9.zip"), temp))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Run the build with Maven");
    }

    private Path zip(String name) throws IOException {
        Path zip = temp.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); var out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("keycloak-9.9.9/"));
            out.putNextEntry(new ZipEntry("keycloak-9.9.9/bin/kc.sh"));
            out.write("#!/bin/sh\necho keycloak\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new ZipEntry("keycloak-9.9.9/version.txt"));
            out.write("Keycloak - Version 9.9.9".getBytes(StandardCharsets.UTF_8));
        }
        return zip;
    }
}
