package dev.nst.http.job;

import dev.nst.core.domain.LossBreakdown;
import dev.nst.core.domain.RgbImage;
import dev.nst.core.domain.TransferCancelledException;
import dev.nst.core.port.in.InitialImage;
import dev.nst.core.port.in.Progress;
import dev.nst.core.port.in.ProgressListener;
import dev.nst.core.port.in.TransferResult;
import dev.nst.core.port.in.TransferSettings;
import dev.nst.core.port.in.TransferStyleCommand;
import dev.nst.core.port.in.TransferStyleUseCase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The use case port, played by the test: each iteration waits for a permit the test hands out, and an interrupted
 * transfer stops as the core's does, with {@link TransferCancelledException}.
 */
final class FakeTransfers implements TransferStyleUseCase {

    static final RgbImage IMAGE = RgbImage.ofPackedRgb(2, 2, new int[] {0xff0000, 0x00ff00, 0x0000ff, 0xffffff});

    final Semaphore steps = new Semaphore(0);
    final Semaphore started = new Semaphore(0);
    final AtomicInteger runs = new AtomicInteger();
    volatile Supplier<RuntimeException> failure;

    static TransferStyleCommand command(int iterations) {
        return TransferStyleCommand.of(IMAGE, List.of(IMAGE), new InitialImage.Noise(),
                TransferSettings.builder().size(32).iterations(iterations).build());
    }

    /** Lets every iteration of every job run without waiting. */
    void open() {
        steps.release(1_000_000);
    }

    boolean awaitStarted() throws InterruptedException {
        return started.tryAcquire(10, TimeUnit.SECONDS);
    }

    @Override
    public TransferResult transfer(TransferStyleCommand command, ProgressListener listener) {
        runs.incrementAndGet();
        started.release();
        int iterations = command.settings().iterations();
        LossBreakdown loss = new LossBreakdown(1, 2, 3);
        for (int i = 0; i <= iterations; i++) {
            try {
                steps.acquire();
            } catch (InterruptedException e) {
                throw new TransferCancelledException(i);
            }
            if (failure != null) {
                throw failure.get();
            }
            listener.onProgress(Progress.ofOneStage(64, i, iterations, loss, Duration.ofMillis(10L * (i + 1)), () -> IMAGE));
            if (Thread.currentThread().isInterrupted() && i < iterations) {
                throw new TransferCancelledException(i);
            }
        }
        return new TransferResult(IMAGE, loss, iterations, Duration.ofMillis(1), "fake backend", "random:0",
                dev.nst.core.domain.LossWeights.DEFAULT);
    }
}
