package io.callbridge.ingest.vendor.recall;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A text file is read only once it looks, at a poll, as it looked at the previous one. */
class SettledFilesTest {

    private static final Path DIRECTORY = Path.of("recall");
    private static final Path FILE = DIRECTORY.resolve("41.txt");
    private static final FileTime T1 = FileTime.fromMillis(1_000);
    private static final FileTime T2 = FileTime.fromMillis(2_000);

    @Test
    void aFileIsSettledFromTheSecondPollThatSeesItUnchanged() {
        SettledFiles files = new SettledFiles();

        assertThat(files.settled(FILE, 40, T1)).isFalse();
        assertThat(files.settled(FILE, 40, T1)).isTrue();
        assertThat(files.settled(FILE, 40, T1)).isTrue();
    }

    @Test
    void aRewriteInProgressIsNotSettled() {
        SettledFiles files = new SettledFiles();
        files.settled(FILE, 40, T1);
        files.settled(FILE, 40, T1);

        // Truncated, then half written, then complete: each poll sees a change, none reads it.
        assertThat(files.settled(FILE, 0, T2)).isFalse();
        assertThat(files.settled(FILE, 22, T2)).isFalse();
        assertThat(files.settled(FILE, 43, FileTime.fromMillis(2_001))).isFalse();
        assertThat(files.settled(FILE, 43, FileTime.fromMillis(2_001))).isTrue();
    }

    @Test
    void aFileThatWentAwayIsForgottenAndStartsOverWhenItComesBack() {
        SettledFiles files = new SettledFiles();
        Path other = Path.of("elsewhere").resolve("41.txt");
        files.settled(FILE, 40, T1);
        files.settled(other, 40, T1);

        files.retain(DIRECTORY, Set.of());

        assertThat(files.settled(FILE, 40, T1)).isFalse();
        assertThat(files.settled(other, 40, T1)).as("another directory's file is kept").isTrue();
    }
}
