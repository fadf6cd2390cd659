-- Out-of-office delegation (issue 11): an officer names a deputy who holds one of their approval
-- posts for a range of days (China dates, both inclusive). While it runs, the deputy's 待办 also
-- holds what waits for the officer, the deputy may act on it, and the log names both.
CREATE TABLE approval_delegations (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  deputy_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX approval_delegations_deputy ON approval_delegations(deputy_id, ends_on);
CREATE INDEX approval_delegations_user ON approval_delegations(user_id, ends_on);
