package dev.nst.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds cuBLAS 12 or 13 and cuDNN 9 in a list of folders (first folder holding one wins; within a folder, cuBLAS 12
 * before 13) without loading anything, so that they can be preloaded by absolute path: the dynamic linker then
 * satisfies JCuda's JNI libraries, which ask for them by name, with the copies already loaded.
 */
public final class LibraryLocator {

    /** Other major versions worth naming when the one needed is missing, newest first. */
    private static final int[] OTHER_CUBLAS = {11};
    private static final int[] OTHER_CUDNN = {8};

    private final LibraryNames names;

    public LibraryLocator(LibraryNames names) {
        this.names = names;
    }

    public LocatedLibraries locate(List<Path> folders) {
        return new LocatedLibraries(cublas(folders), cudnn(folders), firstOf(folders, OTHER_CUBLAS, true),
                firstOf(folders, OTHER_CUDNN, false));
    }

    private Optional<LibrarySet> cublas(List<Path> folders) {
        for (Path folder : folders) {
            for (int major : LibraryNames.CUBLAS_MAJORS) {
                String name = names.cublas(major);
                if (Files.exists(folder.resolve(name))) {
                    List<Path> required = new ArrayList<>();
                    Path lt = folder.resolve(names.cublasLt(major));
                    if (Files.isRegularFile(lt)) {
                        required.add(lt);
                    }
                    required.add(folder.resolve(name));
                    return Optional.of(new LibrarySet(name, major, folder, List.of(), required));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<LibrarySet> cudnn(List<Path> folders) {
        String name = names.cudnn(LibraryNames.CUDNN_MAJOR);
        return first(folders, name).map(folder -> {
            List<Path> parts = LibraryNames.CUDNN_PARTS.stream().map(part -> folder.resolve(names.cudnnPart(part)))
                    .filter(Files::isRegularFile).toList();
            return new LibrarySet(name, LibraryNames.CUDNN_MAJOR, folder, parts, List.of(folder.resolve(name)));
        });
    }

    private Optional<Path> firstOf(List<Path> folders, int[] majors, boolean cublas) {
        for (int major : majors) {
            String name = cublas ? names.cublas(major) : names.cudnn(major);
            Optional<Path> folder = first(folders, name);
            if (folder.isPresent()) {
                return Optional.of(folder.get().resolve(name));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> first(List<Path> folders, String file) {
        return folders.stream().filter(folder -> Files.exists(folder.resolve(file))).findFirst();
    }
}
