package gr.accmr.hub.fanout;

import java.util.List;

/** The languages the mobile feeds are served in ({@code /feeds/{lang}.json} and {@code .atom}), for pages that link to them. */
public interface FeedLanguages {

    /** Normalized language tags, in the configured order. */
    List<String> languages();
}
