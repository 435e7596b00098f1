package org.phrhub.gateway.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process {@link DurableFilesCrashTest} kills: it writes one target through {@link DurableFiles}, either
 * without end, alternating two contents ({@code loop TARGET}), or once, stopping at a chosen step to wait for its
 * end ({@code pause TARGET STEP}). It says on standard output when it has got there.
 */
final class DurableWriteChild {

    static final String WRITING = "writing";
    static final String PAUSED = "paused";

    private DurableWriteChild() {}

    /** Two contents of different lengths, so that a cut-off one can be equal to neither. */
    static byte[] content(boolean first) {
        String line = first ? "old reading state, complete\n" : "new reading state, complete and longer\n";
        return line.repeat(first ? 4_000 : 6_000).getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[1]);
        switch (args[0]) {
            case "loop" -> {
                DurableFiles files = new DurableFiles();
                say(WRITING);
                for (boolean first = false; ; first = !first) {
                    files.writeAtomically(target, content(first));
                }
            }
            case "pause" -> {
                DurableFiles.Step pauseAt = DurableFiles.Step.valueOf(args[2]);
                new DurableFiles(step -> {
                    if (step == pauseAt) {
                        waitForTheEnd();
                    }
                }).writeAtomically(target, content(false));
                throw new IllegalStateException("the write finished without reaching " + pauseAt);
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void waitForTheEnd() throws IOException {
        say(PAUSED);
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while paused", e);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
