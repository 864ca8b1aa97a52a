package dev.nst.cli;

import dev.nst.weights.DownloadProgress;
import dev.nst.weights.WeightsListener;
import java.io.PrintStream;

/** Tells the user on stderr what the weights repository does: notes, and download progress. */
final class CliWeightsListener implements WeightsListener {

    private final PrintStream err;
    private final DownloadProgressPrinter progress;

    CliWeightsListener(PrintStream err, boolean terminal) {
        this.err = err;
        this.progress = new DownloadProgressPrinter(err, terminal);
    }

    @Override
    public void note(String message) {
        err.println("note: " + message);
    }

    @Override
    public void onDownload(DownloadProgress download) {
        progress.onProgress(download);
    }
}
