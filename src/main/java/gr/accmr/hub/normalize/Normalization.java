package gr.accmr.hub.normalize;

import gr.accmr.hub.normalize.internal.ContentHash;
import gr.accmr.hub.normalize.internal.Normalizer;
import gr.accmr.hub.normalize.internal.Outcome;
import gr.accmr.hub.normalize.internal.RawRecord;
import gr.accmr.hub.normalize.internal.TranslationMerge;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeId;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The normalize stage without Kafka: one raw record in, the notice it makes out (as version 1 with
 * its content hash), for tools that try a partner's content before it is added.
 */
public final class Normalization {

    private final Normalizer normalizer = new Normalizer();

    /** Empty for a record that retracts a notice rather than describing one. */
    public Optional<Notice> normalize(
            NoticeId id,
            String contentType,
            byte[] body,
            @Nullable String sourceUrl,
            @Nullable String declaredLanguage,
            String defaultLanguage,
            String defaultKind) {
        Outcome outcome = normalizer.normalize(new RawRecord(
                id,
                "preview",
                contentType,
                Instant.now(),
                sourceUrl,
                declaredLanguage,
                defaultLanguage,
                defaultKind,
                body,
                "preview",
                0,
                0));
        if (outcome instanceof Outcome.Draft draft) {
            // As the first version of its notice: translation times settled, nothing to merge into.
            Notice notice = TranslationMerge.settle(draft, null);
            return Optional.of(notice.withVersion(1, ContentHash.of(notice)));
        }
        return Optional.empty();
    }
}
