-- Leader election: the lock table of Spring Integration's JdbcLockRegistry, as shipped in
-- spring-integration-jdbc (org/springframework/integration/jdbc/schema-postgresql.sql). One row per
-- held role (a partner poller, the website expiry sweep, reprocessing); LOCK_KEY is a UUID of the
-- role name, CLIENT_ID the holding process, EXPIRED_AFTER (UTC) when others may take the role over.
CREATE TABLE INT_LOCK  (
	LOCK_KEY CHAR(36) NOT NULL,
	REGION VARCHAR(100) NOT NULL,
	CLIENT_ID CHAR(36),
	CREATED_DATE TIMESTAMP NOT NULL,
	EXPIRED_AFTER TIMESTAMP NOT NULL,
	constraint INT_LOCK_PK primary key (LOCK_KEY, REGION)
);
