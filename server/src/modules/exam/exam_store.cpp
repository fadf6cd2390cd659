#include "modules/exam/exam_store.h"

namespace baoan::exam {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kSelectExam =
    "SELECT e.id, e.name, e.kind, e.place, e.start_at, e.end_at, e.pass_theory, e.pass_skills, e.city_code, e.serial, e.org_id, "
    "e.org_path, o.name AS org_name, e.notified_at, e.notify_count, e.seated_at, e.scores_notified_at, e.created_by, e.created_at, "
    "e.updated_at, (SELECT COUNT(*) FROM exam_candidates k WHERE k.exam_id = e.id) AS candidates "
    "FROM exams e JOIN orgs o ON o.id = e.org_id";
constexpr const char* kCountExams = "SELECT COUNT(*) FROM exams e";
constexpr const char* kById = " WHERE e.id = ?";
constexpr const char* kNameContains = " AND e.name LIKE ? ESCAPE '\\'";
constexpr const char* kNotStarted = " AND e.start_at > ?";
constexpr const char* kInProgress = " AND e.start_at <= ? AND e.end_at >= ?";
constexpr const char* kFinished = " AND e.end_at < ?";
constexpr const char* kStartFrom = " AND e.start_at >= ?";
constexpr const char* kStartTo = " AND e.start_at <= ?";
constexpr const char* kLatestFirst = " ORDER BY e.start_at DESC, e.id DESC LIMIT ? OFFSET ?";
constexpr const char* kInsertExam =
    "INSERT INTO exams (name, kind, place, start_at, end_at, pass_theory, pass_skills, city_code, org_id, org_path, created_by, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdateExam =
    "UPDATE exams SET name = ?, kind = ?, place = ?, start_at = ?, end_at = ?, pass_theory = ?, pass_skills = ?, updated_at = ? "
    "WHERE id = ?";
constexpr const char* kDeleteRooms = "DELETE FROM exam_rooms WHERE exam_id = ?";
constexpr const char* kDeleteExam = "DELETE FROM exams WHERE id = ?";
constexpr const char* kInsertRoom = "INSERT INTO exam_rooms (exam_id, position, name, seats) VALUES (?, ?, ?, ?)";
constexpr const char* kRooms = "SELECT id, position, name, seats FROM exam_rooms WHERE exam_id = ? ORDER BY position";
constexpr const char* kSetSerial = "UPDATE exams SET serial = ? WHERE id = ?";
constexpr const char* kMarkSeated = "UPDATE exams SET seated_at = ?, updated_at = ? WHERE id = ?";
constexpr const char* kMarkNotified = "UPDATE exams SET notified_at = ?, notify_count = notify_count + 1 WHERE id = ?";
constexpr const char* kMarkScoresNotified = "UPDATE exams SET scores_notified_at = ? WHERE id = ?";

constexpr const char* kSelectCandidate =
    "SELECT k.id, k.exam_id, k.registration_id, r.application_id, r.name, r.id_no, r.gender, r.mobile, r.photo_file_id, "
    "r.status AS registration_status, r.person_user_id, r.registered_by_user_id, r.registered_by_kind, r.org_path, k.room_id, "
    "m.name AS room_name, k.seat, k.ticket_no, k.theory, k.skills, k.absent, k.result, k.scored_at, k.notified_at, "
    "k.score_notified_at FROM exam_candidates k JOIN exam_registrations r ON r.id = k.registration_id "
    "LEFT JOIN exam_rooms m ON m.id = k.room_id";
constexpr const char* kCandidatesOfExam = " WHERE k.exam_id = ? ORDER BY m.position, k.seat, r.id_no, k.id";
constexpr const char* kCandidatesOfRoom = " WHERE k.exam_id = ? AND k.room_id = ? ORDER BY k.seat, k.id";
constexpr const char* kCandidateOf = " WHERE k.exam_id = ? AND k.registration_id = ?";
constexpr const char* kCountCandidates = "SELECT COUNT(*) FROM exam_candidates WHERE exam_id = ?";
constexpr const char* kInsertCandidate = "INSERT INTO exam_candidates (exam_id, registration_id, created_at) VALUES (?, ?, ?)";
constexpr const char* kDeleteCandidate = "DELETE FROM exam_candidates WHERE exam_id = ? AND registration_id = ?";
constexpr const char* kClearSeats = "UPDATE exam_candidates SET room_id = NULL, seat = NULL, ticket_no = NULL WHERE exam_id = ?";
constexpr const char* kMoveSeat = "UPDATE exam_candidates SET room_id = ?, seat = ? WHERE id = ?";
constexpr const char* kSeatTaken = "SELECT COUNT(*) FROM exam_candidates WHERE room_id = ? AND seat = ?";
constexpr const char* kCandidatesNotified = "UPDATE exam_candidates SET notified_at = ? WHERE exam_id = ?";
constexpr const char* kScoreNotified = "UPDATE exam_candidates SET score_notified_at = ? WHERE exam_id = ? AND id = ?";
constexpr const char* kAllScoresNotified = "UPDATE exam_candidates SET score_notified_at = ? WHERE exam_id = ?";
constexpr const char* kSetScore =
    "UPDATE exam_candidates SET theory = ?, skills = ?, absent = ?, result = ?, scored_at = ?, scored_by = ? WHERE id = ?";
constexpr const char* kInsertHistory =
    "INSERT INTO exam_score_history (exam_id, registration_id, theory, skills, absent, result, reason, after_notice, by_user_id, "
    "by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kHistory =
    "SELECT registration_id, theory, skills, absent, result, reason, after_notice, by_name, at FROM exam_score_history "
    "WHERE exam_id = ? ORDER BY id";

constexpr const char* kSelectRegistration =
    "SELECT r.id, r.name, r.id_no, r.gender, r.mobile, r.status, r.city_code, r.org_path, r.attempt, r.exam_id, r.created_at "
    "FROM exam_registrations r";
constexpr const char* kCountRegistrations = "SELECT COUNT(*) FROM exam_registrations r";
constexpr const char* kAddableWhere = " AND r.status = 'pending_exam' AND r.city_code = ? AND r.exam_id IS NULL";
constexpr const char* kRegNameContains = " AND r.name LIKE ? ESCAPE '\\'";
constexpr const char* kRegIdNo = " AND r.id_no = ?";
constexpr const char* kByIdNo = " ORDER BY r.id_no, r.id LIMIT ? OFFSET ?";
constexpr const char* kSetRegistrationExam = "UPDATE exam_registrations SET exam_id = ? WHERE id IN ";

constexpr const char* kOrg = "SELECT id, name, path, region_code, type, parent_id FROM orgs WHERE id = ?";
constexpr const char* kInsertMessage = "INSERT INTO portal_messages (user_id, title, body, created_at) VALUES (?, ?, ?, ?)";

// Rows of one multi-row UPDATE of assignSeats (4 values each).
constexpr std::size_t kSeatChunk = 400;

std::optional<int> optInt(const db::Row& r, std::string_view col) {
  auto v = r.optI64(col);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

ExamRow toExam(const db::Row& r) {
  ExamRow e;
  e.id = r.i64("id");
  e.name = r.str("name");
  e.kind = r.str("kind");
  e.place = r.str("place");
  e.startAt = r.i64("start_at");
  e.endAt = r.i64("end_at");
  e.passTheory = static_cast<int>(r.i64("pass_theory"));
  e.passSkills = optInt(r, "pass_skills");
  e.cityCode = r.str("city_code");
  e.serial = optInt(r, "serial");
  e.orgId = r.i64("org_id");
  e.orgPath = r.str("org_path");
  e.orgName = r.str("org_name");
  e.notifiedAt = r.optI64("notified_at");
  e.notifyCount = static_cast<int>(r.i64("notify_count"));
  e.seatedAt = r.optI64("seated_at");
  e.scoresNotifiedAt = r.optI64("scores_notified_at");
  e.createdBy = r.optI64("created_by");
  e.createdAt = r.i64("created_at");
  e.updatedAt = r.i64("updated_at");
  e.candidates = r.i64("candidates");
  return e;
}

CandidateRow toCandidate(const db::Row& r) {
  CandidateRow k;
  k.id = r.i64("id");
  k.examId = r.i64("exam_id");
  k.registrationId = r.i64("registration_id");
  k.applicationId = r.i64("application_id");
  k.name = r.str("name");
  k.idNo = r.str("id_no");
  k.gender = r.str("gender");
  k.mobile = r.str("mobile");
  k.photoFileId = r.str("photo_file_id");
  k.registrationStatus = r.str("registration_status");
  k.personUserId = r.optI64("person_user_id");
  k.registeredByUserId = r.i64("registered_by_user_id");
  k.registeredByKind = r.str("registered_by_kind");
  k.orgPath = r.str("org_path");
  k.roomId = r.optI64("room_id");
  k.roomName = r.str("room_name");
  k.seat = optInt(r, "seat");
  k.ticketNo = r.optStr("ticket_no");
  k.theory = optInt(r, "theory");
  k.skills = optInt(r, "skills");
  k.absent = r.boolean("absent");
  k.result = r.optStr("result");
  k.scoredAt = r.optI64("scored_at");
  k.notifiedAt = r.optI64("notified_at");
  k.scoreNotifiedAt = r.optI64("score_notified_at");
  return k;
}

AddableRegistration toRegistration(const db::Row& r) {
  AddableRegistration g;
  g.id = r.i64("id");
  g.name = r.str("name");
  g.idNo = r.str("id_no");
  g.gender = r.str("gender");
  g.mobile = r.str("mobile");
  g.status = r.str("status");
  g.cityCode = r.str("city_code");
  g.orgPath = r.str("org_path");
  g.attempt = static_cast<int>(r.i64("attempt"));
  g.examId = r.optI64("exam_id");
  g.createdAt = r.i64("created_at");
  return g;
}

std::vector<CandidateRow> candidatesOf(db::Conn& c, const Query& q) {
  std::vector<CandidateRow> out;
  c.forEach(q, [&](const db::Row& r) { out.push_back(toCandidate(r)); });
  return out;
}
}  // namespace

std::pair<std::vector<ExamRow>, long long> ExamStore::list(db::Conn& c, const ExamFilter& f, const core::PageRequest& page) const {
  Query w(" WHERE ");
  w.add(db::inScope(kExams, *f.scope));
  if (!f.name.empty()) w.append(kNameContains, db::likeContains(f.name));
  if (f.status == "not_started") w.append(kNotStarted, f.now);
  if (f.status == "in_progress") w.append(kInProgress, f.now, f.now);
  if (f.status == "finished") w.append(kFinished, f.now);
  if (f.from) w.append(kStartFrom, *f.from);
  if (f.to) w.append(kStartTo, *f.to);
  const long long total = c.scalar(Query(kCountExams).add(w));
  std::vector<ExamRow> rows;
  for (const auto& r : c.query(Query(kSelectExam).add(w).append(kLatestFirst, page.size, page.offset()))) rows.push_back(toExam(r));
  return {std::move(rows), total};
}

std::optional<ExamRow> ExamStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kSelectExam).append(kById, id));
  if (!r) return std::nullopt;
  return toExam(*r);
}

bool ExamStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const { return db::visible(c, kExams, scope, id); }

long long ExamStore::insert(db::Conn& c, const ExamRow& e) const {
  return c.insert(Query(kInsertExam, e.name, e.kind, e.place, e.startAt, e.endAt, e.passTheory,
                        e.passSkills ? std::optional<long long>(*e.passSkills) : std::nullopt, e.cityCode, e.orgId, e.orgPath,
                        e.createdBy, e.createdAt, e.updatedAt));
}

void ExamStore::update(db::Conn& c, const ExamRow& e) const {
  c.exec(Query(kUpdateExam, e.name, e.kind, e.place, e.startAt, e.endAt, e.passTheory,
               e.passSkills ? std::optional<long long>(*e.passSkills) : std::nullopt, e.updatedAt, e.id));
}

void ExamStore::remove(db::Conn& c, long long id) const {
  c.exec(Query(kDeleteRooms, id));
  c.exec(Query(kDeleteExam, id));
}

void ExamStore::setSerial(db::Conn& c, long long id, int serial) const { c.exec(Query(kSetSerial, serial, id)); }
void ExamStore::markSeated(db::Conn& c, long long id, long long at) const { c.exec(Query(kMarkSeated, at, at, id)); }
void ExamStore::markNotified(db::Conn& c, long long id, long long at) const { c.exec(Query(kMarkNotified, at, id)); }
void ExamStore::markScoresNotified(db::Conn& c, long long id, long long at) const { c.exec(Query(kMarkScoresNotified, at, id)); }

std::vector<RoomRow> ExamStore::rooms(db::Conn& c, long long examId) const {
  std::vector<RoomRow> out;
  for (const auto& r : c.query(Query(kRooms, examId)))
    out.push_back({r.i64("id"), static_cast<int>(r.i64("position")), r.str("name"), static_cast<int>(r.i64("seats"))});
  return out;
}

void ExamStore::replaceRooms(db::Conn& c, long long examId, const std::vector<RoomRow>& rooms) const {
  c.exec(Query(kDeleteRooms, examId));
  for (const auto& m : rooms) c.exec(Query(kInsertRoom, examId, m.position, m.name, m.seats));
}

std::vector<CandidateRow> ExamStore::candidates(db::Conn& c, long long examId) const {
  return candidatesOf(c, Query(kSelectCandidate).append(kCandidatesOfExam, examId));
}

std::vector<CandidateRow> ExamStore::candidatesOfRoom(db::Conn& c, long long examId, long long roomId) const {
  return candidatesOf(c, Query(kSelectCandidate).append(kCandidatesOfRoom, examId, roomId));
}

std::optional<CandidateRow> ExamStore::candidate(db::Conn& c, long long examId, long long registrationId) const {
  auto r = c.queryOne(Query(kSelectCandidate).append(kCandidateOf, examId, registrationId));
  if (!r) return std::nullopt;
  return toCandidate(*r);
}

long long ExamStore::candidateCount(db::Conn& c, long long examId) const { return c.scalar(Query(kCountCandidates, examId)); }

// Multi-row INSERTs of kSeatChunk rows (values bound: 3 a row).
void ExamStore::addCandidates(db::Conn& c, long long examId, const std::vector<long long>& registrationIds, long long now) const {
  for (std::size_t start = 0; start < registrationIds.size(); start += kSeatChunk) {
    const std::size_t end = std::min(registrationIds.size(), start + kSeatChunk);
    Query q(kInsertCandidate, examId, registrationIds[start], now);
    for (std::size_t i = start + 1; i < end; ++i) q.append(", (?, ?, ?)", examId, registrationIds[i], now);
    c.exec(q);
  }
}

void ExamStore::removeCandidate(db::Conn& c, long long examId, long long registrationId) const {
  c.exec(Query(kDeleteCandidate, examId, registrationId));
}

// One UPDATE … FROM (VALUES …) per kSeatChunk candidates: 20 000 candidates are 51 statements.
void ExamStore::assignSeats(db::Conn& c, long long examId, const std::vector<SeatAssignment>& seats) const {
  c.exec(Query(kClearSeats, examId));
  for (std::size_t start = 0; start < seats.size(); start += kSeatChunk) {
    const std::size_t end = std::min(seats.size(), start + kSeatChunk);
    Query q("WITH v(id, room_id, seat, ticket_no) AS (VALUES ");
    for (std::size_t i = start; i < end; ++i) {
      const auto& s = seats[i];
      q.append(i == start ? "" : ", ");
      q.append("(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS TEXT))", s.candidateId, s.roomId, s.seat,
               s.ticketNo);
    }
    q.append(") UPDATE exam_candidates SET room_id = v.room_id, seat = v.seat, ticket_no = v.ticket_no FROM v "
             "WHERE exam_candidates.id = v.id AND exam_candidates.exam_id = ?",
             examId);
    c.exec(q);
  }
}

void ExamStore::moveSeat(db::Conn& c, long long candidateId, long long roomId, int seat) const {
  c.exec(Query(kMoveSeat, roomId, seat, candidateId));
}

bool ExamStore::seatTaken(db::Conn& c, long long roomId, int seat) const { return c.scalar(Query(kSeatTaken, roomId, seat)) > 0; }

void ExamStore::markCandidatesNotified(db::Conn& c, long long examId, long long at) const {
  c.exec(Query(kCandidatesNotified, at, examId));
}

void ExamStore::markAllScoresNotified(db::Conn& c, long long examId, long long at) const {
  c.exec(Query(kAllScoresNotified, at, examId));
}

void ExamStore::markScoresNotified(db::Conn& c, long long examId, long long candidateId, long long at) const {
  c.exec(Query(kScoreNotified, at, examId, candidateId));
}

namespace {
std::optional<long long> wide(const std::optional<int>& v) { return v ? std::optional<long long>(*v) : std::nullopt; }
}  // namespace

void ExamStore::setScore(db::Conn& c, long long candidateId, const ScoreEntry& s, long long at, long long byUserId) const {
  c.exec(Query(kSetScore, wide(s.theory), wide(s.skills), s.absent, s.result, at, byUserId, candidateId));
}

void ExamStore::addHistory(db::Conn& c, long long examId, const ScoreHistoryRow& h) const {
  c.exec(Query(kInsertHistory, examId, h.registrationId, wide(h.theory), wide(h.skills), h.absent, h.result, h.reason, h.afterNotice,
               std::nullopt, h.byName, h.at));
}

std::vector<ScoreHistoryRow> ExamStore::history(db::Conn& c, long long examId) const {
  std::vector<ScoreHistoryRow> out;
  for (const auto& r : c.query(Query(kHistory, examId))) {
    ScoreHistoryRow h;
    h.registrationId = r.i64("registration_id");
    h.theory = optInt(r, "theory");
    h.skills = optInt(r, "skills");
    h.absent = r.boolean("absent");
    h.result = r.str("result");
    h.reason = r.optStr("reason");
    h.afterNotice = r.boolean("after_notice");
    h.byName = r.str("by_name");
    h.at = r.i64("at");
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<AddableRegistration> ExamStore::registrations(db::Conn& c, const std::vector<long long>& ids, const core::DataScope& scope) const {
  std::vector<AddableRegistration> out;
  if (ids.empty()) return out;
  Query q(kSelectRegistration);
  q.append(" WHERE ").add(db::inScope(kRegistrations, scope)).append(" AND r.id IN ").appendIdList(ids);
  for (const auto& r : c.query(q)) out.push_back(toRegistration(r));
  return out;
}

std::pair<std::vector<AddableRegistration>, long long> ExamStore::addable(db::Conn& c, const AddableFilter& f,
                                                                      const core::PageRequest& page) const {
  Query w(" WHERE ");
  w.add(db::inScope(kRegistrations, *f.scope));
  w.append(kAddableWhere, f.cityCode);
  if (!f.name.empty()) w.append(kRegNameContains, db::likeContains(f.name));
  if (!f.idNo.empty()) w.append(kRegIdNo, f.idNo);
  const long long total = c.scalar(Query(kCountRegistrations).add(w));
  std::vector<AddableRegistration> rows;
  for (const auto& r : c.query(Query(kSelectRegistration).add(w).append(kByIdNo, page.size, page.offset())))
    rows.push_back(toRegistration(r));
  return {std::move(rows), total};
}

void ExamStore::setRegistrationExam(db::Conn& c, const std::vector<long long>& ids, std::optional<long long> examId) const {
  if (ids.empty()) return;
  Query q(kSetRegistrationExam, examId);
  q.appendIdList(ids);
  c.exec(q);
}

std::optional<ExamStore::OrgInfo> ExamStore::org(db::Conn& c, long long orgId) const {
  auto r = c.queryOne(Query(kOrg, orgId));
  if (!r) return std::nullopt;
  return OrgInfo{r->i64("id"), r->str("name"), r->str("path"), r->str("region_code"), r->str("type"), r->optI64("parent_id")};
}

void ExamStore::message(db::Conn& c, long long userId, const std::string& title, const std::string& body, long long at) const {
  c.exec(Query(kInsertMessage, userId, title, body, at));
}

}  // namespace baoan::exam
