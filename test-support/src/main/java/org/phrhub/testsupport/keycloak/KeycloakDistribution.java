package org.phrhub.testsupport.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak server distribution, unpacked once into the shared cache folder
 * ({@code <cache>/keycloak-<version>/}) and reused by every later test run and by the demo.
 */
final class KeycloakDistribution {

    static final String ZIP_PROPERTY = "phrhub.keycloak.zip";
    static final String CACHE_DIR_VARIABLE = "PHRHUB_CACHE_DIR";
    /** Written last, so a folder without it is a half-finished unpack to redo. The hub script checks the same file. */
    static final String COMPLETE_MARKER = ".unpacked";

    private static final Logger log = LoggerFactory.getLogger(KeycloakDistribution.class);
    private static final Pattern ZIP_NAME = Pattern.compile("keycloak(?:-quarkus-dist)?-(\\d[^/\\\\]*)\\.zip");

    private final Path zip;
    private final String version;
    private final Path cacheRoot;

    KeycloakDistribution(Path zip, Path cacheRoot) {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("The Keycloak distribution " + zip + " (system property " + ZIP_PROPERTY
                    + ") does not exist. Run the build with Maven once (e.g. mvn verify) so it downloads "
                    + "org.keycloak:keycloak-quarkus-dist:zip.");
        }
        Matcher name = ZIP_NAME.matcher(zip.getFileName().toString());
        if (!name.matches()) {
            throw new IllegalStateException("Cannot tell the Keycloak version from the file name " + zip.getFileName()
                    + "; expected keycloak-quarkus-dist-<version>.zip as Maven downloads it.");
        }
        this.zip = zip;
        this.version = name.group(1);
        this.cacheRoot = cacheRoot;
    }

    /** The distribution named by the build, unpacked into the cache folder this machine's user uses. */
    static KeycloakDistribution fromBuild() {
        String zip = System.getProperty(ZIP_PROPERTY, "").trim();
        if (zip.isEmpty()) {
            throw new IllegalStateException("System property " + ZIP_PROPERTY + " is not set, so there is no Keycloak "
                    + "to start. Run the tests with Maven (mvn verify): the build downloads the Keycloak distribution "
                    + "and passes its path. Or set " + TestKeycloak.URL_VARIABLE
                    + " to a running Keycloak that has the phr-hub realm.");
        }
        String cacheDir = System.getenv().getOrDefault(CACHE_DIR_VARIABLE, "").trim();
        Path cacheRoot = cacheDir.isEmpty()
                ? Path.of(System.getProperty("user.home"), ".cache", "phr-hub")
                : Path.of(cacheDir);
        return new KeycloakDistribution(Path.of(zip), cacheRoot);
    }

    String version() {
        return version;
    }

    Path home() {
        return cacheRoot.resolve("keycloak-" + version);
    }

    /** Lock file that serialises unpacking and starting this distribution across processes. */
    Path lockFile() throws IOException {
        Files.createDirectories(cacheRoot);
        return cacheRoot.resolve("keycloak-" + version + ".lock");
    }

    /** Unpacks the zip unless a complete unpack is there. Call while holding {@link #lockFile()}. */
    Path unpacked() {
        Path home = home();
        if (Files.isRegularFile(home.resolve(COMPLETE_MARKER))) {
            return home;
        }
        try {
            if (Files.exists(home)) {
                log.info("Removing the incomplete Keycloak unpack in {}", home);
                deleteRecursively(home);
            }
            log.info("Unpacking Keycloak {} from {} into {}", version, zip, home);
            unzipWithoutTopFolder(home);
            makeScriptsExecutable(home.resolve("bin"));
            Files.writeString(home.resolve(COMPLETE_MARKER), "Unpacked from " + zip.getFileName() + "\n");
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack " + zip + " into " + home + ": " + e.getMessage()
                    + ". Check free disk space and write access, or point " + CACHE_DIR_VARIABLE + " elsewhere.", e);
        }
    }

    /** The zip holds a single folder {@code keycloak-<version>/}; its content becomes {@link #home()}. */
    private void unzipWithoutTopFolder(Path home) throws IOException {
        Files.createDirectories(home);
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().toList()) {
                String name = entry.getName();
                int topFolderEnd = name.indexOf('/');
                String relative = topFolderEnd < 0 ? "" : name.substring(topFolderEnd + 1);
                if (relative.isEmpty()) {
                    continue;
                }
                Path target = home.resolve(relative).normalize();
                if (!target.startsWith(home)) {
                    throw new IOException("zip entry " + name + " points outside the target folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /** Zip entries carry no Unix permissions through java.util.zip. */
    private static void makeScriptsExecutable(Path bin) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> files = Files.list(bin)) {
            for (Path script : files.filter(file -> file.getFileName().toString().endsWith(".sh")).toList()) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(script));
                permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE));
                Files.setPosixFilePermissions(script, permissions);
            }
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
