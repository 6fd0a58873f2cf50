package gr.accmr.hub.fanout.archive;

import gr.accmr.hub.fanout.ArchivedNotices;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Counts of the archive's current notices. */
@Component
class ArchiveCounts implements ArchivedNotices {

    private final JdbcTemplate jdbc;

    ArchiveCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM archive_notice", Long.class);
        return count == null ? 0 : count;
    }
}
