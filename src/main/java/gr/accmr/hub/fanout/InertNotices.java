package gr.accmr.hub.fanout;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.notice.Notice;
import gr.accmr.hub.notice.NoticeHtml;
import gr.accmr.hub.notice.NoticeId;
import gr.accmr.hub.notice.Translation;
import gr.accmr.hub.platform.PermanentFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every channel does to a notice before it shows it anywhere: normalization already made it
 * safe, but {@code hub.notices} is a topic anything with Kafka access can write to, so a channel
 * does not take that on trust. Links, attachments and translation URLs must be absolute http(s)
 * (a {@code javascript:} or {@code data:} URL is dropped), the HTML passes the hub's policy again,
 * and the id and languages, which become paths and folders, must be what normalization makes.
 */
final class InertNotices {

    /**
     * The policy's verdict per distinct HTML: the channels of one instance read the same notices
     * moments apart, so each body is sanitized once instead of once per channel. Keyed by the whole
     * text (equal input, equal output), bounded by the characters held.
     */
    private static final Cache<String, String> SANITIZED = Caffeine.newBuilder()
            .maximumWeight(32L * 1024 * 1024)
            .weigher((String html, String clean) -> html.length() + clean.length())
            .build();

    private InertNotices() {}

    /** The notice as a channel may show it; a notice whose id or languages are not the hub's is refused. */
    static Notice of(Notice notice) {
        NoticeId id;
        try {
            id = NoticeId.parse(notice.id());
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("not a notice id the hub makes: " + notice.id(), e);
        }
        if (!id.partner().equals(notice.partner()) || !id.externalId().equals(notice.externalId())) {
            throw new PermanentFailure("notice " + notice.id() + " names another partner or external id");
        }
        if (!Languages.isNormalized(notice.originalLanguage())) {
            throw new PermanentFailure(
                    "notice " + notice.id() + " has the unknown original language " + notice.originalLanguage());
        }
        Map<String, Translation> translations = new LinkedHashMap<>();
        notice.translations().forEach((language, translation) -> {
            if (!Languages.isNormalized(language)) {
                throw new PermanentFailure(
                        "notice " + notice.id() + " has a translation in the unknown language " + language);
            }
            translations.put(language, inert(translation, language));
        });
        if (translations.isEmpty()) {
            throw new PermanentFailure("notice " + notice.id() + " has no translation");
        }
        List<Notice.Link> links = new ArrayList<>();
        for (Notice.Link link : notice.links()) {
            if (httpUrl(link.href()) != null) {
                links.add(link);
            }
        }
        List<Notice.Attachment> attachments = new ArrayList<>();
        for (Notice.Attachment attachment : notice.attachments()) {
            if (httpUrl(attachment.href()) != null) {
                attachments.add(attachment);
            }
        }
        Notice withTranslations =
                notice.withTranslations(notice.publishedAt(), notice.originalLanguage(), translations, links);
        return new Notice(
                withTranslations.id(),
                withTranslations.partner(),
                withTranslations.externalId(),
                withTranslations.kind(),
                withTranslations.status(),
                withTranslations.urgency(),
                withTranslations.version(),
                withTranslations.contentHash(),
                withTranslations.publishedAt(),
                withTranslations.updatedAt(),
                withTranslations.validFrom(),
                withTranslations.expiresAt(),
                withTranslations.originalLanguage(),
                withTranslations.translations(),
                withTranslations.categories(),
                withTranslations.location(),
                withTranslations.links(),
                attachments,
                withTranslations.source());
    }

    private static Translation inert(Translation translation, String language) {
        return new Translation(
                translation.title(),
                translation.summary(),
                SANITIZED.get(translation.bodyHtml(), NoticeHtml::sanitize),
                translation.bodyText(),
                // The direction becomes an attribute: only the language decides it.
                Languages.direction(language),
                httpUrl(translation.url()),
                translation.languageSource(),
                translation.updatedAt(),
                translation.outdated());
    }

    /** The URL if it is absolute http(s) with a host, else nothing. */
    static @Nullable String httpUrl(@Nullable String url) {
        if (url == null) {
            return null;
        }
        try {
            String stripped = url.strip();
            URI uri = new URI(stripped);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? stripped : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
