package org.phrhub.gateway.ble.tinyb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.phrhub.gateway.ble.MonitorLinkException;
import tinyb.BluetoothManager;

/**
 * Loads TinyB's native libraries from its jar ({@code native/<os>/<arch>/}), once per JVM.
 *
 * <p>They are copied to a temporary folder, loaded by absolute path in dependency order ({@code libjavatinyb}
 * links against {@code libtinyb} by soname, which the dynamic linker then finds already loaded) and the copies
 * deleted, which a loaded library survives. Loading from this class binds them to the class loader that also
 * loaded the {@code tinyb} classes from the same jar, where the JVM looks for their native methods.
 */
final class TinyBNatives {

    private static final List<String> LOAD_ORDER = List.of("libtinyb.so", "libjavatinyb.so");
    private static final Pattern TINYB_NOT_ON_LIBRARY_PATH =
            Pattern.compile("java\\.lang\\.UnsatisfiedLinkError: no (java)?tinyb in java\\.library\\.path");

    private TinyBNatives() {}

    /** Loads them on the first call; every later call reports the outcome of that first attempt. */
    static void ensureLoaded() throws MonitorLinkException {
        if (Once.FAILURE != null) {
            throw new MonitorLinkException(Once.FAILURE.getMessage(), Once.FAILURE);
        }
    }

    private static final class Once {
        static final MonitorLinkException FAILURE = attempt();

        private static MonitorLinkException attempt() {
            try {
                load();
                return null;
            } catch (MonitorLinkException e) {
                return e;
            }
        }
    }

    private static void load() throws MonitorLinkException {
        String folder = folder(System.getProperty("os.name"), System.getProperty("os.arch"));
        try {
            Path dir = Files.createTempDirectory("phrhub-tinyb-");
            try {
                for (String library : LOAD_ORDER) {
                    System.load(extract(folder + library, dir.resolve(library)).toString());
                }
            } finally {
                for (String library : LOAD_ORDER) {
                    Files.deleteIfExists(dir.resolve(library));
                }
                Files.delete(dir);
            }
        } catch (UnsatisfiedLinkError e) {
            throw new MonitorLinkException("TinyB's native libraries could not be loaded (" + e.getMessage()
                    + "); they need GLib: on Debian install the package libglib2.0-0", e);
        } catch (IOException e) {
            throw new MonitorLinkException("could not unpack TinyB's native libraries to the temporary folder "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
        initializeTinyB();
    }

    static String folder(String osName, String osArch) throws MonitorLinkException {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            if (arch.equals("amd64") || arch.equals("x86_64")) {
                return "/native/linux/x86_64/";
            }
            if (arch.equals("x86") || arch.matches("i[3-6]86")) {
                return "/native/linux/x86_32/";
            }
            if (arch.startsWith("arm")) {
                return "/native/arm/armv6/";
            }
        }
        throw new MonitorLinkException("TinyB's native libraries exist for Linux on x86_64, x86 and ARM only, not for "
                + osName + " on " + osArch);
    }

    private static Path extract(String resource, Path target) throws IOException, MonitorLinkException {
        try (InputStream in = BluetoothManager.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new MonitorLinkException("TinyB's jar has no " + resource + ": is bluetooth-manager-tinyb 1.3.3 on the class path?");
            }
            Files.copy(in, target);
        }
        return target;
    }

    /**
     * Runs the class initializers of TinyB that look for the libraries on {@code java.library.path} too and,
     * not finding them there, print a failure to standard error and carry on. They are loaded already, so
     * those messages would only mislead; anything else printed meanwhile is passed on.
     */
    private static void initializeTinyB() throws MonitorLinkException {
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            for (String initializer : List.of("tinyb.BluetoothManager", "tinyb.BluetoothObject")) {
                Class.forName(initializer, true, TinyBNatives.class.getClassLoader());
            }
        } catch (ClassNotFoundException e) {
            throw new MonitorLinkException("TinyB's classes are missing: is bluetooth-manager-tinyb 1.3.3 on the class path?", e);
        } finally {
            System.setErr(stderr);
        }
        String others = printed.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("Native code library failed to load."))
                .filter(line -> !TINYB_NOT_ON_LIBRARY_PATH.matcher(line).lookingAt())
                .collect(Collectors.joining(System.lineSeparator()));
        if (!others.isEmpty()) {
            stderr.println(others);
        }
    }
}
