-- The mobile feeds are paged by (published_at, notice_id) and filtered by partner, kind, category
-- and urgency; a notice without a translation in one of the served languages has a fallback row
-- there (its original-language item), shown only when the fallback is 'original'.
ALTER TABLE mobile_feed_item
    ADD COLUMN partner    text,
    ADD COLUMN kind       text,
    ADD COLUMN urgency    text,
    ADD COLUMN categories text[]  NOT NULL DEFAULT '{}',
    ADD COLUMN fallback   boolean NOT NULL DEFAULT false;

UPDATE mobile_feed_item
SET partner      = item -> '_accmr' ->> 'partner',
    kind         = item -> '_accmr' ->> 'kind',
    urgency      = item -> '_accmr' ->> 'urgency',
    categories   = coalesce(ARRAY(SELECT jsonb_array_elements_text(coalesce(item -> 'tags', '[]'))), '{}'),
    published_at = coalesce(published_at, now());

ALTER TABLE mobile_feed_item
    ALTER COLUMN partner SET NOT NULL,
    ALTER COLUMN kind SET NOT NULL,
    ALTER COLUMN urgency SET NOT NULL,
    ALTER COLUMN published_at SET NOT NULL;

DROP INDEX mobile_feed_item_newest;
-- Keyset pages, newest first; the partial one serves feeds without fallback rows.
CREATE INDEX mobile_feed_item_page ON mobile_feed_item (lang, published_at DESC, notice_id DESC);
CREATE INDEX mobile_feed_item_page_translated ON mobile_feed_item (lang, published_at DESC, notice_id DESC)
    WHERE NOT fallback;
CREATE INDEX mobile_feed_item_partner ON mobile_feed_item (lang, partner, published_at DESC, notice_id DESC);
-- The last expiry that has passed is part of a feed's validators.
CREATE INDEX mobile_feed_item_expiry ON mobile_feed_item (lang, expires_at) WHERE expires_at IS NOT NULL;

-- One row per language, changed in the same transaction as its items: the feeds' ETag and
-- Last-Modified come from here without rendering anything.
CREATE TABLE mobile_feed_state (
    lang       text PRIMARY KEY,
    changes    bigint      NOT NULL,
    changed_at timestamptz NOT NULL
);
INSERT INTO mobile_feed_state (lang, changes, changed_at)
SELECT lang, 1, now() FROM mobile_feed_item GROUP BY lang;
