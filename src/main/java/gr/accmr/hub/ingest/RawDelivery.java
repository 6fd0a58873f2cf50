package gr.accmr.hub.ingest;

import gr.accmr.hub.notice.NoticeId;
import org.jspecify.annotations.Nullable;

/**
 * One record for {@code hub.inbound.raw}: the bytes as received from the partner, what they are,
 * and where they came from.
 *
 * @param key {@code partner:externalId}, or {@code partner:delivery-id} for a batch
 * @param route id of the receiving route, for instance {@code partner.irc}
 * @param contentType one of the content types in {@link gr.accmr.hub.notice.RawHeaders}
 * @param declaredLanguage the language the content declares, if any
 * @param defaultLanguage the partner's default language
 * @param defaultKind the partner's default kind of notice
 */
public record RawDelivery(
        NoticeId key,
        String route,
        String contentType,
        byte[] body,
        @Nullable String sourceUrl,
        @Nullable String declaredLanguage,
        String defaultLanguage,
        String defaultKind) {}
