-- What a list shows of a notice in a language, kept beside its place in the list: a front page or
-- an archive page reads twenty short rows, where it read and parsed twenty notices' JSON. Rewritten
-- with the place when a new version of the notice comes.
ALTER TABLE website_index
    ADD COLUMN title        text,
    ADD COLUMN summary      text,
    ADD COLUMN urgent       boolean,
    ADD COLUMN published_at timestamptz;
UPDATE website_index i
SET title        = coalesce(w.notice -> 'translations' -> i.lang ->> 'title', ''),
    summary      = coalesce(w.notice -> 'translations' -> i.lang ->> 'summary', ''),
    urgent       = coalesce(w.notice ->> 'urgency' = 'urgent', false),
    published_at = (w.notice ->> 'publishedAt')::timestamptz
FROM website_notice w
WHERE w.notice_id = i.notice_id;
UPDATE website_index SET title = '', summary = '', urgent = false WHERE title IS NULL;
ALTER TABLE website_index
    ALTER COLUMN title SET NOT NULL,
    ALTER COLUMN summary SET NOT NULL,
    ALTER COLUMN urgent SET NOT NULL;
