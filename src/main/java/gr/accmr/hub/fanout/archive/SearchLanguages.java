package gr.accmr.hub.fanout.archive;

import gr.accmr.hub.notice.Languages;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text search configuration of each language (created by migration V17): the stemmers
 * PostgreSQL ships, with {@code unaccent} before them, for Greek, English, French and Arabic;
 * {@code hub_simple} (lower case, unaccent, no stemming) with trigram matching for every other
 * language, Farsi, Urdu and Ukrainian among them.
 */
final class SearchLanguages {

    static final String SIMPLE = "hub_simple";

    private static final Map<String, String> STEMMED =
            Map.of("el", "hub_greek", "en", "hub_english", "fr", "hub_french", "ar", "hub_arabic");

    /** Every configuration, for a query over all languages. */
    static final List<String> CONFIGS = List.of("hub_greek", "hub_english", "hub_french", "hub_arabic", SIMPLE);

    private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());

    private SearchLanguages() {}

    static String config(String lang) {
        return STEMMED.getOrDefault(lang, SIMPLE);
    }

    /** Whether the language has no stemmer, so trigrams stand in for word forms. */
    static boolean trigram(String lang) {
        return !STEMMED.containsKey(lang);
    }

    /**
     * The stored form of a language asked for ({@code fa-IR} → {@code fa}); an {@link
     * IllegalArgumentException} for what is not a language tag or names no known language.
     */
    static String of(String tag) {
        String lang = Languages.normalize(tag);
        // Two-letter codes must be ISO 639-1; three-letter ones without a two-letter code (ckb) pass.
        if (lang.length() == 2 && !ISO_LANGUAGES.contains(lang)) {
            throw new IllegalArgumentException("no language " + tag);
        }
        return lang;
    }
}
