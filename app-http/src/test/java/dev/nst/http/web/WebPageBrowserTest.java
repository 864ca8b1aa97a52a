package dev.nst.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real (headless) Chromium: pick two pictures, see a refused value named, submit, watch it run to
 * the end, and find the progress, the picture and the download link; a screenshot is left in {@code target/}.
 * Skipped, saying what to install, where Chromium or its driver is missing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageBrowserTest extends PageTest {

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("nst.http.preview-interval", "100ms");
    }

    @Test
    void aPersonPicksTwoPicturesWatchesItPaintAndGetsTheResult() throws IOException {
        Path folder = Files.createTempDirectory("nst-page");
        Path content = write(folder.resolve("landscape.png"), landscape(96, 64));
        Path style = write(folder.resolve("stripes.png"), stripes(64, 64));
        browser.get(server.getURL() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.attributeContains(By.id("backend"), "class", "up"));

        browser.findElement(By.id("content")).sendKeys(content.toString());
        browser.findElement(By.id("style")).sendKeys(style.toString());
        type("size", "96");
        type("iterations", "99999");
        browser.findElement(By.id("submit")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("iterations").contains("2000");
        assertThat(browser.findElement(By.id("iterations")).getAttribute("class")).contains("invalid");

        type("iterations", "40");
        new Select(browser.findElement(By.id("init"))).selectByValue("content");
        new Select(browser.findElement(By.id("optimizer"))).selectByValue("adam");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Done"));

        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        WebElement link = browser.findElement(By.id("result-link"));
        assertThat(link.isDisplayed()).isTrue();
        // the result is fetched (with the API key, where there is one) and offered from the browser's memory
        assertThat(link.getAttribute("href")).startsWith("blob:");
        assertThat(link.getAttribute("download")).matches("nst-[0-9a-f-]+\\.png");
        assertThat(browser.findElement(By.id("progress")).getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(browser.findElement(By.id("numbers")).getText()).contains("loss").contains("it/s");
        assertThat(browser.findElement(By.id("cancel")).isEnabled()).isFalse();
        WebElement picture = browser.findElement(By.id("preview"));
        wait.until(d -> picture.isDisplayed() && naturalWidth(picture) == 96);
        assertThat(browser.getCurrentUrl()).contains("#job=");

        assertThat(ImageIO.read(screenshot("nst-http-page.png").toFile()).getWidth()).isGreaterThan(800);
    }

    @Test
    void aRunningTransferShowsItsPreviewAndCanBeCancelled() throws IOException {
        Path folder = Files.createTempDirectory("nst-page");
        browser.get(server.getURL() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.findElement(By.id("content")).sendKeys(write(folder.resolve("c.png"), landscape(96, 64)).toString());
        browser.findElement(By.id("style")).sendKeys(write(folder.resolve("s.png"), stripes(64, 64)).toString());
        type("size", "96");
        type("iterations", "2000");
        browser.findElement(By.id("submit")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Painting"));
        WebElement picture = browser.findElement(By.id("preview"));
        wait.until(d -> picture.isDisplayed() && naturalWidth(picture) == 96);
        wait.until(d -> Integer.parseInt(d.findElement(By.id("progress")).getAttribute("aria-valuenow")) >= 1);
        // The preview is refreshed from later iterations while it runs, not only the first.
        wait.until(d -> String.valueOf(picture.getAttribute("data-iteration")).matches("[1-9][0-9]*"));
        assertThat(browser.findElement(By.id("submit")).isEnabled()).isFalse();
        screenshot("nst-http-page-running.png");

        browser.findElement(By.id("cancel")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Cancelled"));
        assertThat(browser.findElement(By.id("result-link")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("submit")).isEnabled()).isTrue();
    }

    @Test
    void aPersonPutsEachStyleOnPartOfThePhotoKeepsItsColoursAndGetsTheResult() throws IOException {
        Path folder = Files.createTempDirectory("nst-masks");
        Path content = write(folder.resolve("landscape.png"), landscape(96, 64));
        Path first = write(folder.resolve("stripes.png"), stripes(64, 64));
        Path second = write(folder.resolve("second.png"), landscape(48, 48));
        Path left = write(folder.resolve("left.png"), half(40, 20, true));
        Path right = write(folder.resolve("right.png"), half(40, 20, false));
        browser.get(server.getURL() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.attributeContains(By.id("backend"), "class", "up"));

        browser.findElement(By.id("content")).sendKeys(content.toString());
        browser.findElement(By.id("style")).sendKeys(first + "\n" + second);
        browser.findElement(By.cssSelector("#regions summary")).click();
        browser.findElement(By.id("style-mask-1")).sendKeys(left.toString());
        type("size", "96");
        type("iterations", "5");
        new Select(browser.findElement(By.id("colors"))).selectByValue("original");
        browser.findElement(By.id("submit")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertThat(error.getText()).contains("mask for every style image").contains("style 2");

        browser.findElement(By.id("style-mask-2")).sendKeys(right.toString());
        WebElement overlay = browser.findElement(By.id("style-mask-overlay-2"));
        wait.until(d -> overlay.isDisplayed()
                && naturalWidth(overlay.findElement(By.className("overlay-mask"))) == 40
                && naturalWidth(overlay.findElement(By.className("overlay-photo"))) == 96);
        screenshot("nst-http-page-masks.png");
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Done"));

        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        WebElement picture = browser.findElement(By.id("preview"));
        wait.until(d -> picture.isDisplayed() && naturalWidth(picture) == 96);
    }

    private static BufferedImage half(int width, int height, boolean leftWhite) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x < width / 2) == leftWhite ? 255 : 0);
            }
        }
        return image;
    }

    private Path screenshot(String name) throws IOException {
        Path screenshot = Path.of(System.getProperty("nst.test.output", "target"), name);
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        return screenshot;
    }

    private void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private long naturalWidth(WebElement image) {
        Object width = ((JavascriptExecutor) browser).executeScript("return arguments[0].naturalWidth;", image);
        return width instanceof Number number ? number.longValue() : -1;
    }

    @Test
    void chosenPicturesShowAsUprightThumbnailsTiffIncluded() throws IOException {
        Path folder = Files.createTempDirectory("nst-thumbs");
        Path phone = copy(folder, "phone-6.jpg");
        Path tiff = copy(folder, "orientation-6.tif");
        browser.get(server.getURL() + "/");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);

        browser.findElement(By.id("content")).sendKeys(phone.toString());
        browser.findElement(By.id("style")).sendKeys(tiff.toString());

        WebElement content = browser.findElement(By.id("content-thumb"));
        wait.until(driver -> naturalWidth(content) > 0);
        Object size = ((JavascriptExecutor) browser).executeScript(
                "return [arguments[0].naturalWidth, arguments[0].naturalHeight];", content);
        // a 100 x 60 JPEG tagged orientation 6 shows as the portrait the phone took
        assertThat(((List<?>) size).toArray()).containsExactly(60L, 100L);
        WebElement style = wait.until(driver -> driver.findElements(By.cssSelector("#style-thumbs img")).stream()
                .filter(img -> naturalWidth(img) > 0).findFirst().orElse(null));
        Object styleSize = ((JavascriptExecutor) browser).executeScript(
                "return [arguments[0].naturalWidth, arguments[0].naturalHeight];", style);
        // the browser cannot show TIFF: the server's thumbnail, turned upright
        assertThat(((List<?>) styleSize).toArray()).containsExactly(16L, 10L);
        assertThat(style.getAttribute("src")).startsWith("blob:");
    }

    private static Path copy(Path folder, String fixture) throws IOException {
        try (java.io.InputStream in = WebPageBrowserTest.class.getResourceAsStream("/images/" + fixture)) {
            Path file = folder.resolve(fixture);
            Files.copy(in, file);
            return file;
        }
    }

    static Path write(Path file, BufferedImage image) throws IOException {
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** A sky, a sun and hills: something with shapes to repaint. */
    static BufferedImage landscape(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(90, 150, 230), 0, height, new Color(250, 220, 170)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(255, 200, 60));
        g.fillOval(width * 3 / 5, height / 8, width / 4, width / 4);
        g.setColor(new Color(60, 130, 70));
        g.fillOval(-width / 4, height * 3 / 5, width, height);
        g.setColor(new Color(40, 100, 60));
        g.fillOval(width / 3, height * 2 / 3, width, height);
        g.dispose();
        return image;
    }

    /** Bold diagonal stripes in warm colours: a style. */
    static BufferedImage stripes(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Color[] colours = {new Color(200, 40, 40), new Color(240, 180, 30), new Color(30, 30, 90)};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, colours[((x + y) / 6) % colours.length].getRGB());
            }
        }
        return image;
    }
}
