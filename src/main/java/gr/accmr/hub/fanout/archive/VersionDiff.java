package gr.accmr.hub.fanout.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.flipkart.zjsonpatch.JsonDiff;
import gr.accmr.hub.notice.NoticeJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * What changed between two versions of a notice, as an editor reads it: the top-level fields and,
 * per language, the translation fields that differ, with old and new values; and the same as an
 * RFC 6902 JSON Patch for tools. Values are plain maps, lists and scalars, so any JSON writer renders them.
 */
final class VersionDiff {

    private VersionDiff() {}

    /** A field that differs; {@code from} is null when it was added, {@code to} when it was removed. */
    record FieldChange(
            String field, @Nullable Object from, @Nullable Object to) {}

    /** A language whose translation was {@code added}, {@code removed} or {@code changed}. */
    record TranslationChange(String lang, String change, List<FieldChange> fields) {}

    record Diff(
            String id,
            int from,
            int to,
            List<FieldChange> fields,
            List<TranslationChange> translations,
            List<Object> patch) {}

    static Diff between(String id, int fromVersion, JsonNode from, int toVersion, JsonNode to) {
        List<FieldChange> fields = changes(from, to, Set.of("translations"));
        List<TranslationChange> translations = new ArrayList<>();
        JsonNode before = from.path("translations");
        JsonNode after = to.path("translations");
        Set<String> languages = new TreeSet<>(names(before));
        languages.addAll(names(after));
        for (String lang : languages) {
            JsonNode old = before.path(lang);
            JsonNode now = after.path(lang);
            List<FieldChange> changed = changes(old, now, Set.of());
            if (changed.isEmpty()) {
                continue;
            }
            String change = old.isMissingNode() ? "added" : now.isMissingNode() ? "removed" : "changed";
            translations.add(new TranslationChange(lang, change, changed));
        }
        List<Object> patch = plainList(JsonDiff.asJson(from, to));
        return new Diff(id, fromVersion, toVersion, fields, translations, patch);
    }

    /** Fields of two objects that differ, in the order the older one has them, then the new ones. */
    private static List<FieldChange> changes(JsonNode from, JsonNode to, Set<String> skipped) {
        Set<String> names = new LinkedHashSet<>(names(from));
        names.addAll(names(to));
        names.removeAll(skipped);
        List<FieldChange> changes = new ArrayList<>();
        for (String name : names) {
            JsonNode old = from.path(name);
            JsonNode now = to.path(name);
            if (!old.equals(now)) {
                changes.add(new FieldChange(name, plain(old), plain(now)));
            }
        }
        return changes;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static @Nullable Object plain(JsonNode node) {
        return node instanceof MissingNode || node.isNull()
                ? null
                : NoticeJson.mapper().convertValue(node, Object.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> plainList(JsonNode node) {
        return NoticeJson.mapper().convertValue(node, List.class);
    }
}
