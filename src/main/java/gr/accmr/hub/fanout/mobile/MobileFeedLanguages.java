package gr.accmr.hub.fanout.mobile;

import gr.accmr.hub.fanout.FeedLanguages;
import java.util.List;
import org.springframework.stereotype.Component;

/** The configured languages of the mobile feeds, for the landing page's links. */
@Component
class MobileFeedLanguages implements FeedLanguages {

    private final MobileProperties properties;

    MobileFeedLanguages(MobileProperties properties) {
        this.properties = properties;
    }

    @Override
    public List<String> languages() {
        return properties.languages();
    }
}
