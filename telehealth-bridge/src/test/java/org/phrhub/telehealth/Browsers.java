package org.phrhub.telehealth;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import org.phrhub.testsupport.browser.DebianChromium;
import org.phrhub.testsupport.keycloak.HubTokens;

/**
 * Debian's Chromium, headless, driven by Playwright, with a fake camera and microphone. People sign in the
 * way they do for real: the bridge sends them to Keycloak's own login page.
 */
public final class Browsers implements AutoCloseable {

    /** Where screenshots are kept as test artifacts (the build sets it to target/screenshots). */
    static final Path ARTIFACTS = Path.of(System.getProperty("phrhub.test.artifacts", "target/screenshots"));

    private final Playwright playwright;
    private final Browser browser;

    public Browsers() {
        playwright = Playwright.create();
        browser = DebianChromium.launch(playwright, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
    }

    /** A fresh browser profile (no cookies), as a person on their own device. */
    public BrowserContext newPerson() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000).setLocale("ja-JP"));
        context.grantPermissions(List.of("camera", "microphone"));
        return context;
    }

    /** Opens the bridge in a new page and signs in through Keycloak's login page. */
    public static Page signIn(BrowserContext person, String bridgeUrl, String path, String username) {
        Page page = person.newPage();
        page.navigate(bridgeUrl + path);
        page.locator("#username").fill(username);
        page.locator("#password").fill(HubTokens.DEMO_PASSWORD);
        page.locator("#kc-login").click();
        page.waitForURL(url -> url.startsWith(bridgeUrl));
        return page;
    }

    /** What the person sees on screen (the viewport), e.g. for the README. */
    public static Path screenshotOfScreen(Page page, String name) {
        Path file = ARTIFACTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        return file;
    }

    /** The whole page, scrolled through. */
    public static Path screenshot(Page page, String name) {
        Path file = ARTIFACTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
