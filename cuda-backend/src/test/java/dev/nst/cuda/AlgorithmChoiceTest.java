package dev.nst.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.cuda.AlgorithmChoice.Choice;
import dev.nst.cuda.AlgorithmChoice.Timing;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class AlgorithmChoiceTest {

    private static IntFunction<OptionalLong> workspaces(Map<Integer, Long> bytes) {
        return algorithm -> bytes.containsKey(algorithm) ? OptionalLong.of(bytes.get(algorithm)) : OptionalLong.empty();
    }

    @Test
    void takesTheFastestSuccessfulDeterministicAlgorithmWhoseWorkspaceFits() {
        List<Timing> timings = List.of(
                new Timing(0, true, 0.5f, false),   // fastest, but not deterministic
                new Timing(6, false, 0.6f, true),   // failed
                new Timing(7, true, 0.7f, true),    // needs too much workspace
                new Timing(1, true, 0.9f, true),
                new Timing(2, true, 0.8f, true));   // unsorted on purpose

        assertThat(AlgorithmChoice.fastest(timings, workspaces(Map.of(0, 0L, 7, 5000L, 1, 10L, 2, 100L)), 1000))
                .contains(new Choice(2, 100));
    }

    @Test
    void fallsBackToANonDeterministicAlgorithmWhenNoDeterministicOneWorks() {
        List<Timing> timings = List.of(new Timing(0, true, 0.5f, false), new Timing(1, false, 0.4f, true));

        assertThat(AlgorithmChoice.fastest(timings, workspaces(Map.of(0, 0L, 1, 0L)), 0)).contains(new Choice(0, 0));
    }

    @Test
    void skipsAlgorithmsWhoseWorkspaceCuDnnCannotTellAndUnmeasuredOnes() {
        List<Timing> timings = List.of(new Timing(3, true, 0.1f, true), new Timing(4, true, -1f, true),
                new Timing(5, true, Float.NaN, true), new Timing(1, true, 2f, true));

        assertThat(AlgorithmChoice.fastest(timings, workspaces(Map.of(1, 0L, 4, 0L, 5, 0L)), 0))
                .contains(new Choice(1, 0));
    }

    @Test
    void nothingUsableIsNoChoice() {
        assertThat(AlgorithmChoice.fastest(List.of(new Timing(1, false, 1f, true)), workspaces(Map.of(1, 0L)), 10))
                .isEmpty();
        assertThat(AlgorithmChoice.fastest(List.of(), workspaces(Map.of()), 10)).isEmpty();
    }

    @Test
    void theWorkspaceLimitIsAQuarterOfFreeMemoryUpToOneGibibyte() {
        assertThat(AlgorithmChoice.workspaceLimit(400L << 20)).isEqualTo(100L << 20);
        assertThat(AlgorithmChoice.workspaceLimit(80L << 30)).isEqualTo(1L << 30);
        assertThat(AlgorithmChoice.workspaceLimit(0)).isZero();
    }
}
