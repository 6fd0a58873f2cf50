-- Archive: every version of every notice, and the current one for listing.
CREATE TABLE archive_notice_version (
    notice_id    text        NOT NULL,
    version      integer     NOT NULL,
    content_hash text        NOT NULL,
    notice       jsonb       NOT NULL,
    archived_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (notice_id, version)
);

CREATE TABLE archive_notice (
    notice_id    text PRIMARY KEY,
    partner      text        NOT NULL,
    version      integer     NOT NULL,
    status       text        NOT NULL,
    published_at timestamptz,
    updated_at   timestamptz,
    notice       jsonb       NOT NULL
);
CREATE INDEX archive_notice_newest ON archive_notice (published_at DESC NULLS LAST, notice_id);
CREATE INDEX archive_notice_partner ON archive_notice (partner, published_at DESC NULLS LAST);

-- Mobile: one JSON Feed item per notice and language.
CREATE TABLE mobile_feed_item (
    notice_id    text        NOT NULL,
    lang         text        NOT NULL,
    version      integer     NOT NULL,
    published_at timestamptz,
    expires_at   timestamptz,
    item         jsonb       NOT NULL,
    PRIMARY KEY (notice_id, lang)
);
CREATE INDEX mobile_feed_item_newest ON mobile_feed_item (lang, published_at DESC NULLS LAST);

-- Website: the version each notice's pages were rendered from, and what the indexes list.
CREATE TABLE website_notice (
    notice_id    text PRIMARY KEY,
    version      integer     NOT NULL,
    visible      boolean     NOT NULL,
    published_at timestamptz,
    notice       jsonb       NOT NULL
);
