package dev.nst.http.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link SlowClients} watch on every HTTP/1 connection, right behind Netty's HTTP codec, where it sees where
 * each request begins and ends and when each answer is complete; once a second it closes a connection that is over
 * its time, with one line in the log.
 */
@Singleton
final class SlowClientGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);
    private static final String NAME = "nst-slow-clients";

    private final SlowClients limits;

    SlowClientGuard(@Value("${nst.http.request-header-timeout:15s}") Duration headerTimeout,
                    @Value("${nst.http.min-upload-rate:4KB}") @ReadableBytes long minBodyRate) {
        this.limits = new SlowClients(headerTimeout, minBodyRate);
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, NAME, new Watch());
            }
        }
    }

    /** The state of one connection; touched only on its event loop. */
    private final class Watch extends ChannelDuplexHandler {
        private SlowClients.Phase phase = SlowClients.Phase.WAITING_FOR_HEADERS;
        private long since = System.nanoTime();
        private long bodyBytes;
        private ScheduledFuture<?> timer;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            timer = ctx.executor().scheduleAtFixedRate(() -> check(ctx), 1, 1, TimeUnit.SECONDS);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (timer != null) {
                timer.cancel(false);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                enter(SlowClients.Phase.READING_BODY);
            }
            if (msg instanceof HttpContent content && phase == SlowClients.Phase.READING_BODY) {
                bodyBytes += content.content().readableBytes();
            }
            if (msg instanceof LastHttpContent && phase == SlowClients.Phase.READING_BODY) {
                enter(SlowClients.Phase.ANSWERING);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent) {
                // the answer is complete: from now on the connection waits for the next request
                enter(SlowClients.Phase.WAITING_FOR_HEADERS);
            }
            ctx.write(msg, promise);
        }

        private void enter(SlowClients.Phase next) {
            phase = next;
            since = System.nanoTime();
            bodyBytes = 0;
        }

        private void check(ChannelHandlerContext ctx) {
            String reason = limits.verdict(phase, since, bodyBytes, System.nanoTime());
            if (reason != null && ctx.channel().isActive()) {
                if (phase == SlowClients.Phase.READING_BODY) {
                    SocketAddress client = ctx.channel().remoteAddress();
                    LOG.info("closed the connection of {}: {}", client, reason);
                } else {
                    LOG.debug("closed an idle or slow connection of {}: {}", ctx.channel().remoteAddress(), reason);
                }
                timer.cancel(false);
                ctx.close();
            }
        }
    }
}
