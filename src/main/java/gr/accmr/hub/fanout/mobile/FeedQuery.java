package gr.accmr.hub.fanout.mobile;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of one language's feed: the filters, the page size, where the page starts and whether
 * notices without a translation show in their original language.
 */
record FeedQuery(
        String language,
        Filters filters,
        int limit,
        @Nullable Cursor after,
        boolean withFallback) {

    /**
     * What a request narrows the feed to; within one filter any value matches, across filters all
     * must. Values are kept sorted and distinct, so two requests that mean the same compare equal.
     */
    record Filters(List<String> partners, List<String> kinds, List<String> categories, List<String> urgencies) {

        static final Filters NONE = new Filters(List.of(), List.of(), List.of(), List.of());

        Filters {
            partners = canonical(partners);
            kinds = canonical(kinds);
            categories = canonical(categories);
            urgencies = canonical(urgencies);
        }

        private static List<String> canonical(Collection<String> values) {
            return values.stream()
                    .map(String::strip)
                    .filter(value -> !value.isEmpty())
                    .distinct()
                    .sorted()
                    .toList();
        }
    }

    /**
     * The last item of a page: the next page holds what sorts after it (older, or as old with a
     * smaller id). Opaque to clients, URL-safe.
     */
    record Cursor(Instant publishedAt, String noticeId) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((publishedAt + " " + noticeId).getBytes(StandardCharsets.UTF_8));
        }

        /** @throws IllegalArgumentException when the text is not a cursor this hub wrote */
        static Cursor decode(String text) {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int space = decoded.indexOf(' ');
            if (space < 0 || space == decoded.length() - 1) {
                throw new IllegalArgumentException("not a feed cursor: " + text);
            }
            try {
                return new Cursor(Instant.parse(decoded.substring(0, space)), decoded.substring(space + 1));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a feed cursor: " + text, e);
            }
        }
    }
}
