package dev.nst.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.nst.core.domain.Hint;
import dev.nst.core.domain.Shape;
import dev.nst.core.domain.TransferFailedException;
import dev.nst.core.port.out.Tensor;
import org.junit.jupiter.api.Test;

class CpuSessionTest {

    private final Parallel parallel = new Parallel(1);

    @Test
    void closingTheSessionFreesEveryTensorItAllocated() {
        CpuSession session = new CpuSession(new JavaKernels(parallel, "test"), parallel);
        Tensor a = session.zeros(new Shape(3, 4, 5));
        Tensor b = session.upload(new Shape(1, 2, 2), new float[] {1, 2, 3, 4});

        session.close();

        assertThatThrownBy(a::toArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("after close");
        assertThatThrownBy(b::toArray).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTensorClosedEarlyIsNotFreedTwice() {
        CpuSession session = new CpuSession(new JavaKernels(parallel, "test"), parallel);
        Tensor a = session.zeros(new Shape(3, 4, 5));

        a.close();
        session.close();

        assertThatThrownBy(a::toArray).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void runningOutOfMemoryIsAFailureThatSuggestsASmallerSize() {
        CpuKernels kernels = mock(CpuKernels.class);
        Allocator exhausted = floats -> {
            throw new OutOfMemoryError("Cannot allocate " + floats * 4L + " bytes");
        };
        when(kernels.allocator()).thenReturn(exhausted);
        CpuSession session = new CpuSession(kernels, parallel);

        assertThatThrownBy(() -> session.zeros(new Shape(64, 1024, 1024)))
                .isInstanceOfSatisfying(TransferFailedException.class,
                        e -> assertThat(e.hints()).containsExactly(Hint.reduceSize()))
                .hasMessage("not enough memory: could not allocate 256 MiB more");
    }

    @Test
    void aTensorLargerThanABufferCanIndexIsRefusedBeforeAllocatingNamingItsSize() {
        CpuKernels kernels = mock(CpuKernels.class);
        when(kernels.allocator()).thenReturn(floats -> {
            throw new AssertionError("nothing may be allocated");
        });
        CpuSession session = new CpuSession(kernels, parallel);

        assertThatThrownBy(() -> session.zeros(new Shape(64, 6000, 6000)))
                .isInstanceOfSatisfying(TransferFailedException.class,
                        e -> assertThat(e.hints()).containsExactly(Hint.reduceSize()))
                .hasMessage("the cpu backend holds at most 2147483647 values in one tensor, but 64x6000x6000 has"
                        + " 2304000000");
    }

    @Test
    void aStageScopeFreesItsTensorsAndLeavesTheSessionsAlone() {
        CpuSession session = new CpuSession(new JavaKernels(parallel, "test"), parallel);
        Tensor kept = session.zeros(new Shape(1, 2, 2));
        var stage = session.openScope();
        Tensor temporary = stage.zeros(new Shape(3, 4, 5));

        stage.close();

        assertThatThrownBy(temporary::toArray).isInstanceOf(IllegalStateException.class);
        assertThat(kept.toArray()).containsOnly(0f);
        assertThat(session.liveTensors()).isEqualTo(1);
        session.close();
        assertThat(session.liveTensors()).isZero();
    }

    @Test
    void uploadRejectsAValueCountThatDoesNotMatchTheShape() {
        CpuSession session = new CpuSession(new JavaKernels(parallel, "test"), parallel);

        assertThatThrownBy(() -> session.upload(new Shape(1, 2, 2), new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
        session.close();
    }
}
