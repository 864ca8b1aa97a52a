package dev.nst.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nst.http.Api;
import dev.nst.http.Api.Answer;
import dev.nst.http.ServerTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/** The service around the jobs: health, the page and its assets, and an API description that matches the routes. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceApiTest extends ServerTest {

    private static final String OPENAPI = "/swagger/nst-http.yml";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    Router router;

    @Test
    void healthIsUpWithTheBackendAndTheQueue() {
        Answer health = new Api(http).get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.get("status")).isEqualTo("UP");
        assertThat(health.get("backend")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "cpu").containsEntry("status", "UP").containsKey("detail");
        assertThat(health.get("jobs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                // nst.threads is 1 in tests: with nst.http.workers 0, as many jobs at once as there are cores
                .containsEntry("workers", Runtime.getRuntime().availableProcessors()).containsEntry("queueSize", 8)
                .containsEntry("memoryReservedMiB", 0)
                .hasEntrySatisfying("memoryBudgetMiB", budget -> assertThat((Integer) budget).isPositive());
        assertThat(health.get("weights")).isEqualTo("random");
    }

    @Test
    void thePageAndItsAssetsAreServed() {
        Api api = new Api(http);
        Answer page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.text()).contains("<title>nst", "id=\"content\"", "id=\"style\"", "/app.js", "/style.css");
        assertThat(api.get("/app.js").text()).contains("text/event-stream");
        assertThat(api.get("/style.css").status()).isEqualTo(200);
    }

    /** Every route the service answers is in the OpenAPI document, and every documented operation is a route. */
    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesEveryRoute() {
        Answer document = new Api(http).get(OPENAPI);
        assertThat(document.status()).isEqualTo(200);
        Map<String, Object> openapi = new Yaml().load(new String(document.body(), StandardCharsets.UTF_8));
        assertThat(openapi.get("openapi")).asString().startsWith("3.");

        Set<String> documented = new TreeSet<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openapi.get("paths");
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(key -> Set.of("get", "post", "put", "delete", "patch").contains(key))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        Set<String> routes = new TreeSet<>();
        router.uriRoutes().map(UriRouteInfo.class::cast)
                .filter(route -> !route.getHttpMethodName().equals("HEAD")) // Micronaut adds one to every GET
                .forEach(route -> routes.add(route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString()));

        assertThat(documented).containsAll(routes);
        Set<String> staticPages = new TreeSet<>(documented);
        staticPages.removeAll(routes);
        assertThat(staticPages).containsExactly("GET /");
    }
}
