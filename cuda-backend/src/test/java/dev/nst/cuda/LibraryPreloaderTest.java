package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryPreloaderTest {

    private final Path folder = Path.of("/libs");
    private final List<Path> loaded = new ArrayList<>();

    @Test
    void loadsOptionalLibrariesFirstThenTheRequiredOnesInOrderByAbsolutePath() {
        LibrarySet set = new LibrarySet("libcudnn.so.9", 9, folder,
                List.of(folder.resolve("libcudnn_graph.so.9"), folder.resolve("libcudnn_ops.so.9")),
                List.of(folder.resolve("libcudnn.so.9")));

        List<String> skipped = new LibraryPreloader(loaded::add).load(set);

        assertThat(loaded).containsExactly(folder.resolve("libcudnn_graph.so.9"), folder.resolve("libcudnn_ops.so.9"),
                folder.resolve("libcudnn.so.9"));
        assertThat(skipped).isEmpty();
    }

    @Test
    void anOptionalLibraryThatDoesNotLoadIsReportedAndSkipped() {
        LibrarySet set = new LibrarySet("libcudnn.so.9", 9, folder, List.of(folder.resolve("libcudnn_adv.so.9")),
                List.of(folder.resolve("libcudnn.so.9")));
        LibraryPreloader preloader = new LibraryPreloader(library -> {
            if (library.getFileName().toString().contains("adv")) {
                throw new UnsatisfiedLinkError(library + ": libz.so.1: cannot open shared object file: No such file");
            }
            loaded.add(library);
        });

        List<String> skipped = preloader.load(set);

        assertThat(skipped).containsExactly("libcudnn_adv.so.9: libz.so.1: cannot open shared object file");
        assertThat(loaded).containsExactly(folder.resolve("libcudnn.so.9"));
    }

    @Test
    void aRequiredLibraryThatDoesNotLoadStopsWithTheFileAndWhatIsMissing() {
        LibrarySet set = new LibrarySet("libcublas.so.12", 12, folder, List.of(),
                List.of(folder.resolve("libcublasLt.so.12"), folder.resolve("libcublas.so.12")));
        LibraryPreloader preloader = new LibraryPreloader(library -> {
            throw new UnsatisfiedLinkError(library + ": libstdc++.so.6: cannot open shared object file");
        });

        assertThatThrownBy(() -> preloader.load(set))
                .isInstanceOfSatisfying(LibraryPreloader.LoadFailure.class,
                        e -> assertThat(e.library()).isEqualTo(folder.resolve("libcublasLt.so.12")))
                .hasMessage("/libs/libcublasLt.so.12: libstdc++.so.6: cannot open shared object file");
    }
}
