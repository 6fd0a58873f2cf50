-- A fallback row (a notice shown in a language it has no translation in) no longer carries a copy
-- of the original language's item: it names the row that holds it, and the feed reads that one.
-- Rows written before keep their copy, which is read as before.
ALTER TABLE mobile_feed_item ALTER COLUMN item DROP NOT NULL;
ALTER TABLE mobile_feed_item ADD COLUMN item_lang text;
ALTER TABLE mobile_feed_item ADD CONSTRAINT mobile_feed_item_has_item
    CHECK (item IS NOT NULL OR (fallback AND item_lang IS NOT NULL));

-- Fallback rows are kept only while the feeds show them (hub.mobile.fallback=original), for the
-- languages served then; the channel fills them in for earlier notices, or drops them, when that
-- changes. The row whose item fallback rows show is marked, so they can be made without the notice.
ALTER TABLE mobile_feed_item ADD COLUMN fallback_source boolean NOT NULL DEFAULT false;
UPDATE mobile_feed_item source SET fallback_source = true
WHERE NOT source.fallback AND EXISTS (
    SELECT 1 FROM mobile_feed_item copy
    WHERE copy.notice_id = source.notice_id AND copy.fallback AND copy.item ->> 'language' = source.lang);
-- The languages fallback rows are kept for; none when the feeds leave such notices out. Unknown
-- (no row) until the channel first starts with this table.
CREATE TABLE mobile_fallback_languages (
    only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    languages text[] NOT NULL
);
