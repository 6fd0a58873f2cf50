package gr.accmr.hub.fanout.website;

import gr.accmr.hub.fanout.NoticeSink;
import gr.accmr.hub.notice.Notice;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

@Component
class WebsiteSink implements NoticeSink {

    private final WebsiteChannel channel;

    WebsiteSink(WebsiteChannel channel) {
        this.channel = channel;
    }

    @Override
    public boolean joinsTransaction() {
        return channel.joinsTransaction();
    }

    @Override
    public String name() {
        return "website";
    }

    /** The page or post in the notice's original language. */
    @Override
    public @Nullable String reference(Notice notice) {
        return channel.reference(notice);
    }

    @Override
    public void accept(Notice notice) {
        channel.publish(notice);
    }

    @Override
    public void acceptAll(List<Notice> notices) {
        channel.publishAll(notices);
    }
}
