-- The working calendar (系统管理 → 工作日历, DOMAIN.md "Case procedure and the clock"): statutory holidays
-- and weekend days that are working days (调休) per year; every other Saturday and Sunday is a rest
-- day. The migration loads the State Council's 2025 and 2026 arrangements shipped in the binary
-- (server/data/calendar/cn-holidays.csv, db/migrations.cpp); the operator enters later years.
CREATE TABLE calendar_days (
  day TEXT PRIMARY KEY,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX calendar_days_year ON calendar_days(year, day);
-- Raised by every edit, so that each server process (several may share the database) notices a
-- change made through another one and reloads its in-memory calendar.
CREATE TABLE calendar_revision (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  revision BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO calendar_revision (id, revision, updated_at) VALUES (1, 1, 0);
