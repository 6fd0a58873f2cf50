-- The site keeps of each notice what its batches read back: the version shown and the languages of
-- its pages (to take down those a newer version no longer has). The copy of the whole notice it
-- kept (2-4 KB of JSON a notice, written and compressed with every version) was read for nothing
-- else; the lists keep their own entries since V36.
ALTER TABLE website_notice ADD COLUMN languages text[];
UPDATE website_notice SET languages = ARRAY(SELECT jsonb_object_keys(notice -> 'translations'));
ALTER TABLE website_notice ALTER COLUMN languages SET NOT NULL;
ALTER TABLE website_notice DROP COLUMN notice;
