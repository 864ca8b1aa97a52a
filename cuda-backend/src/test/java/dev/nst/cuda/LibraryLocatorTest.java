package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryLocatorTest {

    @TempDir
    Path root;
    private FakeTree tree;
    private final LibraryLocator locator = new LibraryLocator(LibraryNames.LINUX);

    @BeforeEach
    void setUp() {
        tree = new FakeTree(root);
    }

    @Test
    void findsCublasWithItsLtLibraryToLoadFirst() {
        Path lib = tree.file("pip/nvidia/cublas/lib/libcublas.so.12");
        tree.file("pip/nvidia/cublas/lib/libcublasLt.so.12");

        LocatedLibraries found = locator.locate(List.of(lib));

        assertThat(found.cublas()).hasValueSatisfying(set -> {
            assertThat(set.name()).isEqualTo("libcublas.so.12");
            assertThat(set.folder()).isEqualTo(lib);
            assertThat(set.required()).containsExactly(lib.resolve("libcublasLt.so.12"), lib.resolve("libcublas.so.12"));
            assertThat(set.optional()).isEmpty();
        });
        assertThat(found.cudnn()).isEmpty();
    }

    @Test
    void theFirstFolderHoldingALibraryWinsEachLibrarySeparately() {
        Path first = tree.file("a/libcublas.so.12");
        Path second = tree.file("b/libcublas.so.12");
        tree.file("b/libcudnn.so.9");

        LocatedLibraries found = locator.locate(List.of(first, second));

        assertThat(found.cublas().orElseThrow().folder()).isEqualTo(first);
        assertThat(found.cublas().orElseThrow().required()).containsExactly(first.resolve("libcublas.so.12"));
        assertThat(found.cudnn().orElseThrow().folder()).isEqualTo(second);
    }

    @Test
    void cudnnsSubLibrariesAreLoadedFirstInDependencyOrderAsFarAsPresent() {
        Path lib = tree.file("cudnn/lib/libcudnn.so.9");
        for (String part : List.of("adv", "cnn", "ops", "graph", "engines_precompiled", "heuristic")) {
            tree.file("cudnn/lib/libcudnn_" + part + ".so.9");
        }
        tree.file("cudnn/lib/libcudnn_ops.so.8");

        LibrarySet cudnn = locator.locate(List.of(lib)).cudnn().orElseThrow();

        assertThat(cudnn.optional()).extracting(p -> p.getFileName().toString()).containsExactly(
                "libcudnn_graph.so.9", "libcudnn_engines_precompiled.so.9", "libcudnn_heuristic.so.9",
                "libcudnn_ops.so.9", "libcudnn_cnn.so.9", "libcudnn_adv.so.9");
        assertThat(cudnn.required()).containsExactly(lib.resolve("libcudnn.so.9"));
    }

    @Test
    void onACuda13OnlySystemTheCuda13CublasIsFoundWithItsLtLibrary() {
        Path venv = tree.file("opt/torch/.venv/lib/python3.12/site-packages/nvidia/cu13/lib/libcublas.so.13");
        tree.file("opt/torch/.venv/lib/python3.12/site-packages/nvidia/cu13/lib/libcublasLt.so.13");

        LibrarySet cublas = locator.locate(List.of(venv)).cublas().orElseThrow();

        assertThat(cublas.name()).isEqualTo("libcublas.so.13");
        assertThat(cublas.major()).isEqualTo(13);
        assertThat(cublas.file()).isEqualTo(venv.resolve("libcublas.so.13").toAbsolutePath());
        assertThat(cublas.required()).containsExactly(venv.resolve("libcublasLt.so.13"),
                venv.resolve("libcublas.so.13"));
    }

    @Test
    void theSearchOrderWinsOverTheMajorVersionAndCuda12WinsWithinAFolder() {
        Path first = tree.file("mine/libcublas.so.13");
        Path second = tree.file("both/libcublas.so.12");
        tree.file("both/libcublas.so.13");

        assertThat(locator.locate(List.of(first, second)).cublas().orElseThrow().name()).isEqualTo("libcublas.so.13");
        assertThat(locator.locate(List.of(second, first)).cublas().orElseThrow().name()).isEqualTo("libcublas.so.12");
    }

    @Test
    void tooOldLibrariesAreOnlyNamedForTheHint() {
        Path cublas11 = tree.file("old/cuda11/libcublas.so.11");
        Path cudnn8 = tree.file("old/libcudnn.so.8");

        LocatedLibraries found = locator.locate(List.of(cublas11, cudnn8));

        assertThat(found.cublas()).isEmpty();
        assertThat(found.otherCublas()).contains(cublas11.resolve("libcublas.so.11"));
        assertThat(found.otherCudnn()).contains(cudnn8.resolve("libcudnn.so.8"));
    }

    @Test
    void windowsNamesAreCublas64AndCudnn64Dlls() {
        Path bin = tree.file("cuda/bin/cublas64_12.dll");
        tree.file("cuda/bin/cublasLt64_12.dll");
        tree.file("cuda/bin/cudnn64_9.dll");
        tree.file("cuda/bin/cudnn_ops64_9.dll");

        LocatedLibraries found = new LibraryLocator(LibraryNames.WINDOWS).locate(List.of(bin));

        assertThat(found.cublas().orElseThrow().required()).containsExactly(bin.resolve("cublasLt64_12.dll"),
                bin.resolve("cublas64_12.dll"));
        assertThat(found.cudnn().orElseThrow().optional()).containsExactly(bin.resolve("cudnn_ops64_9.dll"));
    }

    @Test
    void nothingFoundInNoFolders() {
        assertThat(locator.locate(List.of())).isEqualTo(LocatedLibraries.NONE);
    }
}
