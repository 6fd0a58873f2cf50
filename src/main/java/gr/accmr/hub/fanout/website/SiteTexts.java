package gr.accmr.hub.fanout.website;

import java.util.List;
import java.util.Map;

/**
 * The site's own words in the hub's languages. The site speaks to readers in their language;
 * a language missing here falls back to English.
 */
final class SiteTexts {

    /** The hub's languages in the order the language switcher shows them. */
    static final List<String> LANGUAGES = List.of("el", "en", "ar", "fa", "ur", "fr", "uk");

    /** Each language named in itself, as a language switcher should. */
    static final Map<String, String> NAMES = Map.of(
            "el", "Ελληνικά",
            "en", "English",
            "ar", "العربية",
            "fa", "فارسی",
            "ur", "اردو",
            "fr", "Français",
            "uk", "Українська");

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "en",
            Map.ofEntries(
                    Map.entry("site", "City of Athens · Coordination Center for Migrant and Refugee issues"),
                    Map.entry("notices", "Notices"),
                    Map.entry("urgent", "Urgent"),
                    Map.entry("partner", "From"),
                    Map.entry("categories", "Topics"),
                    Map.entry("newer", "Newer notices"),
                    Map.entry("older", "Older notices"),
                    Map.entry("feeds", "Follow these notices"),
                    Map.entry("source", "Original source"),
                    Map.entry("languages", "Languages"),
                    Map.entry("outdated", "This translation is older than the original text."),
                    Map.entry("original", "Read the original"),
                    Map.entry("empty", "No notices yet."),
                    Map.entry("kind.news", "News"),
                    Map.entry("kind.notice", "Notice"),
                    Map.entry("kind.event", "Event"),
                    Map.entry("kind.service", "Service"),
                    Map.entry("kind.newsletter", "Newsletter"),
                    Map.entry("kind.alert", "Alert")),
            "el",
            Map.ofEntries(
                    Map.entry("site", "Δήμος Αθηναίων · Κέντρο Συντονισμού για θέματα Μεταναστών και Προσφύγων"),
                    Map.entry("notices", "Ανακοινώσεις"),
                    Map.entry("urgent", "Επείγον"),
                    Map.entry("partner", "Από"),
                    Map.entry("categories", "Θέματα"),
                    Map.entry("newer", "Νεότερες ανακοινώσεις"),
                    Map.entry("older", "Παλαιότερες ανακοινώσεις"),
                    Map.entry("feeds", "Ακολουθήστε τις ανακοινώσεις"),
                    Map.entry("source", "Αρχική πηγή"),
                    Map.entry("languages", "Γλώσσες"),
                    Map.entry("outdated", "Αυτή η μετάφραση είναι παλαιότερη από το αρχικό κείμενο."),
                    Map.entry("original", "Διαβάστε το πρωτότυπο"),
                    Map.entry("empty", "Δεν υπάρχουν ακόμη ανακοινώσεις."),
                    Map.entry("kind.news", "Νέα"),
                    Map.entry("kind.notice", "Ανακοίνωση"),
                    Map.entry("kind.event", "Εκδήλωση"),
                    Map.entry("kind.service", "Υπηρεσία"),
                    Map.entry("kind.newsletter", "Ενημερωτικό δελτίο"),
                    Map.entry("kind.alert", "Προειδοποίηση")),
            "ar",
            Map.ofEntries(
                    Map.entry("site", "بلدية أثينا · مركز تنسيق شؤون المهاجرين واللاجئين"),
                    Map.entry("notices", "الإعلانات"),
                    Map.entry("urgent", "عاجل"),
                    Map.entry("partner", "من"),
                    Map.entry("categories", "المواضيع"),
                    Map.entry("newer", "إعلانات أحدث"),
                    Map.entry("older", "إعلانات أقدم"),
                    Map.entry("feeds", "تابع هذه الإعلانات"),
                    Map.entry("source", "المصدر الأصلي"),
                    Map.entry("languages", "اللغات"),
                    Map.entry("outdated", "هذه الترجمة أقدم من النص الأصلي."),
                    Map.entry("original", "اقرأ النص الأصلي"),
                    Map.entry("empty", "لا توجد إعلانات بعد."),
                    Map.entry("kind.news", "أخبار"),
                    Map.entry("kind.notice", "إعلان"),
                    Map.entry("kind.event", "فعالية"),
                    Map.entry("kind.service", "خدمة"),
                    Map.entry("kind.newsletter", "نشرة إخبارية"),
                    Map.entry("kind.alert", "تنبيه")),
            "fa",
            Map.ofEntries(
                    Map.entry("site", "شهرداری آتن · مرکز هماهنگی امور مهاجران و پناهندگان"),
                    Map.entry("notices", "اطلاعیه‌ها"),
                    Map.entry("urgent", "فوری"),
                    Map.entry("partner", "از"),
                    Map.entry("categories", "موضوعات"),
                    Map.entry("newer", "اطلاعیه‌های جدیدتر"),
                    Map.entry("older", "اطلاعیه‌های قدیمی‌تر"),
                    Map.entry("feeds", "این اطلاعیه‌ها را دنبال کنید"),
                    Map.entry("source", "منبع اصلی"),
                    Map.entry("languages", "زبان‌ها"),
                    Map.entry("outdated", "این ترجمه از متن اصلی قدیمی‌تر است."),
                    Map.entry("original", "متن اصلی را بخوانید"),
                    Map.entry("empty", "هنوز اطلاعیه‌ای نیست."),
                    Map.entry("kind.news", "خبر"),
                    Map.entry("kind.notice", "اطلاعیه"),
                    Map.entry("kind.event", "رویداد"),
                    Map.entry("kind.service", "خدمت"),
                    Map.entry("kind.newsletter", "خبرنامه"),
                    Map.entry("kind.alert", "هشدار")),
            "ur",
            Map.ofEntries(
                    Map.entry("site", "ایتھنز شہر · مہاجرین اور پناہ گزینوں کے امور کا رابطہ مرکز"),
                    Map.entry("notices", "اعلانات"),
                    Map.entry("urgent", "فوری"),
                    Map.entry("partner", "منجانب"),
                    Map.entry("categories", "موضوعات"),
                    Map.entry("newer", "نئے اعلانات"),
                    Map.entry("older", "پرانے اعلانات"),
                    Map.entry("feeds", "یہ اعلانات فالو کریں"),
                    Map.entry("source", "اصل ماخذ"),
                    Map.entry("languages", "زبانیں"),
                    Map.entry("outdated", "یہ ترجمہ اصل متن سے پرانا ہے۔"),
                    Map.entry("original", "اصل متن پڑھیں"),
                    Map.entry("empty", "ابھی کوئی اعلان نہیں۔"),
                    Map.entry("kind.news", "خبریں"),
                    Map.entry("kind.notice", "اعلان"),
                    Map.entry("kind.event", "تقریب"),
                    Map.entry("kind.service", "خدمت"),
                    Map.entry("kind.newsletter", "خبرنامہ"),
                    Map.entry("kind.alert", "انتباہ")),
            "fr",
            Map.ofEntries(
                    Map.entry("site", "Ville d’Athènes · Centre de coordination pour les migrants et les réfugiés"),
                    Map.entry("notices", "Avis"),
                    Map.entry("urgent", "Urgent"),
                    Map.entry("partner", "De"),
                    Map.entry("categories", "Thèmes"),
                    Map.entry("newer", "Avis plus récents"),
                    Map.entry("older", "Avis plus anciens"),
                    Map.entry("feeds", "Suivre ces avis"),
                    Map.entry("source", "Source d’origine"),
                    Map.entry("languages", "Langues"),
                    Map.entry("outdated", "Cette traduction est plus ancienne que le texte original."),
                    Map.entry("original", "Lire l’original"),
                    Map.entry("empty", "Pas encore d’avis."),
                    Map.entry("kind.news", "Actualité"),
                    Map.entry("kind.notice", "Avis"),
                    Map.entry("kind.event", "Événement"),
                    Map.entry("kind.service", "Service"),
                    Map.entry("kind.newsletter", "Lettre d’information"),
                    Map.entry("kind.alert", "Alerte")),
            "uk",
            Map.ofEntries(
                    Map.entry("site", "Місто Афіни · Координаційний центр з питань мігрантів і біженців"),
                    Map.entry("notices", "Оголошення"),
                    Map.entry("urgent", "Терміново"),
                    Map.entry("partner", "Від"),
                    Map.entry("categories", "Теми"),
                    Map.entry("newer", "Новіші оголошення"),
                    Map.entry("older", "Старіші оголошення"),
                    Map.entry("feeds", "Стежте за оголошеннями"),
                    Map.entry("source", "Першоджерело"),
                    Map.entry("languages", "Мови"),
                    Map.entry("outdated", "Цей переклад старіший за оригінальний текст."),
                    Map.entry("original", "Читати оригінал"),
                    Map.entry("empty", "Оголошень ще немає."),
                    Map.entry("kind.news", "Новини"),
                    Map.entry("kind.notice", "Оголошення"),
                    Map.entry("kind.event", "Подія"),
                    Map.entry("kind.service", "Послуга"),
                    Map.entry("kind.newsletter", "Розсилка"),
                    Map.entry("kind.alert", "Попередження")));

    private SiteTexts() {}

    /** The site's words in one language, English where that language has none. */
    static Map<String, String> of(String language) {
        return TEXTS.getOrDefault(language, TEXTS.get("en"));
    }

    /** A language's own name, or its tag when the hub has none for it. */
    static String name(String language) {
        return NAMES.getOrDefault(language, language);
    }
}
