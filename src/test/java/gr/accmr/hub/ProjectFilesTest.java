package gr.accmr.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Checks on the project's own files and structure. */
class ProjectFilesTest {

    private static final Path COMPOSE_SCHEMA = Path.of("../shared/schemas/compose-spec.json");

    @Test
    void keepsModuleInternalsInternalAndHasNoCycles() {
        ApplicationModules.of(HubApplication.class).verify();
    }

    @Test
    void dockerComposeFollowsTheComposeSpecification() throws Exception {
        // The schema is shared beside the repository, not copied into it; CI always has it.
        if (System.getenv("CI") != null) {
            assertThat(COMPOSE_SCHEMA).exists();
        }
        assumeTrue(Files.exists(COMPOSE_SCHEMA), "no compose schema beside the repository");
        ObjectMapper json = new ObjectMapper();
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("docker-compose.yml").toFile());
        ObjectNode schemaNode = (ObjectNode) json.readTree(COMPOSE_SCHEMA.toFile());
        // Its relative $id ("compose_spec.json") is no valid base URI for the validator; nothing refers to it.
        schemaNode.remove("$id");
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
        Set<ValidationMessage> errors = schema.validate(compose);
        assertThat(errors).isEmpty();
        assertThat(compose.at("/services/hub/environment/KAFKA_BOOTSTRAP_SERVERS")
                        .asText())
                .isEqualTo("kafka:9092");
        assertThat(compose.at("/services/hub/environment/SPRING_DATASOURCE_URL").asText())
                .startsWith("jdbc:postgresql://postgres:");
    }
}
