package dev.nst.cuda;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the CUDA libraries are looked for, in order: {@code NST_CUDA_LIBRARY_PATH}; {@code LD_LIBRARY_PATH} (on
 * Windows {@code PATH}); {@code CUDA_HOME} and {@code CUDA_PATH}; the CUDA toolkits under {@code /usr/local}; the
 * system library folders; and the {@code nvidia/<package>/lib} folders of Python environments ({@code NST_PYTHON_SITE},
 * the active virtual or conda environment, the user's site, {@code /opt/<name>/.venv}, conda under {@code /opt},
 * and the system's site- and dist-packages), where {@code pip install nvidia-cublas-cu12 nvidia-cudnn-cu12} (or, for
 * CUDA 13, {@code nvidia-cublas nvidia-cudnn-cu13}, into {@code nvidia/cu13/lib}) puts them.
 */
public final class SearchPath {

    public static final String LIBRARY_PATH_VARIABLE = "NST_CUDA_LIBRARY_PATH";
    public static final String PYTHON_SITE_VARIABLE = "NST_PYTHON_SITE";

    private final Map<String, String> environment;
    private final LibraryNames names;
    private final Path home;
    private final Path root;

    /**
     * @param root the file-system root the fixed locations ({@code /usr/local}, {@code /opt}, ...) are resolved
     *             against; {@code /} except in tests
     */
    public SearchPath(Map<String, String> environment, LibraryNames names, Path home, Path root) {
        this.environment = Map.copyOf(environment);
        this.names = names;
        this.home = home;
        this.root = root;
    }

    public static SearchPath ofSystem() {
        LibraryNames names = LibraryNames.ofSystem();
        Path root = names == LibraryNames.LINUX ? Path.of("/") : Path.of(System.getProperty("user.home")).getRoot();
        return new SearchPath(System.getenv(), names, Path.of(System.getProperty("user.home")), root);
    }

    /** The folders to look in, first match wins; only existing folders, each once. */
    public List<Path> folders() {
        Set<Path> folders = new LinkedHashSet<>();
        folders.addAll(variable(LIBRARY_PATH_VARIABLE));
        folders.addAll(variable(names == LibraryNames.LINUX ? "LD_LIBRARY_PATH" : "PATH"));
        for (Path toolkit : toolkitRoots()) {
            folders.addAll(toolkitLibraries(toolkit));
        }
        if (names == LibraryNames.LINUX) {
            folders.add(root.resolve("usr/lib/x86_64-linux-gnu"));
            folders.add(root.resolve("usr/lib64"));
        }
        for (Path site : pythonSites()) {
            folders.addAll(children(site.resolve("nvidia"), "*").stream()
                    .map(p -> p.resolve(names.pipLibraryFolder())).toList());
        }
        return folders.stream().filter(Files::isDirectory).map(Path::normalize).distinct().toList();
    }

    private List<Path> toolkitRoots() {
        List<Path> roots = new ArrayList<>();
        roots.addAll(single("CUDA_HOME"));
        if (names == LibraryNames.WINDOWS) {
            // The CUDA installer sets CUDA_PATH and one CUDA_PATH_V<major>_<minor> per version installed.
            environment.keySet().stream().filter(k -> k.startsWith("CUDA_PATH")).sorted()
                    .forEach(k -> roots.addAll(single(k)));
        } else {
            roots.addAll(single("CUDA_PATH"));
            roots.addAll(children(root.resolve("usr/local"), "cuda*"));
        }
        return roots;
    }

    private List<Path> toolkitLibraries(Path toolkit) {
        return names == LibraryNames.LINUX
                ? List.of(toolkit.resolve("lib64"), toolkit.resolve("lib"), toolkit.resolve("targets/x86_64-linux/lib"))
                : List.of(toolkit.resolve("bin"));
    }

    private List<Path> pythonSites() {
        List<Path> sites = new ArrayList<>(variable(PYTHON_SITE_VARIABLE));
        for (String prefix : List.of("VIRTUAL_ENV", "CONDA_PREFIX")) {
            single(prefix).forEach(p -> sites.addAll(sitesOf(p)));
        }
        if (names == LibraryNames.LINUX) {
            sites.addAll(sitesOf(home.resolve(".local")));
            for (Path opt : children(root.resolve("opt"), "*")) {
                sites.addAll(sitesOf(opt.resolve(".venv")));
                sites.addAll(sitesOf(opt));
            }
            for (Path python : children(root.resolve("usr/local/lib"), "python3*")) {
                sites.add(python.resolve("dist-packages"));
                sites.add(python.resolve("site-packages"));
            }
            sites.add(root.resolve("usr/lib/python3/dist-packages"));
        }
        return sites;
    }

    /** The site-packages folders of a Python installation or environment. */
    private List<Path> sitesOf(Path prefix) {
        if (names == LibraryNames.WINDOWS) {
            return List.of(prefix.resolve("Lib/site-packages"));
        }
        return children(prefix.resolve("lib"), "python3*").stream().map(p -> p.resolve("site-packages")).toList();
    }

    private List<Path> variable(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Stream.of(value.split(Pattern.quote(names.pathSeparator())))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
    }

    private List<Path> single(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? List.of() : List.of(Path.of(value.trim()));
    }

    /** The entries of {@code folder} matching {@code glob}, sorted by name; none if it is not a readable folder. */
    private static List<Path> children(Path folder, String glob) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, glob)) {
            entries.forEach(found::add);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        found.sort(null);
        return found;
    }
}
