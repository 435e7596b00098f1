package org.phrhub.gateway.pairing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindingStoreTest {

    @TempDir
    Path dataDir;

    private static Binding binding(Optional<Integer> userId, String patient) {
        return new Binding("a4:c1:38:00:00:01", Optional.of("A4C138FFFE000001"), userId, patient, "Device/bpm-1",
                Optional.empty());
    }

    @Test
    void bindingsSurviveReopeningAndASecondPairingOfTheSameSlotReplacesTheFirst() throws Exception {
        BindingStore store = new BindingStore(dataDir.resolve("home"));
        store.save(binding(Optional.of(1), "Patient/hanako"));
        store.save(binding(Optional.of(2), "Patient/taro"));
        store.save(binding(Optional.of(1), "Patient/jiro"));

        BindingStore reopened = new BindingStore(dataDir.resolve("home"));

        assertThat(reopened.all()).extracting(Binding::patient).containsExactly("Patient/taro", "Patient/jiro");
        assertThat(reopened.find("A4:C1:38:00:00:01", Optional.of(2))).map(Binding::patient).contains("Patient/taro");
    }

    @Test
    void aLeftoverOfAnInterruptedSaveIsIgnoredAndReplaced() throws Exception {
        BindingStore store = new BindingStore(dataDir);
        store.save(binding(Optional.of(1), "Patient/hanako"));
        Files.writeString(dataDir.resolve("bindings.json.tmp"), "[{\"address\": \"A4:C1");

        assertThat(new BindingStore(dataDir).all()).extracting(Binding::patient).containsExactly("Patient/hanako");
        store.save(binding(Optional.of(2), "Patient/taro"));

        try (var left = Files.list(dataDir)) {
            assertThat(left).containsExactly(dataDir.resolve("bindings.json"));
        }
    }

    @Test
    void noBindingsFileMeansNothingIsPaired() throws Exception {
        assertThat(new BindingStore(dataDir).all()).isEmpty();
    }
}
