package gr.accmr.hub.notice;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A partner's own words for categories, kind and urgency, mapped onto the hub's. Partners set it
 * in their route file with four parameters, each a comma-separated list:
 *
 * <ul>
 *   <li>{@code categories}: {@code term=category} pairs ({@code Υγεία=health, asylum-procedure=asylum});
 *       a term mapped to nothing ({@code internal=}) is dropped, a term not listed is kept as it is;
 *   <li>{@code kinds}: {@code category=kind} pairs ({@code events=event, alerts=alert}); the first
 *       of the notice's categories (before or after mapping) that is listed decides its kind;
 *   <li>{@code urgentCategories}: categories that make a notice urgent;
 *   <li>{@code urgentWords}: words that make a notice urgent when a title contains them.
 * </ul>
 *
 * Terms are compared without case and accents ({@code ΥΓΕΙΑ} matches {@code Υγεία}).
 */
public record Classification(
        Map<String, String> categories,
        Map<String, Notice.Kind> kinds,
        Set<String> urgentCategories,
        @Nullable Pattern urgentWords) {

    public static final Classification NONE = new Classification(Map.of(), Map.of(), Set.of(), null);

    public Classification {
        categories = Map.copyOf(categories);
        kinds = Map.copyOf(kinds);
        urgentCategories = Set.copyOf(urgentCategories);
    }

    /** Reads the four route parameters; blank or missing ones map nothing. */
    public static Classification parse(
            @Nullable String categories,
            @Nullable String kinds,
            @Nullable String urgentCategories,
            @Nullable String urgentWords) {
        Map<String, String> categoryMap = new LinkedHashMap<>();
        pairs(categories, "categories")
                .forEach((term, category) ->
                        categoryMap.put(key(term), category.strip().toLowerCase(Locale.ROOT)));
        Map<String, Notice.Kind> kindMap = new LinkedHashMap<>();
        pairs(kinds, "kinds").forEach((category, kind) -> {
            try {
                kindMap.put(key(category), Notice.Kind.of(kind));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "kinds: '" + kind + "' is not one of news, notice, event, service, newsletter, alert");
            }
        });
        Set<String> urgent = new LinkedHashSet<>();
        items(urgentCategories).forEach(category -> urgent.add(key(category)));
        List<String> words =
                items(urgentWords).stream().map(Classification::key).toList();
        Pattern pattern = words.isEmpty()
                ? null
                : Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
                        + String.join("|", words.stream().map(Pattern::quote).toList())
                        + ")(?![\\p{L}\\p{N}])");
        return categoryMap.isEmpty() && kindMap.isEmpty() && urgent.isEmpty() && pattern == null
                ? NONE
                : new Classification(categoryMap, kindMap, urgent, pattern);
    }

    /** The notice with its categories, kind and urgency in the hub's terms. */
    public Notice apply(Notice notice) {
        if (this == NONE) {
            return notice;
        }
        Set<String> mapped = new LinkedHashSet<>();
        Notice.Kind kind = null;
        boolean urgent = notice.urgency() == Notice.Urgency.URGENT;
        for (String category : notice.categories()) {
            String term = key(category);
            String target = categories.getOrDefault(term, category);
            if (!target.isEmpty()) {
                mapped.add(target);
            }
            if (kind == null) {
                kind = kinds.containsKey(term) ? kinds.get(term) : kinds.get(key(target));
            }
            urgent |= urgentCategories.contains(term) || urgentCategories.contains(key(target));
        }
        if (!urgent && urgentWords != null) {
            urgent = notice.translations().values().stream()
                    .anyMatch(translation ->
                            urgentWords.matcher(key(translation.title())).find());
        }
        return notice.classified(
                kind != null ? kind : notice.kind(),
                urgent ? Notice.Urgency.URGENT : Notice.Urgency.NORMAL,
                List.copyOf(mapped));
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Lower case, without accents or other combining marks, single spaces. */
    static String key(String term) {
        String decomposed = Normalizer.normalize(term.strip(), Normalizer.Form.NFD);
        return SPACES.matcher(MARKS.matcher(decomposed).replaceAll(""))
                .replaceAll(" ")
                .toLowerCase(Locale.ROOT);
    }

    private static List<String> items(@Nullable String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static Map<String, String> pairs(@Nullable String list, String parameter) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String item : items(list)) {
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(parameter + ": '" + item + "' is not of the form term=value");
            }
            pairs.put(
                    item.substring(0, equals).strip(),
                    item.substring(equals + 1).strip());
        }
        return pairs;
    }
}
