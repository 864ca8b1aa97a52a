package dev.nst.http.security;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@link Exposure} decision to the server's configuration before it binds, and says what it decided. */
@Singleton
final class ExposureListener implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(ExposureListener.class);

    private final BeanProvider<ApiKeys> keys;
    private final boolean allowAnonymous;

    ExposureListener(BeanProvider<ApiKeys> keys, @Value("${nst.http.allow-anonymous:false}") boolean allowAnonymous) {
        this.keys = keys;
        this.allowAnonymous = allowAnonymous;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        Exposure exposure = Exposure.decide(server.getHost(), keys.get().size(), allowAnonymous);
        exposure.host().ifPresent(server::setHost);
        if (allowAnonymous && keys.get().anonymous()) {
            LOG.warn(exposure.note());
        } else {
            LOG.info(exposure.note());
        }
        return server;
    }
}
