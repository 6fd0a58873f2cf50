package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.platform.KafkaBootstrap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a newcomer gets with nothing configured: an embedded broker and database under the data
 * folder, a generated admin password logged once, and everything still there after a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultIT {

    private static final Pattern GENERATED = Pattern.compile("Generated password for user 'admin': (\\S+)");

    @Test
    void startsEmbeddedServersGeneratesTheAdminPasswordOnceAndKeepsDataAcrossRestarts(
            @TempDir Path data, CapturedOutput output) throws Exception {
        String password;
        try (ConfigurableApplicationContext hub = start(data)) {
            Matcher generated = GENERATED.matcher(output.getAll());
            assertThat(generated.find()).as("generated password in the log").isTrue();
            password = generated.group(1);
            assertThat(output.getAll()).contains("Partner Hub is ready");

            JsonNode health = json(get(hub, "/actuator/health", password));
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/kafka/details/embedded").asBoolean())
                    .isTrue();
            assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
            try (Admin admin = admin(hub)) {
                admin.createTopics(Set.of(new org.apache.kafka.clients.admin.NewTopic("newcomer.kept", 1, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
        int logLength = output.getAll().length();

        try (ConfigurableApplicationContext hub = start(data)) {
            String secondRun = output.getAll().substring(logLength);
            assertThat(secondRun).doesNotContain("Generated password");
            assertThat(status(hub, "/api/v1/archive/notices", password)).isEqualTo(200);
            assertThat(status(hub, "/api/v1/archive/notices", "wrong")).isEqualTo(401);
            try (Admin admin = admin(hub)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains("newcomer.kept", "hub.inbound.raw", "hub.notices", "hub.dlq");
            }
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(HubApplication.class)
                .properties(Map.of(
                        "hub.data-dir", data.toString(),
                        "hub.routes-dir", data.resolve("no-routes").toString(),
                        "hub.embedded.kafka-port", "0",
                        "hub.embedded.kafka-controller-port", "0",
                        "hub.embedded.postgres-port", "0",
                        "server.port", "0"))
                .run();
    }

    private static Admin admin(ConfigurableApplicationContext hub) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                hub.getBean(KafkaBootstrap.class).servers()));
    }

    private static String get(ConfigurableApplicationContext hub, String path, String password) throws Exception {
        return send(hub, path, password).body();
    }

    private static int status(ConfigurableApplicationContext hub, String path, String password) throws Exception {
        return send(hub, path, password).statusCode();
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext hub, String path, String password)
            throws Exception {
        int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Basic " + basic)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) throws Exception {
        return NoticeJson.mapper().readTree(text);
    }
}
