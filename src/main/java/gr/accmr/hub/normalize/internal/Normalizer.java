package gr.accmr.hub.normalize.internal;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Chooses the parser for a raw record by its content type; an unknown type is an error, not a guess. */
public final class Normalizer {

    private final Map<String, SourceNormalizer> byContentType;

    public Normalizer() {
        this(List.of(
                new FeedEntryNormalizer(),
                new JsonFeedEntryNormalizer(),
                new PushNoticeNormalizer(),
                new ZendeskArticleNormalizer(),
                new RetractionNormalizer(),
                new DirectusServiceNormalizer(),
                new EmailNewsletterNormalizer()));
    }

    Normalizer(List<SourceNormalizer> normalizers) {
        this.byContentType =
                normalizers.stream().collect(Collectors.toMap(SourceNormalizer::contentType, Function.identity()));
    }

    public Outcome normalize(RawRecord raw) {
        SourceNormalizer normalizer = byContentType.get(raw.contentType());
        if (normalizer == null) {
            throw new IllegalArgumentException("no normalizer for content type '" + raw.contentType() + "'");
        }
        return normalizer.normalize(raw);
    }
}
