-- The static site's lists: per language, each visible notice in the order it reached the site.
-- Archive pages cover fixed ranges of this sequence, so a new notice re-renders only the front
-- page and the newest archive page, however many notices the site already has.
CREATE TABLE website_index (
    lang      text    NOT NULL,
    seq       bigint  NOT NULL,
    notice_id text    NOT NULL,
    PRIMARY KEY (lang, seq),
    UNIQUE (lang, notice_id)
);
-- Sequences survive removals, so a page's range never moves.
CREATE TABLE website_index_seq (
    lang text PRIMARY KEY,
    last bigint NOT NULL
);
-- Visible notices of earlier versions join the lists in their publication order.
INSERT INTO website_index (lang, seq, notice_id)
SELECT lang, row_number() OVER (PARTITION BY lang ORDER BY published_at NULLS FIRST, notice_id), notice_id
FROM (SELECT jsonb_object_keys(notice -> 'translations') AS lang, notice_id, published_at FROM website_notice
      WHERE visible) AS visible_pages;
INSERT INTO website_index_seq (lang, last) SELECT lang, max(seq) FROM website_index GROUP BY lang;
