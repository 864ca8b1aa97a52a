package dev.nst.cli;

import dev.nst.core.port.in.Tiling;
import dev.nst.core.port.in.TransferSettings;
import picocli.CommandLine.Option;

/** The options that shape a transfer's memory, shared by every command that runs or plans transfers. */
final class MemoryOptions {

    @Option(names = "--tile-size", defaultValue = "auto", paramLabel = "N|auto|off",
            converter = DomainConverters.TilingConverter.class,
            description = "Run the network on tiles whose interiors are N px (rounded up to the network's stride, 16"
                    + " for relu5_1), each read with a halo covering the deepest layer's receptive field, so losses"
                    + " and gradients are exactly the whole image's; auto tiles only where the memory plan says the"
                    + " whole image does not fit (default: ${DEFAULT-VALUE}).")
    Tiling tiling;

    @Option(names = "--lbfgs-history", paramLabel = "N",
            description = "L-BFGS correction pairs kept, each two image-sized vectors (neural-style's"
                    + " -lbfgs_num_correction; default: " + TransferSettings.DEFAULT_LBFGS_HISTORY + ", shortened under"
                    + " --tile-size auto where it does not fit).")
    Integer lbfgsHistory;

    @Option(names = "--max-memory", paramLabel = "SIZE", converter = DomainConverters.BytesConverter.class,
            description = "The most memory the transfer may use, e.g. 8G or 512M (on the host, and on the GPU with"
                    + " the cuda backend; default: what the machine has available).")
    Long maxMemory;

    /** {@code settings} with the tiles, history and memory limit given. */
    TransferSettings.Builder applyTo(TransferSettings.Builder settings) {
        settings.tiling(tiling);
        if (lbfgsHistory != null) {
            settings.lbfgsHistory(lbfgsHistory);
        }
        if (maxMemory != null) {
            settings.maxMemory(maxMemory);
        }
        return settings;
    }
}
