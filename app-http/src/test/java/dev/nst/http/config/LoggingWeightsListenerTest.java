package dev.nst.http.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.nst.weights.DownloadProgress;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingWeightsListenerTest {

    private static final URI URL = URI.create("https://example.org/vgg19.h5");

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.nst.http.weights");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final LoggingWeightsListener listener = new LoggingWeightsListener();

    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }

    @Test
    void notesGoToTheLog() {
        listener.note("converted ~/.keras/models/x.h5 into the nst cache");

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("weights: converted ~/.keras/models/x.h5 into the nst cache");
    }

    @Test
    void aDownloadIsLoggedEveryTenthAndWhenDone() {
        for (long bytes = 0; bytes < 1000; bytes += 7) {
            listener.onDownload(progress(bytes, false));
        }
        listener.onDownload(progress(1000, true));

        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(11)
                .startsWith("weights: downloading " + URL + ": 0% at 0.0 MB/s")
                .endsWith("weights: downloaded " + URL + " (0 MB)");
    }

    private static DownloadProgress progress(long bytes, boolean done) {
        return new DownloadProgress(URL, bytes, OptionalLong.of(1000), 0, Duration.ofSeconds(1), done);
    }
}
