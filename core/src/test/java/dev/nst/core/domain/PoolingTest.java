package dev.nst.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PoolingTest {

    @ParameterizedTest
    @CsvSource({"max, MAX", "MAX, MAX", " avg , AVG", "average, AVG", "Avg, AVG"})
    void parsesTheNamesUsersWrite(String id, Pooling expected) {
        assertThat(Pooling.parse(id)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"MAX, max", "AVG, avg"})
    void theIdParsesBack(Pooling pooling, String id) {
        assertThat(pooling.id()).isEqualTo(id);
        assertThat(Pooling.parse(pooling.id())).isEqualTo(pooling);
    }

    @ParameterizedTest
    @CsvSource({"min", "mean", "''"})
    void anUnknownPoolingSaysWhatToUse(String id) {
        assertThatThrownBy(() -> Pooling.parse(id))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown pooling '" + id + "'; use max or avg");
    }
}
