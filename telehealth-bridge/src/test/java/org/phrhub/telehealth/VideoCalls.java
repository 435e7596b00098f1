package org.phrhub.telehealth;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on a video visit in the browser: remote frames arriving, evidence reaching the bridge. */
public final class VideoCalls {

    public static final Duration MEDIA_WAIT = Duration.ofSeconds(20);

    private VideoCalls() {}

    /** Until the page's remote video has decoded frames of a real size. */
    public static void awaitRemoteVideo(Page page, String who) throws InterruptedException {
        await(who + "'s remote video to have frames", () -> stats(page),
                s -> ((Number) s.get("framesDecoded")).longValue() > 0 && ((Number) s.get("remoteVideoWidth")).intValue() > 0);
    }

    /** The page's {@code window.phrhubVideo.stats()}: framesDecoded, remoteVideoWidth, audioPacketsReceived. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> stats(Page page) {
        return (Map<String, Object>) page.evaluate("() => window.phrhubVideo.stats()");
    }

    /** Polls {@code read} until {@code done}, for at most {@link #MEDIA_WAIT}; returns the last value read. */
    public static <T> T await(String what, Supplier<T> read, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(MEDIA_WAIT);
        T last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited " + MEDIA_WAIT.toSeconds() + " s for " + what + "; last seen: " + last);
            }
            Thread.sleep(500);
            last = read.get();
        }
        return last;
    }
}
