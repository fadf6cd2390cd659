-- 考试安排 and 成绩 (manual §6.2, issue 13; modules/exam/exam_*).
--
-- exams: one sitting of the 保安员资格考试 of a city. kind theory | theory_skills; the pass rule is the
-- exam's own (pass_theory of 100, pass_skills of 100 where it has skills; pass_skills is NULL for a
-- theory-only exam). city_code is the creating officer's city (6 digits, "610400"): only pending_exam
-- registrations of that city may be added. org_path is the bureau of the creating officer (the city's
-- 市局, or the county's 分局/县局 when a county officer created it), so the city and that county see it
-- (db::inScope). serial is the exam's number within its city and year (taken at the first seating from
-- licence_sequences under the prefix "EXAM<city4>"); it is the middle of every 准考证号 of the exam.
-- notified_at / notify_count: 考试通知 sent; scores_notified_at: 通知成绩 done (from then on a score change
-- needs a reason and is written to exam_score_history).
CREATE TABLE exams (
  id {{ID}},
  name TEXT {{PATH}} NOT NULL,
  kind TEXT NOT NULL,
  place TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  pass_theory INTEGER NOT NULL DEFAULT 60,
  pass_skills INTEGER,
  city_code TEXT NOT NULL,
  serial INTEGER,
  org_id BIGINT NOT NULL REFERENCES orgs(id),
  org_path TEXT {{PATH}} NOT NULL,
  notified_at BIGINT,
  notify_count INTEGER NOT NULL DEFAULT 0,
  seated_at BIGINT,
  scores_notified_at BIGINT,
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX exams_scope ON exams(org_path, start_at);
CREATE INDEX exams_city ON exams(city_code, start_at);

-- The rooms of an exam in their order (position 1, 2, …), each with its number of seats.
CREATE TABLE exam_rooms (
  id {{ID}},
  exam_id BIGINT NOT NULL REFERENCES exams(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  seats INTEGER NOT NULL
);
CREATE UNIQUE INDEX exam_rooms_position ON exam_rooms(exam_id, position);

-- The people of an exam: one row per registration added (添加人员). room_id/seat/ticket_no from 考场编排
-- (NULL until seated); ticket_no = year(4) + city(4) + exam serial(3) + sequence in seating order(5),
-- 16 digits, unique. Scores: theory/skills 0–100 (skills only for theory_skills exams), absent 1 = 缺考;
-- result passed | failed | absent (decided by the exam's rule at entry, never typed; absent is kept apart
-- from failed because 缺考 does not count as a failed attempt). The registration itself moves
-- scheduled → passed | failed at 通知成绩 (exams.scores_notified_at).
CREATE TABLE exam_candidates (
  id {{ID}},
  exam_id BIGINT NOT NULL REFERENCES exams(id),
  registration_id BIGINT NOT NULL REFERENCES exam_registrations(id),
  room_id BIGINT REFERENCES exam_rooms(id),
  seat INTEGER,
  ticket_no TEXT,
  theory INTEGER,
  skills INTEGER,
  absent INTEGER NOT NULL DEFAULT 0,
  result TEXT,
  scored_at BIGINT,
  scored_by BIGINT,
  notified_at BIGINT,
  score_notified_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX exam_candidates_registration ON exam_candidates(registration_id);
CREATE INDEX exam_candidates_exam ON exam_candidates(exam_id, id);
CREATE UNIQUE INDEX exam_candidates_ticket ON exam_candidates(ticket_no) WHERE ticket_no IS NOT NULL;
CREATE UNIQUE INDEX exam_candidates_seat ON exam_candidates(room_id, seat) WHERE room_id IS NOT NULL;

-- Every score entry after 通知成绩 (and the first entries before it), with the reason a later change
-- must give: who changed what, when, and why.
CREATE TABLE exam_score_history (
  id {{ID}},
  exam_id BIGINT NOT NULL REFERENCES exams(id),
  registration_id BIGINT NOT NULL REFERENCES exam_registrations(id),
  theory INTEGER,
  skills INTEGER,
  absent INTEGER NOT NULL DEFAULT 0,
  result TEXT NOT NULL,
  reason TEXT,
  after_notice INTEGER NOT NULL DEFAULT 0,
  by_user_id BIGINT,
  by_name TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX exam_score_history_candidate ON exam_score_history(exam_id, registration_id, id);
