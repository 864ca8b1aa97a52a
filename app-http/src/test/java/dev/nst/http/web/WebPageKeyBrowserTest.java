package dev.nst.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.security.ApiKeys;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page on a server with API keys, in a real Chromium: it asks for the key once, says when a key is not
 * accepted, keeps the key in the tab's session storage, and runs a transfer to the end with it (events, preview and
 * result all fetched with the key, under the page's content security policy).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageKeyBrowserTest extends PageTest {

    private static final String KEY = "nst_page-key-for-tests-only-4242424242";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("nst.http.keys.page.sha256", ApiKeys.sha256Hex(KEY), "nst.http.preview-interval", "100ms");
    }

    @Test
    void thePageAsksForTheKeyOnceAndPaintsWithIt() throws IOException {
        Path folder = Files.createTempDirectory("nst-key-page");
        browser.get(server.getURL() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);

        WebElement keyForm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-form")));
        assertThat(browser.findElement(By.id("key-reason")).getText()).contains("needs an API key");
        browser.findElement(By.id("api-key")).sendKeys("nst_wrong");
        browser.findElement(By.id("key-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-reason"), "did not accept"));
        assertThat(keyForm.isDisplayed()).isTrue();

        browser.findElement(By.id("api-key")).sendKeys(KEY);
        browser.findElement(By.id("key-submit")).click();
        wait.until(ExpectedConditions.invisibilityOf(keyForm));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat(js.executeScript("return sessionStorage.getItem('nst.apiKey');")).isEqualTo(KEY);
        assertThat(js.executeScript("return localStorage.length;")).isEqualTo(0L);

        browser.findElement(By.id("content")).sendKeys(WebPageBrowserTest.write(folder.resolve("c.png"),
                WebPageBrowserTest.landscape(96, 64)).toString());
        browser.findElement(By.id("style")).sendKeys(WebPageBrowserTest.write(folder.resolve("s.png"),
                WebPageBrowserTest.stripes(64, 64)).toString());
        WebElement size = browser.findElement(By.id("size"));
        size.clear();
        size.sendKeys("96");
        WebElement iterations = browser.findElement(By.id("iterations"));
        iterations.clear();
        iterations.sendKeys("30");
        browser.findElement(By.id("submit")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Done"));
        assertThat(keyForm.isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        WebElement picture = browser.findElement(By.id("preview"));
        wait.until(d -> picture.isDisplayed()
                && ((Number) js.executeScript("return arguments[0].naturalWidth;", picture)).intValue() == 96);
        assertThat(browser.findElement(By.id("result-link")).getAttribute("href")).startsWith("blob:");

        // a reload keeps the key (same tab) and picks the job up again from the address
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Done"));
        assertThat(browser.findElement(By.id("key-form")).isDisplayed()).isFalse();
    }
}
