package dev.nst.cuda;

import dev.nst.core.domain.BackendUnavailableException;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.BackendProvider;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.cuda.internal.JCudaPlatform;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The CUDA backend: VGG19 on cuDNN, Gram matrices on cuBLAS, the optimisation kept on the GPU. Constructing it loads
 * nothing; the first {@link #availability()} probes the machine once (runtime, driver, GPU, cuBLAS 12 or 13,
 * cuDNN 9) and remembers the answer. It ranks above the CPU backend, so {@code auto} takes it wherever it can run.
 */
public final class CudaBackendProvider implements BackendProvider {

    static final String NAME = "cuda";
    static final int PRIORITY = 20;

    private final Supplier<CudaPlatform> platforms;
    private final Supplier<List<Path>> searchFolders;
    private final LibraryNames names;
    private CudaPlatform platform;
    private ProbeResult probed;

    public CudaBackendProvider() {
        this(() -> new JCudaPlatform(), () -> SearchPath.ofSystem().folders(), LibraryNames.ofSystem());
    }

    CudaBackendProvider(Supplier<CudaPlatform> platforms, Supplier<List<Path>> searchFolders, LibraryNames names) {
        this.platforms = platforms;
        this.searchFolders = searchFolders;
        this.names = names;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        ProbeResult result = probe();
        return result.isUsable() ? Availability.available(result.device().orElseThrow().summary())
                : Availability.unavailable(result.reason());
    }

    @Override
    public ComputeBackend create(BackendOptions options) {
        ProbeResult result = probe();
        DeviceDescription device = result.device()
                .orElseThrow(() -> new BackendUnavailableException(NAME + " backend unavailable: " + result.reason()));
        try {
            return platform.open(device, options.precision());
        } catch (CudaCallException | TransferFailedException e) {
            throw new BackendUnavailableException(NAME + " backend cannot start on " + device.gpu().name() + ": "
                    + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new BackendUnavailableException(NAME + " backend cannot start on " + device.gpu().name() + ": "
                    + LinkErrors.summary(e.getMessage()), e);
        }
    }

    private synchronized ProbeResult probe() {
        if (probed == null) {
            try {
                platform = platforms.get();
                probed = new CudaProbe(platform, searchFolders, names).run();
            } catch (LinkageError | RuntimeException e) {
                probed = ProbeResult.unusable(UnavailableReasons.bindings(LinkErrors.summary(e.getMessage())));
            }
        }
        return probed;
    }
}
