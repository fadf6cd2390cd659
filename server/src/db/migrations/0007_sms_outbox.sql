-- The SMS outbox (adapters/sms): a message is written `queued` in the transaction that causes it; a
-- relay claims due rows (status queued and next_attempt_at <= now, or a `sending` row whose lease ran
-- out) with a conditional UPDATE, so that several server processes on one database never deliver a
-- message twice; then records `sent` (sent_at, provider_message_id) or a retry (next_attempt_at,
-- last_error), and `failed` after the configured attempts.
ALTER TABLE sms_messages ADD COLUMN params TEXT;
ALTER TABLE sms_messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sms_messages ADD COLUMN next_attempt_at BIGINT;
ALTER TABLE sms_messages ADD COLUMN lease_until BIGINT;
ALTER TABLE sms_messages ADD COLUMN claim_token TEXT;
ALTER TABLE sms_messages ADD COLUMN sent_at BIGINT;
ALTER TABLE sms_messages ADD COLUMN provider_message_id TEXT;
ALTER TABLE sms_messages ADD COLUMN last_error TEXT;
-- Messages of the built-in gateway before the outbox were recorded as sent when written.
UPDATE sms_messages SET sent_at = at, attempts = 1 WHERE status = 'sent';
CREATE INDEX sms_messages_due ON sms_messages(status, next_attempt_at);
