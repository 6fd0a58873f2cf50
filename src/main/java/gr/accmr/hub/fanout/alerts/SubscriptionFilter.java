package gr.accmr.hub.fanout.alerts;

import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.platform.Problems;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** Which urgent notices a subscription wants: its languages and partners, each null for all. */
record SubscriptionFilter(
        @Nullable List<String> languages, @Nullable List<String> partners) {

    /** Languages normalized and partner ids checked, or a 422 problem naming the bad one. */
    static SubscriptionFilter validated(@Nullable List<String> languages, @Nullable List<String> partners) {
        List<String> normalized = languages == null
                ? null
                : languages.stream().map(SubscriptionFilter::language).toList();
        if (partners != null) {
            partners.stream()
                    .filter(partner -> !NoticeId.isValidPartner(partner))
                    .findFirst()
                    .ifPresent(bad -> {
                        throw Problems.of(
                                HttpStatus.UNPROCESSABLE_CONTENT, "Invalid partner", "not a partner id: " + bad);
                    });
        }
        return new SubscriptionFilter(normalized, partners);
    }

    @Nullable
    Array languages(Connection connection) throws SQLException {
        return array(connection, languages);
    }

    @Nullable
    Array partners(Connection connection) throws SQLException {
        return array(connection, partners);
    }

    static @Nullable List<String> list(@Nullable Array array) throws SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }

    private static @Nullable Array array(Connection connection, @Nullable List<String> values) throws SQLException {
        return values == null ? null : connection.createArrayOf("text", values.toArray());
    }

    private static String language(String tag) {
        try {
            return Languages.normalize(tag);
        } catch (IllegalArgumentException e) {
            throw Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid language", e.getMessage());
        }
    }
}
