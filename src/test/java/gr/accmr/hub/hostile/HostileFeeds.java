package gr.accmr.hub.hostile;

import java.nio.charset.StandardCharsets;

/** Feeds a hostile or careless partner server sends, built in memory. */
public final class HostileFeeds {

    private HostileFeeds() {}

    /** A marker that fills the channel description, so a test can look for copies of it. */
    public static final String DESCRIPTION_MARK = "channel-description-";

    /** An RSS 2.0 feed whose channel description is {@code descriptionBytes} long, with {@code items} items. */
    public static byte[] rssWithHugeHeader(int descriptionBytes, int items, String linkBase) {
        StringBuilder feed = new StringBuilder(descriptionBytes + items * 400);
        feed.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
                .append("<title>Hostile partner</title><link>")
                .append(linkBase)
                .append("</link><language>en</language><description>");
        while (feed.length() < descriptionBytes) {
            feed.append(DESCRIPTION_MARK);
        }
        feed.append("</description><image><url>https://example.org/logo.png</url></image>");
        for (int i = 0; i < items; i++) {
            feed.append("<item><title>Notice number ")
                    .append(i)
                    .append("</title><link>")
                    .append(linkBase)
                    .append("/items/")
                    .append(i)
                    .append("</link><guid>")
                    .append(linkBase)
                    .append("/items/")
                    .append(i)
                    .append("</guid><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>")
                    .append("<description>Office hours change for item ")
                    .append(i)
                    .append(".</description></item>");
        }
        feed.append("</channel></rss>");
        return feed.toString().getBytes(StandardCharsets.UTF_8);
    }
}
