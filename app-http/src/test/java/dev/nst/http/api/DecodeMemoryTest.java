package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.http.TestImages;
import dev.nst.http.job.ServerBusyException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Decodes are admitted by the heap their headers say they need, in order, and refused when they never could be. */
class DecodeMemoryTest {

    private static final long MIB = 1L << 20;
    private static final RequestLimits LIMITS = new RequestLimits(20_000_000, 40_000_000, 8192, 1024, 2000, 4, 4);

    @Test
    void aPictureThatCouldNeverBeDecodedHereIsRefusedNamingTheLimitAndWhatWouldFit() {
        UploadedImages images = new UploadedImages(LIMITS, new DecodeMemory(16 * MIB));

        assertThatThrownBy(() -> images.decode("content", "content (big.png)", TestImages.zeroPng(2000, 1500)))
                .isInstanceOf(FieldException.class)
                .hasMessageStartingWith("content (big.png): 2000x1500 px takes about 46 MiB to decode, and this"
                        + " server decodes at most 16 MiB at once (nst.limits.decode-memory); send it at most")
                .satisfies(e -> assertThat(((FieldException) e).field()).isEqualTo("content"));
        assertThat(images.decode("content", "content", TestImages.zeroPng(800, 600)).width()).isEqualTo(800);
    }

    @Test
    void reservationsWaitForEachOtherInOrderAndGiveUpAfterTheirPatience() throws Exception {
        DecodeMemory memory = new DecodeMemory(100);
        DecodeMemory.Reservation first = memory.reserve(60, Duration.ZERO);
        assertThat(first).isNotNull();
        assertThat(memory.reserve(60, Duration.ofMillis(100))).isNull();

        CompletableFuture<DecodeMemory.Reservation> large = CompletableFuture.supplyAsync(() -> reserve(memory, 90));
        Thread.sleep(100);
        // a small one that would fit now still waits behind the large one that came first
        CompletableFuture<DecodeMemory.Reservation> small = CompletableFuture.supplyAsync(() -> reserve(memory, 20));
        Thread.sleep(100);
        assertThat(large).isNotDone();
        assertThat(small).isNotDone();

        first.close();
        DecodeMemory.Reservation granted = large.get(5, TimeUnit.SECONDS);
        assertThat(memory.reserved()).isEqualTo(90);
        Thread.sleep(100);
        assertThat(small).isNotDone();
        granted.close();
        small.get(5, TimeUnit.SECONDS).close();
        assertThat(memory.reserved()).isZero();
        assertThatThrownBy(() -> memory.reserve(101, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUploadThatWaitedTooLongIsTurnedAwayAsBusy() throws Exception {
        DecodeMemory memory = new DecodeMemory(64 * MIB);
        UploadedImages images = new UploadedImages(LIMITS, memory, Duration.ofMillis(200));
        try (DecodeMemory.Reservation held = memory.reserve(60 * MIB, Duration.ZERO)) {
            assertThatThrownBy(() -> images.decode("style", "style", TestImages.zeroPng(1000, 1000)))
                    .isInstanceOf(ServerBusyException.class)
                    .hasMessageContaining("busy decoding other large uploads");
        }
    }

    private static DecodeMemory.Reservation reserve(DecodeMemory memory, long bytes) {
        try {
            return memory.reserve(bytes, Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
