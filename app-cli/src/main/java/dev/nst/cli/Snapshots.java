package dev.nst.cli;

import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import java.nio.file.Path;

/** {@code --save-every N}: the image at every N-th iteration before the last, as {@code <name>_<iteration>.<ext>}. */
final class Snapshots implements ProgressListener {

    private final Path output;
    private final int every;

    Snapshots(Path output, int every) {
        this.output = output;
        this.every = every;
    }

    @Override
    public void onProgress(Progress progress) {
        int k = progress.iteration();
        if (every > 0 && k > 0 && k % every == 0 && k < progress.iterations()) {
            OutputFiles.write(progress.image().get(), OutputFiles.numbered(output, k));
        }
    }
}
