-- Archive search: one tsvector per notice and language, kept by the archive sink in the
-- transaction that stores the notice, so queries never compute documents.
-- unaccent and pg_trgm ship with PostgreSQL and are trusted extensions: a database owner may
-- create them without being a superuser.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The stock configurations with accents folded before stemming, so "υγεια" finds "υγεία" and
-- "ecole" finds "école". unaccent only filters: it hands the folded word on to the stemmer.
CREATE TEXT SEARCH CONFIGURATION hub_greek (COPY = greek);
ALTER TEXT SEARCH CONFIGURATION hub_greek ALTER MAPPING FOR hword, hword_part, word WITH unaccent, greek_stem;
CREATE TEXT SEARCH CONFIGURATION hub_english (COPY = english);
ALTER TEXT SEARCH CONFIGURATION hub_english ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION hub_french (COPY = french);
ALTER TEXT SEARCH CONFIGURATION hub_french ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
CREATE TEXT SEARCH CONFIGURATION hub_arabic (COPY = arabic);
ALTER TEXT SEARCH CONFIGURATION hub_arabic ALTER MAPPING FOR hword, hword_part, word WITH unaccent, arabic_stem;
-- Languages without a stemmer (Farsi, Urdu, Ukrainian, any other): words lower-cased and
-- unaccented, helped by trigram matching on the folded text.
CREATE TEXT SEARCH CONFIGURATION hub_simple (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION hub_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

CREATE TABLE archive_search (
    notice_id text     NOT NULL REFERENCES archive_notice (notice_id) ON DELETE CASCADE,
    lang      text     NOT NULL,
    config    regconfig NOT NULL,
    -- Title weighted A, summary B, body C; built from the Arabic-script-folded text.
    document  tsvector NOT NULL,
    -- Folded, lower-cased, unaccented text for trigram matching; only where there is no stemmer.
    folded    text,
    PRIMARY KEY (notice_id, lang)
);
CREATE INDEX archive_search_document ON archive_search USING gin (document);
CREATE INDEX archive_search_folded ON archive_search USING gin (folded gin_trgm_ops) WHERE folded IS NOT NULL;

-- Filters of the list and search, as columns; indexed_version says which version the search rows
-- were built from, so rows archived before this migration are indexed at startup.
ALTER TABLE archive_notice ADD COLUMN kind text;
ALTER TABLE archive_notice ADD COLUMN categories text[] NOT NULL DEFAULT '{}';
ALTER TABLE archive_notice ADD COLUMN indexed_version integer;
UPDATE archive_notice SET kind = notice ->> 'kind',
    categories = ARRAY(SELECT jsonb_array_elements_text(coalesce(notice -> 'categories', '[]'::jsonb)));
CREATE INDEX archive_notice_categories ON archive_notice USING gin (categories);
CREATE INDEX archive_notice_unindexed ON archive_notice (notice_id)
    WHERE indexed_version IS DISTINCT FROM version;
