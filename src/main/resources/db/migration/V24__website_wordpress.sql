-- The website's WordPress adapter. Per notice: the version its posts show, whether they are
-- shown, and the notice itself, for the expiry sweep. Written in the transaction that ends a
-- notice's delivery, so a redelivered or older version sends nothing.
CREATE TABLE website_wordpress_notice (
    notice_id  text        PRIMARY KEY,
    version    integer     NOT NULL,
    visible    boolean     NOT NULL,
    expires_at timestamptz,
    notice     jsonb       NOT NULL
);
CREATE INDEX website_wordpress_notice_expiry ON website_wordpress_notice (expires_at) WHERE visible;

-- Which post shows each notice in each language. A post made before a crash but not recorded here
-- is found again by its slug, which the hub derives from the notice id and language.
CREATE TABLE website_wordpress_post (
    notice_id text   NOT NULL,
    lang      text   NOT NULL,
    post_id   bigint NOT NULL,
    link      text   NOT NULL,
    status    text   NOT NULL,
    PRIMARY KEY (notice_id, lang)
);
