package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void snapshotsAreNumberedBeforeTheExtension() {
        assertThat(OutputFiles.numbered(Path.of("out.png"), 100)).isEqualTo(Path.of("out_100.png"));
        assertThat(OutputFiles.numbered(Path.of("a/b.c/my.photo.jpeg"), 5)).isEqualTo(Path.of("a/b.c/my.photo_5.jpeg"));
    }

    @Test
    void aFolderThatCanBeCreatedIsAcceptedAndNotCreated() {
        Path output = dir.resolve("new/deeper/out.png");

        OutputFiles.requireWritable(output, "--output");

        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void aFileInTheWayOfTheFolderIsRefused() throws IOException {
        Files.writeString(dir.resolve("file"), "x");

        assertThatThrownBy(() -> OutputFiles.requireWritable(dir.resolve("file/sub/out.png"), "--output"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--output ")
                .hasMessageContaining("is not a folder");
    }
}
