package gr.accmr.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.NoticeJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsOneNoticePerLineNamingItsInputAndDetectsTheType() throws Exception {
        int exit = run(fixture("athens-el.rss.xml"), fixture("irc-ar.atom.xml"), "--partner", "athens");

        assertThat(exit).isZero();
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("input").asText()).endsWith("athens-el.rss.xml");
        assertThat(lines.get(0).at("/notice/id").asText()).isEqualTo("athens:athens-2026-101");
        assertThat(lines.get(0).at("/notice/version").asInt()).isEqualTo(1);
        assertThat(lines.get(2).at("/notice/translations/ar/dir").asText()).isEqualTo("rtl");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void reportsEachBadInputOnOneLineKeepsGoingAndFailsAtTheEnd(@TempDir Path dir) throws Exception {
        Path push = Files.writeString(dir.resolve("push.json"), """
                {"externalId": "irc-1", "translations": {"fa": {"title": "اطلاعیه", "bodyText": "متن"}}}
                """);

        int exit = run(fixture("xxe.rss.xml"), dir.resolve("missing.xml").toString(), push.toString());

        assertThat(exit).isEqualTo(1);
        String[] errors = err.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(errors).hasSize(2);
        assertThat(errors[0]).startsWith("preview: ").contains("xxe.rss.xml").contains("DOCTYPE");
        assertThat(errors[1]).contains("missing.xml");
        assertThat(lines())
                .singleElement()
                .satisfies(line ->
                        assertThat(line.at("/notice/originalLanguage").asText()).isEqualTo("fa"));
    }

    @Test
    void readsAThousandSmallFilesInOneRun(@TempDir Path dir) throws Exception {
        List<String> args = new ArrayList<>();
        String feed = Files.readString(Path.of(fixture("rdf-en.rss1.xml")));
        for (int i = 0; i < 1000; i++) {
            Path file = dir.resolve("feed-" + i + ".xml");
            Files.writeString(file, feed.replace("news/1", "news/1-" + i));
            args.add(file.toString());
        }

        int exit = run(args.toArray(String[]::new));

        assertThat(exit).isZero();
        assertThat(lines()).hasSize(2000);
    }

    @Test
    void readsZendeskArticlesAndDirectusServicesWhenTold() throws Exception {
        int exit = run("--type", "zendesk", "src/test/resources/zendesk/360001/ar.json", "--partner", "refugee-info");
        assertThat(exit).isZero();
        assertThat(lines()).singleElement().satisfies(line -> {
            assertThat(line.at("/notice/id").asText()).isEqualTo("refugee-info:360001");
            assertThat(line.at("/notice/translations/ar/dir").asText()).isEqualTo("rtl");
        });

        out.reset();
        assertThat(run("--type", "directus", "src/test/resources/directus/legal-aid.json"))
                .isZero();
        assertThat(lines()).singleElement().satisfies(line -> {
            assertThat(line.at("/notice/kind").asText()).isEqualTo("service");
            assertThat(line.at("/notice/location/point/coordinates").size()).isEqualTo(2);
        });
    }

    @Test
    void answersUsageErrorsWithExitCodeTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("--type", "gopher", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: preview");
    }

    private int run(String... args) {
        return PreviewCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(NoticeJson.mapper().readTree(line));
            }
        }
        return lines;
    }

    private static String fixture(String name) {
        return Path.of("src/test/resources/feeds", name).toString();
    }
}
