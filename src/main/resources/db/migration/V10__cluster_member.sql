-- The lock table names a holder only by its process's random client id (CHAR(36)); this says which
-- hub instance (hub.cluster.instance-id) that process is, so operators see who polls a partner.
CREATE TABLE cluster_member (
    client_id   char(36)    PRIMARY KEY,
    instance_id text        NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now()
);
