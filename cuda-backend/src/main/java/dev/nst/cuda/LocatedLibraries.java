package dev.nst.cuda;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a search of the library folders found.
 *
 * @param cublas      the cuBLAS of CUDA 12 or 13, if found
 * @param cudnn       cuDNN 9, if found
 * @param otherCublas a cuBLAS of an older CUDA (e.g. {@code libcublas.so.11}), for the hint when no usable one is
 *                    found
 * @param otherCudnn  a cuDNN of another major version (e.g. {@code libcudnn.so.8}), likewise
 */
public record LocatedLibraries(Optional<LibrarySet> cublas, Optional<LibrarySet> cudnn, Optional<Path> otherCublas,
                               Optional<Path> otherCudnn) {

    public static final LocatedLibraries NONE = new LocatedLibraries(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
}
