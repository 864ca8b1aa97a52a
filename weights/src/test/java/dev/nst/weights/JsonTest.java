package dev.nst.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesObjectsArraysStringsNumbersAndLiteralsKeepingKeyOrder() {
        Object value = Json.parse(" {\"b\": [1, -2, 3.5, 1e3], \"a\": {\"s\": \"x\\\"y\\u00e9\\n\"}, \"t\": true,"
                + " \"f\": false, \"n\": null} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", List.of(1L, -2L, 3.5, 1000.0));
        expected.put("a", Map.of("s", "x\"y\u00e9\n"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        assertThat(value).isEqualTo(expected);
        assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.of("b", "a", "t", "f", "n"));
    }

    @Test
    void writesWhatItParses() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "a \"quoted\"\\path\n\u0001");
        value.put("list", List.of(1L, 2.5, "x"));
        value.put("empty", Map.of());
        value.put("null", null);

        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
        assertThat(Json.write(List.of(1, true))).isEqualTo("[1,true]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "\"open", "01", "1.", "tru", "{} x",
        "{\"a\":1,\"a\":2}", "{a:1}", "\"\\q\""})
    void rejectsWhatIsNotJson(String text) {
        assertThatThrownBy(() -> Json.parse(text))
                .as(Arrays.toString(text.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JSON: ");
    }
}
