package gr.accmr.hub.console;

import gr.accmr.hub.fanout.FeedLanguages;
import gr.accmr.hub.ingest.PartnerHealth;
import gr.accmr.hub.notice.Languages;
import gr.accmr.hub.platform.HubProperties;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The public page at {@code /}: what the hub is, where its site, feeds, API and console are, and on
 * a fresh install that no partner has been reached yet and how to add one.
 */
@Controller
class LandingController implements ConsolePage {

    private final FeedLanguages feeds;
    private final PartnerHealth partners;
    private final HubProperties properties;

    LandingController(FeedLanguages feeds, PartnerHealth partners, HubProperties properties) {
        this.feeds = feeds;
        this.partners = partners;
        this.properties = properties;
    }

    /** A feed language with its own name for it, so each reader finds theirs. */
    record Feed(String lang, String name, String dir) {}

    record Landing(List<Feed> feeds, long partnersReached, String routesDir) {}

    /** The language's name in itself, capitalized as a list item starts: "Français", not "français". */
    static String autonym(String lang) {
        Locale locale = Locale.forLanguageTag(lang);
        String name = locale.getDisplayLanguage(locale);
        return name.isEmpty() ? lang : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }

    @GetMapping("/")
    String landing(Model model) {
        List<Feed> languages = feeds.languages().stream()
                .map(lang -> new Feed(lang, autonym(lang), Languages.direction(lang)))
                .toList();
        long reached = partners.all().stream()
                .filter(status -> status.lastSuccessAt() != null)
                .count();
        model.addAttribute(
                "landing",
                new Landing(
                        languages,
                        reached,
                        // The folder's name only: the page is public, and where the hub's files
                        // lie on its server is none of a visitor's business.
                        String.valueOf(properties
                                .routesDir()
                                .toAbsolutePath()
                                .normalize()
                                .getFileName())));
        return "console/landing";
    }
}
