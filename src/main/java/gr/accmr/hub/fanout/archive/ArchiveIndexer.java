package gr.accmr.hub.fanout.archive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Builds the search documents of notices archived before search existed (or by an instance that
 * did not index them), once at startup and in the background: the sink indexes every new version
 * itself. Rows are locked while indexed, so several instances share the work without repeating it.
 */
@Component
class ArchiveIndexer {

    private static final Logger log = LoggerFactory.getLogger(ArchiveIndexer.class);
    private static final int BATCH = 200;

    private final ArchiveStore store;

    ArchiveIndexer(ArchiveStore store) {
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    void indexMissingInBackground() {
        Thread indexer = new Thread(
                () -> {
                    try {
                        int indexed = store.indexMissing(BATCH);
                        if (indexed > 0) {
                            log.info("Archive search: indexed {} notices archived before search", indexed);
                        }
                    } catch (RuntimeException e) {
                        // Nothing is lost: the rows stay marked unindexed and the next start tries again.
                        log.warn("Archive search: indexing older notices stopped: {}", e.toString());
                    }
                },
                "archive-indexer");
        indexer.setDaemon(true);
        indexer.start();
    }
}
