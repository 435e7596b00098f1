package org.phrhub.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.phrhub.gateway.storage.DurableFiles.Step;

/**
 * A process writing a state file is killed with SIGKILL, at random moments and at each step of a write: the file
 * is then the complete old content or the complete new one, never empty or cut off. (A kill keeps what the process
 * had written in the operating system's cache; forcing to disk, which guards against power loss, cannot be
 * proved this way. The atomic replacement can.)
 */
class DurableFilesCrashTest {

    private static final int KILLS = 30;
    private static final long KILLING_SECONDS = 120;

    @TempDir
    Path folder;

    private final DurableFiles files = new DurableFiles();

    @Test
    void killedAtRandomMomentsWhileWritingTheFileIsAlwaysTheCompleteOldOrNewContent() throws Exception {
        Path target = folder.resolve("state.json");
        files.writeAtomically(target, DurableWriteChild.content(true));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KILLING_SECONDS);

        int kills = 0;
        while (kills < KILLS && System.nanoTime() < deadline) {
            Process child = start("loop", target.toString());
            awaitLine(child, DurableWriteChild.WRITING);
            Thread.sleep(random.nextInt(40));
            assertThat(child.isAlive()).as("the writing process was still writing when killed").isTrue();
            kill(child);
            kills++;

            assertThat(files.read(target).map(DurableFilesCrashTest::describe).orElse("no file"))
                    .as("the file after kill %d (random seed %d)", kills, seed)
                    .isIn("old", "new");
        }
        assertThat(kills).as("kills within %d seconds", KILLING_SECONDS).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void killedAtAStepOfReplacingAFileTheOldContentStaysUntilTheRenameAndTheNewOneAfter(Step step) throws Exception {
        Path target = folder.resolve("state.json");
        files.writeAtomically(target, DurableWriteChild.content(true));

        killAt(step, target);

        String expected = switch (step) {
            case TEMPORARY_WRITTEN, TEMPORARY_FORCED -> "old";
            case RENAMED, FOLDER_FORCED -> "new";
        };
        assertThat(files.read(target).map(DurableFilesCrashTest::describe)).contains(expected);
        assertTheNextWriteLeavesOnlyTheTarget(target);
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void killedAtAStepOfAFirstWriteThereIsNoFileUntilTheRenameNeverAnEmptyOne(Step step) throws Exception {
        Path target = folder.resolve("gateway-id");

        killAt(step, target);

        String expected = switch (step) {
            case TEMPORARY_WRITTEN, TEMPORARY_FORCED -> "no file";
            case RENAMED, FOLDER_FORCED -> "new";
        };
        assertThat(files.read(target).map(DurableFilesCrashTest::describe).orElse("no file")).isEqualTo(expected);
        assertTheNextWriteLeavesOnlyTheTarget(target);
    }

    @Test
    void leftoversOfAKilledWriteAreRemovedWithoutTouchingTheStateFiles() throws Exception {
        Path target = folder.resolve("state.json");
        files.writeAtomically(target, DurableWriteChild.content(true));
        killAt(Step.TEMPORARY_FORCED, target);

        files.removeLeftovers(folder);

        try (var left = Files.list(folder)) {
            assertThat(left).containsExactly(target);
        }
        assertThat(files.read(target).map(DurableFilesCrashTest::describe)).contains("old");
    }

    private void killAt(Step step, Path target) throws Exception {
        Process child = start("pause", target.toString(), step.name());
        awaitLine(child, DurableWriteChild.PAUSED);
        kill(child);
    }

    private void assertTheNextWriteLeavesOnlyTheTarget(Path target) throws IOException {
        files.writeAtomically(target, DurableWriteChild.content(true));
        assertThat(files.read(target).map(DurableFilesCrashTest::describe)).contains("old");
        try (var left = Files.list(folder)) {
            assertThat(left).as("a leftover temporary file is overwritten by the next write").containsExactly(target);
        }
    }

    private static String describe(byte[] content) {
        if (Arrays.equals(content, DurableWriteChild.content(true))) {
            return "old";
        }
        if (Arrays.equals(content, DurableWriteChild.content(false))) {
            return "new";
        }
        return content.length + " bytes, neither the old content nor the new";
    }

    private static Process start(String... arguments) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "durable-write-child")).resolve("stderr.log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                DurableWriteChild.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static void awaitLine(Process child, String expected) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            assertThat(line.get(60, TimeUnit.SECONDS))
                    .as("what the writing process said (its errors are in target/durable-write-child)")
                    .isEqualTo(expected);
        } finally {
            if (!line.isDone()) {
                kill(child);
            }
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no closing of files. */
    private static void kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the killed process ended").isTrue();
    }
}
