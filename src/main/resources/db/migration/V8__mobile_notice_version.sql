-- The version the mobile channel last applied per notice, kept after a retraction removed its
-- items, so an older version delivered again later cannot bring them back.
CREATE TABLE mobile_notice (
    notice_id text PRIMARY KEY,
    version   integer NOT NULL
);
INSERT INTO mobile_notice (notice_id, version)
SELECT notice_id, max(version) FROM mobile_feed_item GROUP BY notice_id;
