package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.LossWeights;
import dev.nst.core.domain.Preprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileInfoTest {

    @TempDir
    Path temp;

    @Test
    void describesAFileFully() throws IOException {
        WeightsFileInfo info = WeightsFileInfo.of(fixture("torchvision_legacy_v1.pth"));

        assertThat(info.format()).isEqualTo(WeightsFormat.TORCH_LEGACY);
        assertThat(info.weights().convolutions()).hasSize(16);
        assertThat(info.weights().preprocessing()).isEqualTo(Preprocessing.TORCHVISION_RGB);
        assertThat(info.digests()).isEqualTo(FileDigests.of(fixture("torchvision_legacy_v1.pth")));
        assertThat(info.published()).isEmpty();
    }

    @Test
    void describesACaffeModel() {
        WeightsFileInfo info = WeightsFileInfo.of(fixture("vgg19_caffe_v1.caffemodel"));

        assertThat(info.format()).isEqualTo(WeightsFormat.CAFFE);
        assertThat(info.weights().convolutions()).hasSize(16);
        assertThat(info.weights().preprocessing()).isEqualTo(Preprocessing.CAFFE_BGR);
        assertThat(info.weights().recommendedLossWeights()).isEqualTo(LossWeights.DEFAULT);
        assertThat(info.published()).isEmpty();
    }

    @Test
    void aFileIsNotAnythingItIsNot() throws IOException {
        Path text = Files.writeString(temp.resolve("notes.txt"), "hello");

        assertThatThrownBy(() -> WeightsFileInfo.of(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(text + ": not a supported weights file");
    }
}
