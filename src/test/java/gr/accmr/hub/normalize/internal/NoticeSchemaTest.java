package gr.accmr.hub.normalize.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import gr.accmr.hub.ingest.feed.FeedEntry;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeJson;
import gr.accmr.hub.notice.RawHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every notice the normalizer makes from the fixtures is valid against the published schema. */
class NoticeSchemaTest {

    private static final Path SCHEMA = Path.of("docs", "schemas", "notice.schema.json");

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        // Formats (date-time, uri) are only annotations in 2020-12 unless asserted; the contract means them.
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, config);
        }
    }

    static List<String> fixtureEntries() throws Exception {
        List<String> entries = new ArrayList<>();
        for (String fixture : List.of("athens-el.rss.xml", "irc-ar.atom.xml", "rdf-en.rss1.xml")) {
            int count = NormalizerTest.entries(fixture).size();
            for (int i = 0; i < count; i++) {
                entries.add(fixture + "#" + i);
            }
        }
        return entries;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureEntries")
    void normalizedFixtureEntryMatchesTheSchema(String fixtureEntry) throws Exception {
        String[] parts = fixtureEntry.split("#");
        FeedEntry entry = NormalizerTest.entry(parts[0], Integer.parseInt(parts[1]));
        Notice draft = ((Outcome.Draft)
                        new Normalizer().normalize(NormalizerTest.raw(entry, "en", RawHeaders.FEED_ENTRY)))
                .notice();
        Notice notice = draft.withVersion(1, ContentHash.of(draft));

        Set<ValidationMessage> messages = schema.validate(json(notice));

        assertThat(messages).isEmpty();
    }

    /** The example of docs/notice.md is what the hub really makes of its feed item, and is valid. */
    @Test
    void theDocumentedExampleIsWhatTheHubMakes() throws Exception {
        String page = Files.readString(Path.of("docs", "notice.md"));
        String example = page.substring(page.indexOf("## Example"));
        String item = block(example, "```xml\n");
        JsonNode documented = NoticeJson.mapper().readTree(block(example, "```json\n"));
        byte[] feed = ("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                        + "<title>Δήμος Αθηναίων</title><link>https://www.cityofathens.gr/</link><description>d</description>"
                        + "<language>el-GR</language>" + item + "</channel></rss>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        Notice made = new gr.accmr.hub.normalize.Normalization()
                .normalize(
                        new gr.accmr.hub.notice.NoticeId("athens", "ann-2026-1187"),
                        RawHeaders.FEED_ENTRY,
                        feed,
                        documented.at("/source/url").asText(),
                        null,
                        "en",
                        "news")
                .orElseThrow();

        assertThat(schema.validate(documented)).isEmpty();
        ObjectNode actual = (ObjectNode) json(made);
        ObjectNode expected = documented.deepCopy();
        actual.remove("source");
        expected.remove("source");
        assertThat(actual).isEqualTo(expected);
    }

    private static String block(String markdown, String fence) {
        int start = markdown.indexOf(fence) + fence.length();
        return markdown.substring(start, markdown.indexOf("```", start));
    }

    @Test
    void rejectsADraftThatHasNoVersionYet() throws Exception {
        FeedEntry entry = NormalizerTest.entry("athens-el.rss.xml", 0);
        Notice draft = ((Outcome.Draft)
                        new Normalizer().normalize(NormalizerTest.raw(entry, "en", RawHeaders.FEED_ENTRY)))
                .notice();

        Set<ValidationMessage> messages = schema.validate(json(draft));

        assertThat(messages)
                .extracting(ValidationMessage::getInstanceLocation)
                .extracting(Object::toString)
                .contains("/version", "/contentHash");
    }

    @Test
    void rejectsAnUnknownField() throws Exception {
        FeedEntry entry = NormalizerTest.entry("rdf-en.rss1.xml", 0);
        Notice draft = ((Outcome.Draft)
                        new Normalizer().normalize(NormalizerTest.raw(entry, "en", RawHeaders.FEED_ENTRY)))
                .notice();
        ObjectNode json = (ObjectNode) json(draft.withVersion(1, ContentHash.of(draft)));
        json.put("audience", "families");

        assertThat(schema.validate(json)).isNotEmpty();
    }

    private static JsonNode json(Notice notice) throws IOException {
        return NoticeJson.mapper().readTree(NoticeJson.write(notice));
    }
}
