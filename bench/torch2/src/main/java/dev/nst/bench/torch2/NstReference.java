package dev.nst.bench.torch2;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.out.BackendOptions;
import dev.nst.core.port.out.ComputeBackend;
import dev.nst.core.port.out.LoadWeightsPort;
import dev.nst.core.service.BackendRegistry;
import dev.nst.core.service.TransferStyleService;
import java.util.List;

/**
 * nst's own answer for the same run: its {@code TransferStyleService} on its CPU backend (found on the class path like
 * every backend), in this process, with the same images, settings and weights.
 */
final class NstReference {

    /** The backend that runs the reference. */
    static final String BACKEND = "cpu";

    private NstReference() {
    }

    /** The losses of iterations 0 to {@code settings.iterations()} as nst reports them. */
    static LossBreakdown[] losses(RgbImage content, RgbImage style, TransferSettings settings, LoadWeightsPort weights,
                                  int threads) {
        LossBreakdown[] losses = new LossBreakdown[settings.iterations() + 1];
        TransferStyleCommand command = TransferStyleCommand.of(content, List.of(style), new InitialImage.Noise(),
                settings);
        try (ComputeBackend backend = BackendRegistry.discover().select(BACKEND, new BackendOptions(threads)).backend()) {
            new TransferStyleService(backend, weights).transfer(command,
                    progress -> losses[progress.iteration()] = progress.loss());
        }
        return losses;
    }
}
