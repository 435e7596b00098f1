package org.phrhub.gateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path folder;

    private final DurableFiles files = new DurableFiles();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWriteReplacesTheWholeFileAndLeavesNothingElseInTheFolder() throws Exception {
        Path target = folder.resolve("bindings.json");
        files.writeAtomically(target, utf8("a much longer first content"));

        files.writeAtomically(target, utf8("second"));

        assertThat(files.read(target)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("second")));
        try (var left = Files.list(folder)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void aFileNeverWrittenReadsAsNothingEvenBesideALeftover() throws Exception {
        Path target = folder.resolve("gateway-id");
        Files.writeString(DurableFiles.temporaryOf(target), "half an i");

        assertThat(files.read(target)).isEmpty();
    }

    @Test
    void aLeftoverOfAnInterruptedWriteIsNeverReadAndTheNextWriteReplacesIt() throws Exception {
        Path target = folder.resolve("upload-state.json");
        files.writeAtomically(target, utf8("{\"lastSuccess\":\"then\"}"));
        Files.writeString(DurableFiles.temporaryOf(target), "{\"lastSucc");

        assertThat(files.read(target)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(utf8("{\"lastSuccess\":\"then\"}")));
        files.writeAtomically(target, utf8("{}"));

        try (var left = Files.list(folder)) {
            assertThat(left).containsExactly(target);
        }
    }

    @Test
    void removingLeftoversKeepsEveryStateFile() throws Exception {
        Path kept = folder.resolve("00000000000000000001.json");
        files.writeAtomically(kept, utf8("{}"));
        Files.writeString(folder.resolve("00000000000000000002.json.tmp"), "{\"id\"");
        Files.writeString(folder.resolve("99999999999999999.tmp"), "{\"id\"");

        files.removeLeftovers(folder);

        try (var left = Files.list(folder)) {
            assertThat(left).containsExactly(kept);
        }
    }

    @Test
    void deletingDurablyAcceptsFilesAlreadyGone() throws Exception {
        Path a = folder.resolve("a.json");
        files.writeAtomically(a, utf8("{}"));

        files.deleteAll(folder, List.of(a, folder.resolve("never-there.json")));

        try (var left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theStepsOfAWriteComeInTheOrderThatMakesItSafe() throws Exception {
        List<DurableFiles.Step> seen = new ArrayList<>();
        Path target = folder.resolve("state.json");

        new DurableFiles(seen::add).writeAtomically(target, utf8("{}"));

        assertThat(seen).containsExactly(DurableFiles.Step.TEMPORARY_WRITTEN, DurableFiles.Step.TEMPORARY_FORCED,
                DurableFiles.Step.RENAMED, DurableFiles.Step.FOLDER_FORCED);
    }

    @Test
    void aWriteIntoAMissingFolderFailsAndNamesTheFile() {
        Path target = folder.resolve("gone").resolve("state.json");

        assertThatThrownBy(() -> files.writeAtomically(target, utf8("{}")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("state.json");
    }
}
