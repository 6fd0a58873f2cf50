-- A channel's batch looks its notices up by id in the static site's lists: without an index of
-- their own that was a scan of every list row, work that grew with the site.
CREATE INDEX website_index_notice ON website_index (notice_id);

-- What the sitemaps and the expiry sweep read of a notice, as columns: a sitemap file (a thousand
-- rows, rendered again with each batch that adds to it) and the sweep (every minute) read the
-- notice JSON of every row they looked at, which grew with the site.
ALTER TABLE website_notice ADD COLUMN modified_at timestamptz;
ALTER TABLE website_notice ADD COLUMN expires_at timestamptz;
UPDATE website_notice
SET modified_at = coalesce(notice ->> 'updatedAt', notice ->> 'publishedAt')::timestamptz,
    expires_at  = (notice ->> 'expiresAt')::timestamptz;
CREATE INDEX website_notice_expiring ON website_notice (expires_at) WHERE visible AND expires_at IS NOT NULL;
