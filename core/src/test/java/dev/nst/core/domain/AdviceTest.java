package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdviceTest {

    private static Advice.Phrase words(Hint hint) {
        return switch (hint.kind()) {
            case REDUCE_SIZE -> new Advice.Phrase(true, "smaller SIZE");
            case USE_ADAM -> new Advice.Phrase(true, "ADAM");
            case LOWER_LEARNING_RATE -> new Advice.Phrase(true, "smaller RATE");
            case USE_RANDOM_WEIGHTS -> new Advice.Phrase(false, "use RANDOM");
            case USE_TILES -> new Advice.Phrase(true, "TILES " + hint.value().orElse(0));
            case SHORTEN_LBFGS_HISTORY -> new Advice.Phrase(true, "HISTORY " + hint.value().getAsInt());
            case MORE_JAVA_HEAP -> new Advice.Phrase(false, "HEAP " + hint.value().getAsInt());
        };
    }

    @Test
    void alternativesReadAsOneTryAfterASemicolon() {
        assertThat(Advice.append("diverged", List.of(Hint.useAdam(), Hint.lowerLearningRate()), AdviceTest::words))
                .isEqualTo("diverged; try ADAM or smaller RATE");
    }

    @Test
    void otherAdviceFollowsAndAMessageEndingInASentenceGetsSentences() {
        assertThat(Advice.append("Not found.", List.of(Hint.useRandomWeights(), Hint.reduceSize()), AdviceTest::words))
                .isEqualTo("Not found. Try smaller SIZE; use RANDOM.");
        assertThat(Advice.append("not found", List.of(Hint.useRandomWeights()), AdviceTest::words))
                .isEqualTo("not found; use RANDOM");
    }

    @Test
    void withoutHintsTheMessageIsUnchanged() {
        assertThat(Advice.append("plain.", List.of(), AdviceTest::words)).isEqualTo("plain.");
    }

    @Test
    void onlyASizeHintNamesASize() {
        assertThat(Hint.reduceSizeTo(900).value()).hasValue(900);
        assertThat(Hint.reduceSize().value()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Hint(Hint.Kind.USE_ADAM, java.util.OptionalInt.of(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
