package gr.accmr.hub.platform;

import java.time.Instant;
import java.util.Collection;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A batch's rows as PostgreSQL array parameters, one per column, for statements that take a whole
 * batch at once ({@code INSERT ... SELECT * FROM unnest(?::text[], ?::int[], ...)}).
 */
public final class SqlArrays {

    private SqlArrays() {}

    /** Column {@code index} of every row, as an array made by {@code array} ({@code String[]::new}). */
    public static <T> T[] column(Collection<? extends Object[]> rows, int index, IntFunction<T[]> array) {
        return rows.stream().map(row -> ((Object[]) row)[index]).toArray(array);
    }

    /** Column {@code index} of rows of text. */
    public static String[] column(Collection<String[]> rows, int index) {
        return column(rows, index, String[]::new);
    }

    /**
     * A row's set of language tags as one {@code text[]} element, comma-separated, for statements
     * that turn it back into an array with {@code string_to_array(languages, ',')}: a JDBC array
     * parameter cannot hold an array per row, and a language tag holds no comma.
     */
    public static String languages(Collection<String> tags) {
        return String.join(",", tags);
    }

    /** A time as a {@code timestamptz[]} element: ISO-8601, or null. */
    public static @Nullable String time(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
