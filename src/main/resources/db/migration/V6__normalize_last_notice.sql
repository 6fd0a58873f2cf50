-- The last published notice itself, so that a retraction that names only the id, or a translation
-- that arrives on its own, can be applied to it.
ALTER TABLE normalize_notice_state ADD COLUMN notice jsonb;
