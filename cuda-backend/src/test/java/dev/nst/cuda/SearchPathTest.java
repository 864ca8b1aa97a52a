package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchPathTest {

    @TempDir
    Path root;
    private FakeTree tree;
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void setUp() {
        tree = new FakeTree(root);
    }

    private SearchPath linux() {
        return new SearchPath(environment, LibraryNames.LINUX, tree.path("home/user"), root);
    }

    @Test
    void looksInTheConfiguredFoldersFirstThenTheLinkerPathThenToolkitsThenSystemThenPythonEnvironments() {
        Path own = tree.folder("own/lib");
        Path own2 = tree.folder("own/lib2");
        Path linker = tree.folder("ld/lib");
        Path cudaHome = tree.folder("toolkit/lib64");
        Path local12 = tree.folder("usr/local/cuda-12.6/lib64");
        Path local13 = tree.folder("usr/local/cuda-13.0/targets/x86_64-linux/lib");
        Path system = tree.folder("usr/lib/x86_64-linux-gnu");
        Path site = tree.folder("site/nvidia/cublas/lib");
        Path venv = tree.folder("venv/lib/python3.12/site-packages/nvidia/cudnn/lib");
        Path conda = tree.folder("conda/lib/python3.11/site-packages/nvidia/cublas/lib");
        Path user = tree.folder("home/user/.local/lib/python3.10/site-packages/nvidia/cublas/lib");
        Path optVenv = tree.folder("opt/torch/.venv/lib/python3.12/site-packages/nvidia/cu13/lib");
        Path optConda = tree.folder("opt/conda/lib/python3.11/site-packages/nvidia/cudnn/lib");
        Path dist = tree.folder("usr/local/lib/python3.11/dist-packages/nvidia/cublas/lib");
        environment.put(SearchPath.LIBRARY_PATH_VARIABLE, own + ":" + own2);
        environment.put("LD_LIBRARY_PATH", linker.toString());
        environment.put("CUDA_HOME", tree.path("toolkit").toString());
        environment.put(SearchPath.PYTHON_SITE_VARIABLE, tree.path("site").toString());
        environment.put("VIRTUAL_ENV", tree.path("venv").toString());
        environment.put("CONDA_PREFIX", tree.path("conda").toString());

        assertThat(linux().folders()).containsExactly(own, own2, linker, cudaHome, local12, local13, system, site, venv,
                conda, user, optConda, optVenv, dist);
    }

    @Test
    void foldersThatDoNotExistAreLeftOutAndEachFolderComesOnce() {
        Path lib = tree.folder("lib");
        environment.put(SearchPath.LIBRARY_PATH_VARIABLE, lib + "::" + root.resolve("missing") + ":" + lib);
        environment.put("LD_LIBRARY_PATH", lib + "/.");

        assertThat(linux().folders()).containsExactly(lib);
    }

    @Test
    void withNothingSetAndNothingInstalledThereIsNothingToSearch() {
        assertThat(linux().folders()).isEmpty();
    }

    @Test
    void onWindowsPathAndTheCudaInstallersVariablesAndPipsBinFoldersAreSearched() {
        Path own = tree.folder("own");
        Path onPath = tree.folder("tools/bin");
        Path toolkit = tree.folder("cuda/v12.6/bin");
        Path venv = tree.folder("venv/Lib/site-packages/nvidia/cublas/bin");
        environment.put(SearchPath.LIBRARY_PATH_VARIABLE, own.toString());
        environment.put("PATH", onPath.toString());
        environment.put("CUDA_PATH_V12_6", tree.path("cuda/v12.6").toString());
        environment.put("VIRTUAL_ENV", tree.path("venv").toString());

        assertThat(new SearchPath(environment, LibraryNames.WINDOWS, tree.path("home"), root).folders())
                .containsExactly(own, onPath, toolkit, venv);
    }
}
