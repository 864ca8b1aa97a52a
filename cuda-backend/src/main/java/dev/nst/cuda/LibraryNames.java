package dev.nst.cuda;

import java.util.List;
import java.util.Locale;

/**
 * The file names of the CUDA libraries the backend uses, on one operating system: cuBLAS of CUDA 12 (which JCublas
 * 12.6's JNI library links against) or of CUDA 13 (called through JNA, see {@link CublasBinding}), and cuDNN 9
 * (whose sub-libraries cuDNN opens by name when it needs them).
 */
public enum LibraryNames {
    LINUX(":"),
    WINDOWS(";");

    /** The cuBLAS major version JCublas 12.6 is linked against. */
    public static final int JCUBLAS_MAJOR = 12;
    /** The cuBLAS major versions the backend runs with, preferred first within one folder. */
    public static final List<Integer> CUBLAS_MAJORS = List.of(JCUBLAS_MAJOR, 13);
    /** The cuDNN major version jcudnn-natives 12.6 is linked against. */
    public static final int CUDNN_MAJOR = 9;
    /** cuDNN 9's sub-libraries in the order they depend on each other. */
    static final List<String> CUDNN_PARTS = List.of("graph", "engines_precompiled", "engines_runtime_compiled",
            "heuristic", "ops", "cnn", "adv");

    private final String pathSeparator;

    LibraryNames(String pathSeparator) {
        this.pathSeparator = pathSeparator;
    }

    public static LibraryNames forOs(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows") ? WINDOWS : LINUX;
    }

    public static LibraryNames ofSystem() {
        return forOs(System.getProperty("os.name", "linux"));
    }

    /** Separates the folders of a search-path variable. */
    public String pathSeparator() {
        return pathSeparator;
    }

    public String cublas(int major) {
        return this == LINUX ? "libcublas.so." + major : "cublas64_" + major + ".dll";
    }

    public String cublasLt(int major) {
        return this == LINUX ? "libcublasLt.so." + major : "cublasLt64_" + major + ".dll";
    }

    public String cudnn(int major) {
        return this == LINUX ? "libcudnn.so." + major : "cudnn64_" + major + ".dll";
    }

    /** The file of a cuDNN 9 sub-library such as {@code ops}. */
    public String cudnnPart(String part) {
        return this == LINUX ? "libcudnn_" + part + ".so." + CUDNN_MAJOR
                : "cudnn_" + part + "64_" + CUDNN_MAJOR + ".dll";
    }

    /** The folder below a pip package's root holding its libraries ({@code nvidia/cublas/lib} on Linux). */
    String pipLibraryFolder() {
        return this == LINUX ? "lib" : "bin";
    }
}
