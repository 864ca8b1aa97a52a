package dev.nst.http.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorePropertiesTest {

    private static StoreProperties store(String store, String role) {
        return new StoreProperties(store, role, 3, Duration.ofSeconds(30), Duration.ofMillis(250));
    }

    @Test
    void aStoreOrRoleThatIsNoneOfTheKnownOnesStopsStartUpNamingIt() {
        assertThatThrownBy(() -> store("postgress", "all")).isInstanceOf(ConfigurationRefusedException.class)
                .hasMessage("nst.http.store must be embedded or postgres, got 'postgress'");
        assertThatThrownBy(() -> store("postgres", "workers")).isInstanceOf(ConfigurationRefusedException.class)
                .hasMessage("nst.http.role must be all, api or worker, got 'workers'");
    }

    @Test
    void anApiOrWorkerRoleNeedsAJobDatabase() {
        assertThatThrownBy(() -> store("embedded", "worker")).isInstanceOf(ConfigurationRefusedException.class)
                .hasMessageStartingWith("nst.http.role=worker needs nst.http.store=postgres");
        store("postgres", "worker");
        store("embedded", "all");
    }
}
