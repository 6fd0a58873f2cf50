package gr.accmr.hub.fanout.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gr.accmr.hub.notice.NoticeJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionDiffTest {

    private static final String V1 = """
            {"id": "irc:1", "version": 1, "status": "published", "categories": ["asylum"],
             "translations": {
               "en": {"title": "Office closed", "summary": "Closed on Friday", "dir": "ltr"},
               "ar": {"title": "مكتب مغلق", "summary": "", "dir": "rtl"}}}
            """;
    private static final String V2 = """
            {"id": "irc:1", "version": 2, "status": "retracted", "categories": ["asylum"],
             "translations": {
               "en": {"title": "Office open again", "summary": "Closed on Friday", "dir": "ltr"},
               "fa": {"title": "دفتر باز است", "summary": "", "dir": "rtl"}}}
            """;

    @Test
    void listsTheTopLevelFieldsThatChangedWithOldAndNewValues() {
        VersionDiff.Diff diff = VersionDiff.between("irc:1", 1, json(V1), 2, json(V2));
        assertThat(diff.fields())
                .containsExactly(
                        new VersionDiff.FieldChange("version", 1, 2),
                        new VersionDiff.FieldChange("status", "published", "retracted"));
    }

    @Test
    void saysPerLanguageWhichTranslationFieldsChangedAndWhichLanguagesCameOrWent() {
        VersionDiff.Diff diff = VersionDiff.between("irc:1", 1, json(V1), 2, json(V2));
        assertThat(diff.translations())
                .extracting(VersionDiff.TranslationChange::lang, VersionDiff.TranslationChange::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ar", "removed"),
                        org.assertj.core.groups.Tuple.tuple("en", "changed"),
                        org.assertj.core.groups.Tuple.tuple("fa", "added"));
        VersionDiff.TranslationChange english = diff.translations().get(1);
        assertThat(english.fields())
                .containsExactly(new VersionDiff.FieldChange("title", "Office closed", "Office open again"));
        VersionDiff.TranslationChange farsi = diff.translations().get(2);
        assertThat(farsi.fields()).extracting(VersionDiff.FieldChange::from).containsOnlyNulls();
    }

    @Test
    void givesAJsonPatchThatTurnsTheOldVersionIntoTheNewOne() {
        VersionDiff.Diff diff = VersionDiff.between("irc:1", 1, json(V1), 2, json(V2));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> patch = (List<Map<String, Object>>) (List<?>) diff.patch();
        assertThat(patch)
                .extracting(op -> op.get("path"))
                .contains("/version", "/status", "/translations/en/title", "/translations/ar", "/translations/fa");
        JsonNode applied =
                com.flipkart.zjsonpatch.JsonPatch.apply(NoticeJson.mapper().valueToTree(diff.patch()), json(V1));
        assertThat(applied).isEqualTo(json(V2));
    }

    @Test
    void findsNothingBetweenAVersionAndItself() {
        VersionDiff.Diff diff = VersionDiff.between("irc:1", 1, json(V1), 1, json(V1));
        assertThat(diff.fields()).isEmpty();
        assertThat(diff.translations()).isEmpty();
        assertThat(diff.patch()).isEmpty();
    }

    private static JsonNode json(String text) {
        try {
            return NoticeJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
