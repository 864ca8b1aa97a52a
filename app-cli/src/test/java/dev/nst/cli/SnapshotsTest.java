package dev.nst.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.image.ImageFormat;
import dev.nst.core.image.OutputOptions;
import dev.nst.core.port.in.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {

    private static final RgbImage IMAGE = RgbImage.ofPackedRgb(2, 2, new int[] {0, 0xffffff, 0x808080, 0x102030});

    @TempDir
    Path dir;

    @Test
    void everyNthIterationBeforeTheLastIsSavedUnderItsNumber() throws IOException {
        Snapshots snapshots = new Snapshots(dir.resolve("out.png"), 2, OutputOptions.of(ImageFormat.PNG));

        for (int i = 0; i <= 4; i++) {
            snapshots.onProgress(Progress.ofOneStage(2, i, 4, new LossBreakdown(0, 0, 0), Duration.ZERO, () -> IMAGE));
        }

        assertThat(names()).containsExactly("out_2.png");
    }

    @Test
    void stagesOfATransferDoNotOverwriteEachOthersSnapshots() throws IOException {
        Snapshots snapshots = new Snapshots(dir.resolve("out.png"), 2, OutputOptions.of(ImageFormat.PNG));

        for (int stage = 1; stage <= 2; stage++) {
            for (int i = 0; i <= 4; i++) {
                snapshots.onProgress(new Progress(stage, 2, 2, i, 4, new LossBreakdown(0, 0, 0), Duration.ZERO,
                        () -> IMAGE));
            }
        }

        assertThat(names()).containsExactly("out_s1_2.png", "out_s2_2.png");
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
