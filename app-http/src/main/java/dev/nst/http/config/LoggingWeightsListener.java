package dev.nst.http.config;

import dev.nst.weights.DownloadProgress;
import dev.nst.weights.WeightsListener;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts what the weights repository does on the server's log: imports and fallbacks as they happen, a download every
 * tenth of the file (a first transfer on a fresh server may fetch the 80 MB VGG19 file).
 */
final class LoggingWeightsListener implements WeightsListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.nst.http.weights");

    private int lastTenth = -1;

    @Override
    public void note(String message) {
        LOG.info("weights: {}", message);
    }

    @Override
    public synchronized void onDownload(DownloadProgress progress) {
        if (progress.done()) {
            LOG.info("weights: downloaded {} ({} MB)", progress.uri(), progress.bytes() >> 20);
            lastTenth = -1;
            return;
        }
        if (progress.total().isEmpty() || progress.total().getAsLong() <= 0) {
            return;
        }
        int tenth = (int) (10 * progress.bytes() / progress.total().getAsLong());
        if (tenth > lastTenth) {
            lastTenth = tenth;
            LOG.info("weights: downloading {}: {}% at {} MB/s", progress.uri(), tenth * 10,
                    String.format(Locale.ROOT, "%.1f", progress.bytesPerSecond() / 1e6));
        }
    }
}
