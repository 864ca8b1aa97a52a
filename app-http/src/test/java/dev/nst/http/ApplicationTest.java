package dev.nst.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.security.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code java -jar nst-http.jar new-key NAME}: a fresh key, shown once, and the hash the server is configured with. */
class ApplicationTest {

    @Test
    void newKeyPrintsAKeyAndTheSettingThatAcceptsIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Application.newKey(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "new-key", "alice");

        assertThat(status).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher key = Pattern.compile("(nst_[A-Za-z0-9_-]{43})").matcher(text);
        assertThat(key.find()).isTrue();
        assertThat(text).contains("nst.http.keys.alice.sha256: " + ApiKeys.sha256Hex(key.group(1)))
                .contains("NST_HTTP_KEYS_ALICE_SHA256=" + ApiKeys.sha256Hex(key.group(1)));
        assertThat(ApiKeys.newKey()).isNotEqualTo(key.group(1));
    }

    @Test
    void aBadNameIsRefusedWithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Application.newKey(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), "new-key", "Alice Smith");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar nst-http.jar new-key NAME");
    }
}
