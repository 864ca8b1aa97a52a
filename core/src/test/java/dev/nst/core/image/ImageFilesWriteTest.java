package dev.nst.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.domain.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageFilesWriteTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"out.png, png", "OUT.PNG, png", "out.jpg, jpg", "photo.JPEG, jpg", "out.tif, tif", "scan.TIFF, tif"})
    void theFormatFollowsTheExtension(String name, String format) {
        assertThat(ImageFiles.outputFormat(Path.of(name))).isEqualTo(format);
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.gif", "out.bmp", "out", "out.png.txt"})
    void anUnsupportedExtensionIsRefusedBeforeAnythingIsWritten(String name) {
        Path folder = dir.resolve("not-yet-there");
        Path file = folder.resolve(name);

        assertThatThrownBy(() -> ImageFiles.write(ImageFilesReadTest.noisyImage(4, 4), file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": unsupported output format; use a .png, .jpg or .tif file name");
        assertThat(folder).doesNotExist();
    }

    @Test
    void missingFoldersAreCreated() {
        Path file = dir.resolve("a/b/out.png");

        ImageFiles.write(ImageFilesReadTest.noisyImage(4, 4), file);

        assertThat(file).isRegularFile();
    }

    @Test
    void anExistingFileIsReplacedAndNoTemporaryFileIsLeft() throws IOException {
        Path file = dir.resolve("out.png");
        RgbImage first = ImageFilesReadTest.noisyImage(8, 8);
        RgbImage second = ImageFilesReadTest.smoothImage(12, 9);
        ImageFiles.write(first, file);

        ImageFiles.write(second, file);

        assertThat(ImageFiles.read(file)).isEqualTo(second);
        assertThat(namesIn(dir)).containsExactly("out.png");
    }

    @Test
    void aFailedWriteLeavesWhatWasThereAndNoTemporaryFile() throws IOException {
        // given a name already taken by a non-empty folder, which no file can replace
        Path taken = Files.createDirectory(dir.resolve("taken.png"));
        Files.writeString(taken.resolve("keep.txt"), "precious");

        assertThatThrownBy(() -> ImageFiles.write(ImageFilesReadTest.noisyImage(8, 8), taken))
                .isInstanceOf(TransferFailedException.class)
                .hasMessageStartingWith("cannot write " + taken);

        assertThat(taken.resolve("keep.txt")).hasContent("precious");
        assertThat(namesIn(dir)).containsExactly("taken.png");
    }

    @Test
    void aReaderNeverSeesAHalfWrittenFile() throws Exception {
        // given two different pictures written in turn to one name while another thread keeps reading it
        Path file = dir.resolve("live.png");
        RgbImage first = ImageFilesReadTest.noisyImage(96, 96);
        RgbImage second = ImageFilesReadTest.smoothImage(96, 96);
        ImageFiles.write(first, file);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> problems = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    RgbImage seen = ImageFiles.read(file);
                    if (!seen.equals(first) && !seen.equals(second)) {
                        problems.add("a picture that was never written");
                    }
                    reads.incrementAndGet();
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
        });
        reader.start();

        // when
        try {
            for (int i = 0; i < 60; i++) {
                ImageFiles.write(i % 2 == 0 ? second : first, file);
            }
        } finally {
            writing.set(false);
            reader.join();
        }

        // then
        assertThat(problems).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(namesIn(dir)).containsExactly("live.png");
    }

    private static List<String> namesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
