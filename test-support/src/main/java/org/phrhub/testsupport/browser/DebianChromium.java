package org.phrhub.testsupport.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's Chromium, headless, as every browser test drives it: Playwright's own browser download is never used
 * (it cannot be fetched here, and a city's CI should test the browser its package manager keeps up to date).
 */
public final class DebianChromium {

    /** The package's browser, or another named by {@code PHRHUB_TEST_CHROMIUM}. */
    public static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("PHRHUB_TEST_CHROMIUM", "/usr/bin/chromium"));

    /** Flags a test browser needs in a container or CI machine: no sandbox, GPU, background traffic or first-run UI. */
    private static final List<String> ARGUMENTS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync");

    private DebianChromium() {}

    /** Launches it, with these flags besides the usual ones (e.g. a fake camera); fails clearly when it is missing. */
    public static Browser launch(Playwright playwright, String... extraArguments) {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: the browser tests drive Debian's Chromium. "
                    + "Install it (apt-get install chromium) or name another with PHRHUB_TEST_CHROMIUM.");
        }
        List<String> arguments = new ArrayList<>(ARGUMENTS);
        arguments.addAll(List.of(extraArguments));
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(arguments));
    }
}
