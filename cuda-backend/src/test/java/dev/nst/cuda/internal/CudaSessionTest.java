package dev.nst.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import org.junit.jupiter.api.Test;

/** The element limit a session checks before it allocates (cuDNN and cuBLAS take {@code int} sizes); no GPU needed. */
class CudaSessionTest {

    @Test
    void aTensorOfUpToIntegerMaxValueElementsIsAllowed() {
        assertThatCode(() -> CudaSession.requireAddressable(new Shape(1, 1, Integer.MAX_VALUE)))
                .doesNotThrowAnyException();
        assertThatCode(() -> CudaSession.requireAddressable(new Shape(64, 4096, 8191))).doesNotThrowAnyException();
    }

    @Test
    void aLargerTensorIsRefusedNamingItsShapeAndCountWithTheHintToReduceTheSize() {
        assertThatThrownBy(() -> CudaSession.requireAddressable(new Shape(64, 6000, 6000)))
                .isInstanceOfSatisfying(TransferFailedException.class, e -> {
                    assertThat(e).hasMessage("the cuda backend holds at most 2147483647 values in one tensor, but a"
                            + " tensor of 64x6000x6000 has 2304000000");
                    assertThat(e.hints()).containsExactly(Hint.reduceSize());
                });
    }
}
