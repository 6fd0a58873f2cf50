-- Operators' hold on a partner, for every hub instance: paused (no instance polls it until it is
-- resumed) and "poll now" (the instance that polls it polls at once).
CREATE TABLE partner_control (
    route_id          text        PRIMARY KEY,
    paused            boolean     NOT NULL DEFAULT false,
    poll_requested_at timestamptz,
    changed_by        text,
    changed_at        timestamptz NOT NULL DEFAULT now()
);
