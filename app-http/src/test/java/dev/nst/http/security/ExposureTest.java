package dev.nst.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nst.http.config.ConfigurationRefusedException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without keys the service stays on this machine unless its operator says otherwise. */
class ExposureTest {

    @Test
    void withoutKeysItListensOnTheLoopbackInterfaceOnly() {
        Exposure exposure = Exposure.decide(Optional.empty(), 0, false);
        assertThat(exposure.host()).contains("127.0.0.1");
        assertThat(exposure.note()).contains("no API keys configured", "127.0.0.1 only");
        assertThat(Exposure.decide(Optional.of("localhost"), 0, false).host()).contains("localhost");
        assertThat(Exposure.decide(Optional.of("::1"), 0, false).host()).contains("::1");
    }

    @Test
    void withoutKeysAnotherAddressNeedsAllowAnonymous() {
        assertThatThrownBy(() -> Exposure.decide(Optional.of("0.0.0.0"), 0, false))
                .isInstanceOf(ConfigurationRefusedException.class)
                .hasMessageContaining("refusing to listen on 0.0.0.0 without API keys")
                .hasMessageContaining("nst.http.keys").hasMessageContaining("nst.http.allow-anonymous=true");
        Exposure open = Exposure.decide(Optional.of("0.0.0.0"), 0, true);
        assertThat(open.host()).contains("0.0.0.0");
        assertThat(open.note()).contains("anyone who can reach 0.0.0.0");
        assertThat(Exposure.decide(Optional.empty(), 0, true).host()).isEmpty();
    }

    @Test
    void withKeysItListensWhereItIsTold() {
        assertThat(Exposure.decide(Optional.empty(), 2, false).host()).isEmpty();
        assertThat(Exposure.decide(Optional.of("0.0.0.0"), 1, false).host()).contains("0.0.0.0");
        assertThat(Exposure.decide(Optional.empty(), 2, false).note()).contains("2 API key(s)");
    }

    @Test
    void theRealServerRefusesToStartOnEveryInterfaceWithoutKeys() throws Exception {
        Map<String, Object> properties = properties();
        properties.put("micronaut.server.host", "0.0.0.0");
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, properties))
                .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof ConfigurationRefusedException));
    }

    @Test
    void theRealServerWithoutKeysCannotBeReachedFromAnotherInterface() throws Exception {
        Optional<InetAddress> external = externalAddress();
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties())) {
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress("127.0.0.1", server.getPort()), 2000);
                assertThat(local.isConnected()).isTrue();
            }
            if (external.isPresent()) {
                assertThatThrownBy(() -> {
                    try (Socket outside = new Socket()) {
                        outside.connect(new InetSocketAddress(external.get(), server.getPort()), 2000);
                    }
                }).isInstanceOf(java.io.IOException.class);
            }
        }
    }

    private static Map<String, Object> properties() throws java.io.IOException {
        Map<String, Object> properties = new HashMap<>();
        properties.put("nst.backend", "cpu");
        properties.put("nst.weights", "random");
        properties.put("nst.threads", "1");
        properties.put("micronaut.server.port", "-1");
        properties.put("nst.http.data-dir", Files.createTempDirectory("nst-exposure").toString());
        return properties;
    }

    private static java.util.List<Throwable> causes(Throwable e) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable c = e; c != null; c = c.getCause()) {
            all.add(c);
        }
        return all;
    }

    private static Optional<InetAddress> externalAddress() throws java.net.SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    }
}
