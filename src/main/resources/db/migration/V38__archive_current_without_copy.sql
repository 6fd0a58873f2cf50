-- The archive's current row of a notice names its version; the notice's JSON is read from that
-- version's row, which every batch writes with it. The copy the current row kept (2-4 KB of jsonb
-- written and compressed again with every version) goes; its languages stay for the language
-- filter of listings.
ALTER TABLE archive_notice ADD COLUMN languages text[];
-- A current row whose version row is missing would lose its notice: keep it as that version first.
INSERT INTO archive_notice_version (notice_id, version, content_hash, notice)
SELECT notice_id, version, coalesce(notice ->> 'contentHash', ''), notice FROM archive_notice
ON CONFLICT (notice_id, version) DO NOTHING;
UPDATE archive_notice SET languages = ARRAY(SELECT jsonb_object_keys(notice -> 'translations'));
ALTER TABLE archive_notice ALTER COLUMN languages SET NOT NULL;
ALTER TABLE archive_notice DROP COLUMN notice;
