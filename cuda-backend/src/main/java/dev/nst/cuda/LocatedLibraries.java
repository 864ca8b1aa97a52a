package dev.nst.cuda;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a search of the library folders found.
 *
 * @param cublas      the CUDA 12 cuBLAS, if found
 * @param cudnn       cuDNN 9, if found
 * @param otherCublas a cuBLAS of another CUDA major version (e.g. {@code libcublas.so.13}), for the hint when the
 *                    CUDA 12 one is missing
 * @param otherCudnn  a cuDNN of another major version (e.g. {@code libcudnn.so.8}), likewise
 */
public record LocatedLibraries(Optional<LibrarySet> cublas, Optional<LibrarySet> cudnn, Optional<Path> otherCublas,
                               Optional<Path> otherCudnn) {

    public static final LocatedLibraries NONE = new LocatedLibraries(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
}
