package dev.nst.cli;

import dev.nst.core.image.OutputOptions;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import java.nio.file.Path;

/**
 * {@code --save-every N}: the image at every N-th iteration before the last, as {@code <name>_<iteration>.<ext>};
 * in a transfer of several stages {@code <name>_s<stage>_<iteration>.<ext>}, so stages do not overwrite each other.
 */
final class Snapshots implements ProgressListener {

    private final Path output;
    private final int every;
    private final OutputOptions options;

    /** @param options how the result is written (snapshots are written alike) */
    Snapshots(Path output, int every, OutputOptions options) {
        this.output = output;
        this.every = every;
        this.options = options;
    }

    @Override
    public void onProgress(Progress progress) {
        int k = progress.iteration();
        if (every > 0 && k > 0 && k % every == 0 && k < progress.iterations()) {
            String suffix = progress.isStaged() ? "s" + progress.stage() + "_" + k : String.valueOf(k);
            OutputFiles.write(progress.image().get(), OutputFiles.numbered(output, suffix), options);
        }
    }
}
