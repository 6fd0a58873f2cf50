-- Browsers and PWAs subscribed to urgent notices through Web Push (RFC 8030, 8291, 8292) beside
-- the webhook subscribers: the push service's endpoint is the url, with the browser's keys.
ALTER TABLE alert_subscription ADD COLUMN kind text NOT NULL DEFAULT 'webhook';
ALTER TABLE alert_subscription ADD COLUMN p256dh text;
ALTER TABLE alert_subscription ADD COLUMN auth text;
ALTER TABLE alert_subscription ALTER COLUMN secret DROP NOT NULL;
-- A browser that subscribes again with the same endpoint updates its subscription.
CREATE UNIQUE INDEX alert_subscription_web_push ON alert_subscription (url) WHERE kind = 'web-push';

-- The hub's VAPID key pair, made once by the first instance that starts and shared by all, so a
-- browser's subscription stays valid whichever instance sends.
CREATE TABLE web_push_vapid (
    id          boolean     PRIMARY KEY DEFAULT true CHECK (id),
    public_key  text        NOT NULL,
    private_key text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
