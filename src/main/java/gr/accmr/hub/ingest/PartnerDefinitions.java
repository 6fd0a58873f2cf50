package gr.accmr.hub.ingest;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The partner files of the routes folder as the hub last read them, for the console to show. Read only. */
public interface PartnerDefinitions {

    /**
     * One file: its name, the routes it runs, its text as it is in the folder now, and why that
     * text was refused (the routes then are those of its last good text), or null.
     */
    record Definition(
            String file,
            List<String> routes,
            String content,
            @Nullable String error) {}

    List<Definition> definitions();
}
