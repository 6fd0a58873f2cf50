-- Editorial review. One row per notice of a partner under review: the version the gate holds or
-- last decided, as the partner sent it, and the last version that reached the city's channels.
CREATE TABLE review_notice (
    notice_id        text        PRIMARY KEY,
    partner          text        NOT NULL,
    version          integer     NOT NULL,
    notice           jsonb       NOT NULL,
    state            text        NOT NULL CHECK (state IN ('awaiting', 'approved', 'rejected', 'retracted')),
    urgent           boolean     NOT NULL DEFAULT false,
    held_at          timestamptz NOT NULL DEFAULT now(),
    approved_version integer,
    -- The partner's text of the last approved version, to see what changed since.
    approved_notice  jsonb,
    decided_by       text,
    decided_at       timestamptz,
    reason           text
);
CREATE INDEX review_notice_awaiting ON review_notice (urgent DESC, held_at) WHERE state = 'awaiting';

-- Every step of every version through review, for the journey and the audit: held, approved (with
-- the editor's edits), rejected (with the reason), applied without review, retracted at once.
CREATE TABLE review_step (
    id         bigserial   PRIMARY KEY,
    notice_id  text        NOT NULL,
    version    integer     NOT NULL,
    step       text        NOT NULL,
    by_user    text,
    at         timestamptz NOT NULL DEFAULT now(),
    reason     text,
    edits      jsonb
);
CREATE INDEX review_step_notice ON review_step (notice_id, version);
-- A redelivered record holds or applies a version once.
CREATE UNIQUE INDEX review_step_once ON review_step (notice_id, version, step)
    WHERE step IN ('held', 'applied-title-unchanged', 'retracted-at-once');

-- E-mails to the editors, sent by one instance: an urgent notice awaiting review, once per version.
CREATE TABLE review_mail (
    id         bigserial   PRIMARY KEY,
    notice_id  text        NOT NULL,
    version    integer     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz,
    UNIQUE (notice_id, version)
);

-- The editors' daily digest, sent once a day by whichever instance sends it first.
CREATE TABLE review_digest (
    day     date        PRIMARY KEY,
    sent_at timestamptz NOT NULL DEFAULT now(),
    waiting integer     NOT NULL
);
