package dev.nst.weights;

import static dev.nst.weights.KerasFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.InvalidInputException;
import dev.nst.core.domain.Preprocessing;
import dev.nst.core.domain.Vgg19Weights;
import dev.nst.core.domain.VggLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WeightsCacheTest {

    @TempDir
    Path temp;

    private WeightsCache cache() {
        return new WeightsCache(temp.resolve("cache"));
    }

    @ParameterizedTest
    @CsvSource({
            "vgg19_old_names.h5, vgg19_old_names, Keras HDF5, caffe-bgr",
            "torchvision_zip.pth, torchvision_zip, PyTorch zip checkpoint, torchvision-rgb",
            "torchvision_legacy_v1.pth, torchvision_legacy_v1, PyTorch legacy checkpoint, torchvision-rgb",
            "vgg19_caffe_v1.caffemodel, vgg19_caffe_v1, Caffe model, caffe-bgr",
            "vgg19_caffe_v2.caffemodel, vgg19_caffe_v2, Caffe model, caffe-bgr"})
    void importsEachFormatWithARecordOfWhereItCameFrom(String fixture, String name, String format,
                                                      String preprocessing) throws IOException {
        Path original = fixture(fixture);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        CachedWeights entry = cache().importFile(original, Optional.empty());

        assertThat(entry.name()).isEqualTo(name);
        assertThat(entry.file()).isEqualTo(temp.resolve("cache").resolve(name + ".safetensors"));
        assertThat(entry.size()).isEqualTo(Files.size(entry.file()));
        assertThat(entry.sha256()).contains(FileDigests.of(entry.file()).sha256());
        assertThat(entry.source()).isEqualTo(original.toAbsolutePath().toString());
        assertThat(entry.sourceFormat()).isEqualTo(format);
        assertThat(entry.sourceDigests()).contains(FileDigests.of(original));
        assertThat(entry.preprocessing()).isEqualTo(preprocessing);
        assertThat(entry.imported()).get().satisfies(time -> assertThat(time).isBetween(before, Instant.now()));
        assertThat(entry.isPublished()).isFalse();
        // what list() reads back from the record is what import returned
        assertThat(cache().list()).containsExactly(entry);
        assertThat(cache().load(entry, VggLayer.POOL5).convolutions())
                .hasSize(16)
                .allSatisfy(conv -> assertThat(conv.kernel()).containsExactly(
                        WeightsFiles.read(original, VggLayer.POOL5).convolution(conv.layer()).kernel()));
    }

    @Test
    void theRecordIsJsonBesideTheFile() throws IOException {
        CachedWeights entry = cache().importFile(fixture("torchvision_zip.pth"), Optional.of("mine"));

        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) Json.parse(Files.readString(temp.resolve("cache/mine.json")));

        assertThat(record.keySet()).containsExactlyInAnyOrder("name", "file", "size", "sha256", "source",
                "source_format", "source_md5", "source_sha256", "preprocessing", "imported");
        assertThat(record.get("file")).isEqualTo("mine.safetensors");
        assertThat(record.get("size")).isEqualTo(entry.size());
        assertThat(record.get("sha256")).isEqualTo(entry.sha256().orElseThrow());
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        cache().importFile(fixture("vgg19_old_names.h5"), Optional.of("a"));
        cache().importFile(fixture("vgg19_old_names.h5"), Optional.of("a"));

        try (Stream<Path> files = Files.list(temp.resolve("cache"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("a.safetensors", "a.json");
        }
    }

    @Test
    void filesGetTheUsualPermissionsSoASharedCacheWorks() throws IOException {
        CachedWeights entry = cache().importFile(fixture("vgg19_old_names.h5"), Optional.of("shared"));
        Path control = Files.write(temp.resolve("cache/control"), new byte[1]);

        assertThat(Files.getPosixFilePermissions(entry.file())).isEqualTo(Files.getPosixFilePermissions(control));
        assertThat(Files.getPosixFilePermissions(temp.resolve("cache/shared.json")))
                .isEqualTo(Files.getPosixFilePermissions(control));
    }

    @Test
    void aFileNamedLikePublishedWeightsDoesNotTakeTheirNameUnlessItIsThem() throws IOException {
        Path lookalike = Files.copy(fixture("torchvision_zip.pth"), temp.resolve("vgg19-torchvision.pth"));

        assertThat(cache().importFile(lookalike, Optional.empty()).name()).isEqualTo("vgg19-torchvision-custom");
        assertThat(cache().importFile(lookalike, Optional.of("vgg19-torchvision")).name())
                .isEqualTo("vgg19-torchvision");
    }

    @Test
    void aNameMustBeUsableAsAFileName() {
        assertThatThrownBy(() -> cache().importFile(fixture("vgg19_old_names.h5"), Optional.of("../escape")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'../escape' cannot name a cache entry; use letters, digits, '.', '_' and '-'");
    }

    @Test
    void aCorruptOrIncompleteFileIsNotImported() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("torchvision_legacy.pth"));
        Path truncated = Files.write(temp.resolve("truncated.pth"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> cache().importFile(truncated, Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(truncated + ": ");
        assertThatThrownBy(() -> cache().importFile(fixture("vgg19_block1_only.h5"), Optional.empty()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("has no layer block2_conv1");
        assertThat(cache().list()).isEmpty();
    }

    @Test
    void verifyFindsFilesThatChangedSinceTheyWereRecorded() throws IOException {
        WeightsCache cache = cache();
        CachedWeights good = cache.importFile(fixture("vgg19_old_names.h5"), Optional.of("good"));
        CachedWeights bad = cache.importFile(fixture("vgg19_old_names.h5"), Optional.of("bad"));
        byte[] bytes = Files.readAllBytes(bad.file());
        bytes[bytes.length - 1] ^= 1;
        Files.write(bad.file(), bytes);
        Files.copy(good.file(), temp.resolve("cache/unrecorded.safetensors"));

        List<Verification> results = cache.verify();

        assertThat(results).extracting(v -> v.entry().name() + " " + v.status())
                .containsExactly("bad MISMATCH", "good OK", "unrecorded UNRECORDED");
        assertThat(results.get(0).actualSha256()).isEqualTo(FileDigests.of(bad.file()).sha256())
                .isNotEqualTo(bad.sha256().orElseThrow());
    }

    @Test
    void anEntryWithoutRecordIsListedAsSuch() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("cache"));
        Vgg19Weights weights = WeightsFiles.read(fixture("vgg19_old_names.h5"), VggLayer.RELU1_1);
        Vgg19Safetensors.write(folder.resolve("by-hand.safetensors"), weights, "Keras HDF5");
        Files.writeString(folder.resolve("by-hand.json"), "{not json");

        assertThat(cache().list()).singleElement().satisfies(entry -> {
            assertThat(entry.name()).isEqualTo("by-hand");
            assertThat(entry.sha256()).isEmpty();
            assertThat(entry.source()).isEqualTo("unknown (no record)");
        });
        assertThat(cache().load(cache().find("by-hand").orElseThrow(), VggLayer.RELU1_1).preprocessing())
                .isEqualTo(Preprocessing.CAFFE_BGR);
    }

    @Test
    void anEmptyOrMissingCacheListsNothing() {
        assertThat(cache().list()).isEmpty();
        assertThat(cache().verify()).isEmpty();
        assertThat(cache().find("vgg19")).isEmpty();
    }
}
