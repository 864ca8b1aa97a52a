package dev.nst.cli;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --metrics}: one JSON object per evaluated iteration (JSON Lines), flushed as it is written. The file is
 * created on the first progress event, so a run that never starts optimising leaves nothing behind.
 */
final class MetricsLog implements ProgressListener, AutoCloseable {

    private final Path file;
    private BufferedWriter writer;

    MetricsLog(Path file) {
        this.file = file;
    }

    @Override
    public void onProgress(Progress progress) {
        try {
            if (writer == null) {
                Path folder = file.toAbsolutePath().getParent();
                Files.createDirectories(folder);
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            writer.write(json(progress));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new TransferFailedException("cannot write metrics to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code {"iteration":0,"loss":..,"content":..,"style":..,"tv":..,"elapsedMs":..}} with weighted losses; a
     * transfer of several stages starts each row with {@code "stage":2,"size":1024}.
     */
    static String json(Progress progress) {
        LossBreakdown loss = progress.loss();
        String stage = progress.isStaged() ? "\"stage\":" + progress.stage() + ",\"size\":" + progress.size() + "," : "";
        return "{" + stage + "\"iteration\":" + progress.iteration()
                + ",\"loss\":" + number(loss.total())
                + ",\"content\":" + number(loss.content())
                + ",\"style\":" + number(loss.style())
                + ",\"tv\":" + number(loss.tv())
                + ",\"elapsedMs\":" + progress.elapsed().toMillis() + "}";
    }

    /** JSON has no NaN or infinities. */
    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "null";
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new TransferFailedException("cannot write metrics to " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
