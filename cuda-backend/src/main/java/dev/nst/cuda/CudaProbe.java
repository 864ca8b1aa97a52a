package dev.nst.cuda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds out, without risking the JVM, whether the CUDA backend can run: the runtime and a driver, a GPU new enough,
 * cuBLAS 12 or 13 and cuDNN 9 (found and preloaded by absolute path where they are not on the linker's path). Every
 * failure becomes a reason a user can act on; nothing is thrown.
 */
final class CudaProbe {

    private static final int DEVICE = 0;

    private final CudaPlatform platform;
    private final Supplier<List<Path>> searchFolders;
    private final LibraryNames names;

    CudaProbe(CudaPlatform platform, Supplier<List<Path>> searchFolders, LibraryNames names) {
        this.platform = platform;
        this.searchFolders = searchFolders;
        this.names = names;
    }

    ProbeResult run() {
        try {
            return probe();
        } catch (LinkageError e) {
            return ProbeResult.unusable(UnavailableReasons.bindings(LinkErrors.summary(e.getMessage())));
        } catch (RuntimeException e) {
            return ProbeResult.unusable("the CUDA probe failed: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    private ProbeResult probe() {
        int devices;
        try {
            devices = platform.deviceCount();
        } catch (CudaCallException e) {
            return ProbeResult.unusable(UnavailableReasons.deviceCount(e, driverVersionOrZero()));
        }
        if (devices < 1) {
            return ProbeResult.unusable(UnavailableReasons.noDevice());
        }
        GpuProperties gpu;
        try {
            gpu = platform.gpu(DEVICE);
        } catch (CudaCallException e) {
            return ProbeResult.unusable("cannot query GPU " + DEVICE + " (" + e.getMessage() + ")");
        }
        if (!gpu.supported()) {
            return ProbeResult.unusable(UnavailableReasons.unsupported(gpu));
        }
        LocatedLibraries found = new LibraryLocator(names).locate(searchFolders.get());
        List<Path> folders = new ArrayList<>();
        CublasBinding binding = CublasBinding.forLocated(found.cublas());
        Library cublas = start(new Step("cuBLAS", "cublas", found.cublas(),
                () -> platform.cublasVersion(DEVICE, binding),
                () -> UnavailableReasons.cublasMissing(names, found)), folders);
        if (cublas.failure != null) {
            return ProbeResult.unusable(cublas.failure);
        }
        Library cudnn = start(new Step("cuDNN", "cudnn", found.cudnn(), () -> platform.cudnnVersion(DEVICE),
                () -> UnavailableReasons.cudnnMissing(names, found)), folders);
        if (cudnn.failure != null) {
            return ProbeResult.unusable(cudnn.failure);
        }
        return ProbeResult.usable(new DeviceDescription(DEVICE, gpu, platform.driverVersion(),
                platform.runtimeVersion(), cublas.version, binding, cudnn.version, folders));
    }

    /**
     * One library to start.
     *
     * @param what     its name for users, e.g. {@code cuBLAS}
     * @param keyword  part of the file names of the library and its own dependencies, e.g. {@code cublas}
     * @param located  where the search found it, if it did
     * @param bindings loads JCuda's bindings for it and returns its version
     * @param missing  the reason to give when it is not installed
     */
    private record Step(String what, String keyword, Optional<LibrarySet> located, Supplier<String> bindings,
                        Supplier<String> missing) {
    }

    /** A library's version, or why it cannot be used. */
    private record Library(String version, String failure) {
    }

    /**
     * Preloads the library if it was found, then loads JCuda's bindings for it. When the bindings cannot load
     * because the library itself is missing, the reason says how to install it.
     */
    private Library start(Step step, List<Path> folders) {
        List<String> skipped = List.of();
        if (step.located().isPresent()) {
            try {
                skipped = new LibraryPreloader(platform::load).load(step.located().get());
            } catch (LibraryPreloader.LoadFailure e) {
                return new Library(null, UnavailableReasons.cannotLoad(e));
            }
        }
        String notLoaded = skipped.isEmpty() ? "" : " (not loaded: " + String.join("; ", skipped) + ")";
        try {
            String version = step.bindings().get();
            step.located().ifPresent(set -> folders.add(set.folder()));
            return new Library(version, null);
        } catch (LinkageError e) {
            boolean itselfMissing = LinkErrors.missingLibrary(e.getMessage())
                    .map(name -> name.toLowerCase(Locale.ROOT).contains(step.keyword())).orElse(true);
            if (step.located().isEmpty() && itselfMissing) {
                return new Library(null, step.missing().get());
            }
            return new Library(null, UnavailableReasons.cannotStart(step.what(), LinkErrors.summary(e.getMessage()))
                    + notLoaded);
        } catch (CudaCallException e) {
            return new Library(null, UnavailableReasons.cannotStart(step.what(), e.getMessage()) + notLoaded);
        }
    }

    private int driverVersionOrZero() {
        try {
            return platform.driverVersion();
        } catch (CudaCallException | LinkageError e) {
            return 0;
        }
    }
}
