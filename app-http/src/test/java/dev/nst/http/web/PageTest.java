package dev.nst.http.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nst.http.ServerTest;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebDriver;

/**
 * The page's tests: the real server and one headless Chromium for the class. Each test is reported as skipped, with
 * what to install, where there is no browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PageTest extends ServerTest {

    static final Duration PATIENCE = Duration.ofSeconds(120);

    @Inject
    EmbeddedServer server;

    WebDriver browser;

    @BeforeAll
    void startBrowser() throws IOException {
        browser = Chromium.start().orElse(null);
    }

    @BeforeEach
    void requireBrowser() {
        assumeTrue(browser != null, Chromium.MISSING);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }
}
