package gr.accmr.hub.fanout.website;

import gr.accmr.hub.fanout.NoticeSink;
import gr.accmr.hub.notice.Notice;
import org.springframework.stereotype.Component;

@Component
class WebsiteSink implements NoticeSink {

    private final WebsiteChannel channel;

    WebsiteSink(WebsiteChannel channel) {
        this.channel = channel;
    }

    @Override
    public String name() {
        return "website";
    }

    /** The page in the notice's original language. */
    @Override
    public String reference(Notice notice) {
        return "/site/" + SitePages.pagePath(notice, notice.originalLanguage());
    }

    @Override
    public void accept(Notice notice) {
        channel.publish(notice);
    }
}
