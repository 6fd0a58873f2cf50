package gr.accmr.hub.normalize.internal;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Map;
import java.util.Optional;

/**
 * Guesses the language of a text among the hub's languages, for content that declares none.
 * Built on Lingua with only the languages partners write in: fewer candidates make it both more
 * accurate and cheaper. Lingua 1.2.2 has no Pashto ({@code ps}) or Central Kurdish ({@code ckb});
 * text in those is reported as unknown or, at worst, as the nearest Arabic-script language.
 *
 * <p>Lingua loads a language's models on first use (about 75 MB of heap for all seven, loaded in
 * 1–2 s), so building a detector is cheap and {@link #shared()} is built once per JVM.
 */
public final class LanguageDetector {

    /**
     * How far ahead of the runner-up the best language must be (Lingua's relative distance: 1
     * minus the runner-up's confidence when the best one has 1). Real paragraphs measure 0.20–0.55
     * (English against French is the closest pair, around 0.2); single words and names measure
     * below 0.1.
     */
    static final double MIN_RELATIVE_DISTANCE = 0.1;

    /** Shorter texts (a subject line, a greeting) say too little to tell related languages apart. */
    static final int MIN_LETTERS = 20;

    /** Detection time grows with the text; its beginning tells the language as well as all of it. */
    static final int MAX_CHARS = 2000;

    private static final Map<Language, String> TAGS = Map.of(
            Language.ENGLISH, "en",
            Language.GREEK, "el",
            Language.ARABIC, "ar",
            Language.PERSIAN, "fa",
            Language.URDU, "ur",
            Language.FRENCH, "fr",
            Language.UKRAINIAN, "uk");

    private static final class Shared {
        static final LanguageDetector INSTANCE = new LanguageDetector();
    }

    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;

    LanguageDetector() {
        this.lingua = LanguageDetectorBuilder.fromLanguages(TAGS.keySet().toArray(Language[]::new))
                .withMinimumRelativeDistance(MIN_RELATIVE_DISTANCE)
                .build();
    }

    /** The one detector of this JVM; its models load when it first sees a text in their script. */
    public static LanguageDetector shared() {
        return Shared.INSTANCE;
    }

    /** The normalized tag of the text's language, or empty when the text is too short or unclear. */
    public Optional<String> detect(String text) {
        if (text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return Optional.empty();
        }
        String sample =
                text.length() <= MAX_CHARS ? text : text.substring(0, text.offsetByCodePoints(0, MAX_CHARS / 2));
        return Optional.ofNullable(TAGS.get(lingua.detectLanguageOf(sample)));
    }
}
