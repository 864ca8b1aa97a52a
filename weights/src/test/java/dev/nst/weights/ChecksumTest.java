package dev.nst.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumTest {

    private static final FileDigests DIGESTS = new FileDigests("253f8cb515780f3b799900260a226db6",
            "dcbb9e9d" + "0".repeat(56));

    @Test
    void parsesBothAlgorithmsInAnyCase() {
        assertThat(Checksum.parse("MD5:253F8CB515780F3B799900260A226DB6"))
                .isEqualTo(new Checksum(Checksum.Algorithm.MD5, "253f8cb515780f3b799900260a226db6"));
        assertThat(Checksum.parse(" sha-256:dcbb9e9d ")).isEqualTo(new Checksum(Checksum.Algorithm.SHA256, "dcbb9e9d"));
    }

    @Test
    void matchesAWholeDigestOrItsBeginning() {
        assertThat(PublishedWeights.VGG19.checksum().matches(DIGESTS)).isTrue();
        assertThat(PublishedWeights.VGG19_TORCHVISION.checksum().matches(DIGESTS)).isTrue();
        assertThat(Checksum.parse("sha256:dcbb9e9e").matches(DIGESTS)).isFalse();
        assertThat(PublishedWeights.recognise(DIGESTS)).contains(PublishedWeights.VGG19);
        assertThat(PublishedWeights.recognise(new FileDigests("0".repeat(32), DIGESTS.sha256())))
                .contains(PublishedWeights.VGG19_TORCHVISION);
    }

    @Test
    void saysWhetherItIsComplete() {
        assertThat(PublishedWeights.VGG19.checksum()).hasToString("md5:253f8cb515780f3b799900260a226db6");
        assertThat(PublishedWeights.VGG19_TORCHVISION.checksum()).hasToString("sha256:dcbb9e9d...");
    }

    @ParameterizedTest
    @ValueSource(strings = {"253f8cb5", "crc:1234abcd", "md5:xyz", "md5:1234", "md5:" + "a" + "0123456789abcdef0123456789abcdef"})
    void refusesWhatIsNoChecksum(String text) {
        assertThatThrownBy(() -> Checksum.parse(text)).isInstanceOf(InvalidInputException.class);
    }
}
