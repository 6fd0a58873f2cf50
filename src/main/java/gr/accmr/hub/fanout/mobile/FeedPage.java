package gr.accmr.hub.fanout.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The JSON Feed items of one page, newest first, and where the next page starts if there is one. */
record FeedPage(List<JsonNode> items, FeedQuery.@Nullable Cursor next) {}
