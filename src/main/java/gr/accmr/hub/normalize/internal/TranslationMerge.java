package gr.accmr.hub.normalize.internal;

import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.Translation;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Settles the translations of a draft against the last published version of its notice.
 *
 * <ul>
 *   <li>A partial draft (a partner pushing only its Arabic text) is merged: languages it does not
 *       mention stay as they were, languages it withdraws go. It cannot change the original
 *       language unless it carries that language's text; a missing publication date and missing
 *       links are kept.
 *   <li>Each translation's {@code updatedAt} is the time its source gave it, else the draft's; a
 *       translation whose text did not change keeps the time it had, so a re-sent or re-saved
 *       text does not make the others look outdated.
 *   <li>A translation is {@code outdated} when the source says so, else when the original
 *       language's text is newer than it.
 * </ul>
 */
public final class TranslationMerge {

    private TranslationMerge() {}

    public static Notice settle(Outcome.Draft draft, @Nullable Notice last) {
        Notice notice = draft.notice();
        Notice base = last != null && last.status() == Notice.Status.PUBLISHED ? last : null;
        Map<String, Translation> merged = new TreeMap<>();
        String original = notice.originalLanguage();
        Instant publishedAt = notice.publishedAt();
        var links = notice.links();
        if (draft.partial() && base != null) {
            base.translations().forEach((language, kept) -> merged.put(language, kept.withOutdated(null)));
            draft.removed().forEach(merged::remove);
            if (!notice.translations().containsKey(base.originalLanguage())
                    && merged.containsKey(base.originalLanguage())) {
                original = base.originalLanguage();
            }
            if (publishedAt == null) {
                publishedAt = base.publishedAt();
            }
            if (links.isEmpty()) {
                links = base.links();
            }
        }
        notice.translations().forEach((language, translation) -> {
            Instant time = translation.updatedAt() != null ? translation.updatedAt() : notice.updatedAt();
            Translation before = last == null ? null : last.translations().get(language);
            if (before != null && before.updatedAt() != null && before.sameText(translation)) {
                time = before.updatedAt();
            }
            merged.put(language, translation.withUpdatedAt(time));
        });
        if (merged.isEmpty()) {
            throw new IllegalArgumentException("notice " + notice.id() + " would be left without any translation");
        }
        if (!merged.containsKey(original)) {
            original = merged.keySet().iterator().next();
        }
        Instant originalTime = merged.get(original).updatedAt();
        for (Map.Entry<String, Translation> entry : merged.entrySet()) {
            Translation translation = entry.getValue();
            boolean outdated = !entry.getKey().equals(original)
                    && (translation.outdated() != null
                            ? translation.outdated()
                            : originalTime != null
                                    && translation.updatedAt() != null
                                    && translation.updatedAt().isBefore(originalTime));
            entry.setValue(translation.withOutdated(outdated ? Boolean.TRUE : null));
        }
        return notice.withTranslations(publishedAt, original, merged, links);
    }
}
