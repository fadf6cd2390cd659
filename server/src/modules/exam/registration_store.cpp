#include "modules/exam/registration_store.h"

namespace baoan::exam {

using db::Query;

namespace {
constexpr const char* kColumns =
    "SELECT r.id, r.application_id, a.case_no, a.status AS case_status, r.status, r.attempt, r.id_no, r.name, r.gender, "
    "r.birth_date, r.ethnicity, r.education, r.household_region, r.household_address, r.current_address, r.mobile, "
    "r.photo_file_id, r.armed_escort, r.city_code, r.registered_by_user_id, r.registered_by_kind, r.person_user_id, r.exam_id, "
    "r.certificate_id, r.org_path, o.name AS station_name, r.created_at, r.updated_at "
    "FROM exam_registrations r JOIN applications a ON a.id = r.application_id LEFT JOIN orgs o ON o.path = r.org_path ";
constexpr const char* kCount = "SELECT COUNT(*) FROM exam_registrations r ";
constexpr const char* kRegistrationInsert =
    "INSERT INTO exam_registrations (application_id, status, attempt, id_no, name, gender, birth_date, ethnicity, education, "
    "household_region, household_address, current_address, mobile, photo_file_id, armed_escort, city_code, registered_by_user_id, "
    "registered_by_kind, person_user_id, org_path, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kOpenOf =
    " WHERE r.id_no = ? AND r.status NOT IN ('failed', 'certified', 'rejected', 'cancelled')";
constexpr const char* kFailedOf = "SELECT COUNT(*) FROM exam_registrations WHERE id_no = ? AND status = 'failed'";
constexpr const char* kRevocationsOf =
    "SELECT COUNT(*) AS n, MAX(revoked_on) AS last_on FROM certificates WHERE id_no = ? AND status = 'revoked'";

RegistrationRow toRow(const db::Row& r) {
  RegistrationRow x;
  x.id = r.i64("id");
  x.applicationId = r.i64("application_id");
  x.caseNo = r.optStr("case_no").value_or("");
  x.caseStatus = r.str("case_status");
  x.status = r.str("status");
  x.attempt = static_cast<int>(r.i64("attempt"));
  x.idNo = r.str("id_no");
  x.name = r.str("name");
  x.gender = r.str("gender");
  x.birthDate = r.str("birth_date");
  x.ethnicity = r.str("ethnicity");
  x.education = r.str("education");
  x.householdRegion = r.str("household_region");
  x.householdAddress = r.str("household_address");
  x.currentAddress = r.str("current_address");
  x.mobile = r.str("mobile");
  x.photoFileId = r.str("photo_file_id");
  x.armedEscort = r.boolean("armed_escort");
  x.cityCode = r.str("city_code");
  x.registeredByUserId = r.i64("registered_by_user_id");
  x.registeredByKind = r.str("registered_by_kind");
  x.personUserId = r.optI64("person_user_id");
  x.examId = r.optI64("exam_id");
  x.certificateId = r.optI64("certificate_id");
  x.orgPath = r.str("org_path");
  x.stationName = r.optStr("station_name").value_or("");
  x.createdAt = r.i64("created_at");
  x.updatedAt = r.i64("updated_at");
  return x;
}

// The filters both sides share, appended after a WHERE that is already open.
void appendFilter(Query& q, const RegistrationFilter& f) {
  if (f.status) q.append(" AND r.status = ?", *f.status);
  if (f.name) q.append(" AND r.name LIKE ? ESCAPE '\\'", db::likeContains(*f.name));
  if (f.idNo) q.append(" AND r.id_no = ?", *f.idNo);
  if (f.householdRegion) q.append(" AND r.household_region LIKE ?", *f.householdRegion + "%");
  if (f.examId) q.append(" AND r.exam_id = ?", *f.examId);
  if (f.createdFrom) q.append(" AND r.created_at >= ?", *f.createdFrom);
  if (f.createdTo) q.append(" AND r.created_at <= ?", *f.createdTo);
  if (f.caseNo) q.append(" AND r.application_id IN (SELECT id FROM applications WHERE case_no = ?)", *f.caseNo);
}

std::pair<std::vector<RegistrationRow>, long long> page(db::Conn& c, const Query& where, const core::PageRequest& pg) {
  const long long total = c.scalar(Query(kCount).add(where));
  std::vector<RegistrationRow> rows;
  if (total > 0)
    for (const auto& r : c.query(Query(kColumns).add(where).append(" ORDER BY r.id DESC LIMIT ? OFFSET ?", pg.size, pg.offset())))
      rows.push_back(toRow(r));
  return {std::move(rows), total};
}
}  // namespace

const db::ScopedTable RegistrationStore::kTable{"exam_registrations", "r", "org_path", "registered_by_user_id"};

long long RegistrationStore::insert(db::Conn& c, const RegistrationRow& r) {
  return c.insert(Query(kRegistrationInsert, r.applicationId, r.status, r.attempt, r.idNo, r.name, r.gender, r.birthDate, r.ethnicity, r.education,
                        r.householdRegion, r.householdAddress, r.currentAddress, r.mobile, r.photoFileId, r.armedEscort, r.cityCode,
                        r.registeredByUserId, r.registeredByKind, r.personUserId, r.orgPath, r.createdAt, r.updatedAt));
}

std::optional<RegistrationRow> RegistrationStore::find(db::Conn& c, long long id) {
  auto r = c.queryOne(Query(kColumns).append("WHERE r.id = ?", id));
  if (!r) return std::nullopt;
  return toRow(*r);
}

bool RegistrationStore::visible(db::Conn& c, const core::DataScope& scope, long long id) { return db::visible(c, kTable, scope, id); }

std::pair<std::vector<RegistrationRow>, long long> RegistrationStore::list(db::Conn& c, const core::DataScope& scope,
                                                                          const RegistrationFilter& f, const core::PageRequest& pg) {
  Query where(" WHERE ");
  where.add(db::inScope(kTable, scope));
  appendFilter(where, f);
  return page(c, where, pg);
}

std::pair<std::vector<RegistrationRow>, long long> RegistrationStore::ofAccount(db::Conn& c, long long userId, const RegistrationFilter& f,
                                                                               const core::PageRequest& pg) {
  Query where(" WHERE (r.registered_by_user_id = ? OR r.person_user_id = ?)", userId, userId);
  appendFilter(where, f);
  return page(c, where, pg);
}

PersonHistory RegistrationStore::historyOf(db::Conn& c, const std::string& idNo) {
  PersonHistory h;
  if (auto r = c.queryOne(Query(kColumns).append(kOpenOf, idNo))) h.open = toRow(*r);
  h.failedAttempts = static_cast<int>(c.scalar(Query(kFailedOf, idNo)));
  if (auto r = c.queryOne(Query(kRevocationsOf, idNo))) {
    h.revocations = static_cast<int>(r->i64("n"));
    h.lastRevokedOn = r->optStr("last_on");
  }
  return h;
}

std::optional<std::string> RegistrationStore::unitKindOf(db::Conn& c, long long userId) {
  auto r = c.queryOne(Query("SELECT unit_kind FROM users WHERE id = ?", userId));
  return r ? r->optStr("unit_kind") : std::nullopt;
}

void RegistrationStore::setOrgPath(db::Conn& c, long long id, const std::string& orgPath, long long now) {
  c.exec(Query("UPDATE exam_registrations SET org_path = ?, updated_at = ? WHERE id = ?", orgPath, now, id));
}

std::optional<ExamSeat> RegistrationStore::examOf(db::Conn& c, long long registrationId) {
  auto r = c.queryOne(Query(
      "SELECT e.id, e.name, e.place, e.start_at, e.end_at, e.scores_notified_at, m.name AS room_name, k.seat, k.ticket_no, k.theory, "
      "k.skills, k.absent, k.result FROM exam_candidates k JOIN exams e ON e.id = k.exam_id LEFT JOIN exam_rooms m ON m.id = k.room_id "
      "WHERE k.registration_id = ?",
      registrationId));
  if (!r) return std::nullopt;
  ExamSeat s;
  s.examId = r->i64("id");
  s.name = r->str("name");
  s.place = r->str("place");
  s.startAt = r->i64("start_at");
  s.endAt = r->i64("end_at");
  s.scoresNotifiedAt = r->optI64("scores_notified_at");
  s.roomName = r->optStr("room_name");
  s.seat = r->optI64("seat");
  s.ticketNo = r->optStr("ticket_no");
  s.theory = r->optI64("theory");
  s.skills = r->optI64("skills");
  s.absent = r->boolean("absent");
  s.result = r->optStr("result");
  return s;
}

std::optional<IssuedCertificate> RegistrationStore::certificateOf(db::Conn& c, long long registrationId) {
  auto r = c.queryOne(Query("SELECT id, number, issued_on, status, verify_token FROM certificates WHERE registration_id = ? ORDER BY id DESC "
                            "LIMIT 1",
                            registrationId));
  if (!r) return std::nullopt;
  return IssuedCertificate{r->i64("id"), r->str("number"), r->str("issued_on"), r->str("status"), r->str("verify_token")};
}

std::string RegistrationStore::orgName(db::Conn& c, long long orgId) {
  auto r = c.queryOne(Query("SELECT name FROM orgs WHERE id = ?", orgId));
  return r ? r->str("name") : std::string();
}

std::map<std::string, std::string> RegistrationStore::uploadsNamed(db::Conn& c, long long userId, const std::vector<std::string>& names) {
  std::map<std::string, std::string> out;
  if (names.empty()) return out;
  // Oldest first: a newer upload of the same name wins.
  Query q("SELECT id, name FROM files WHERE created_by = ? AND owner_kind IS NULL AND name IN ", userId);
  q.appendList(names).append(" ORDER BY created_at, id");
  for (const auto& r : c.query(q)) out[r.str("name")] = r.str("id");
  return out;
}

std::vector<RegistrationStore::StationRoute> RegistrationStore::stationRoutes(db::Conn& c) {
  std::vector<StationRoute> out;
  for (const auto& r : c.query(Query("SELECT s.county_code, o.id, o.name, o.path FROM station_routes s JOIN orgs o ON o.id = s.org_id "
                                     "ORDER BY s.county_code")))
    out.push_back({r.str("county_code"), r.i64("id"), r.str("name"), r.str("path")});
  return out;
}

void RegistrationStore::setStationRoute(db::Conn& c, const std::string& countyCode, long long orgId, long long by, long long now) {
  c.exec(Query("INSERT INTO station_routes (county_code, org_id, updated_by, updated_at) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (county_code) DO UPDATE SET org_id = excluded.org_id, updated_by = excluded.updated_by, "
               "updated_at = excluded.updated_at",
               countyCode, orgId, by, now));
}

std::set<std::string> RegistrationStore::flaggedIdNos(db::Conn& c, const std::vector<std::string>& idNos) {
  std::set<std::string> out;
  if (idNos.empty()) return out;
  for (const auto& r : c.query(Query("SELECT id_no FROM flagged_persons WHERE state <> 'false_positive' AND id_no IN ").appendList(idNos)))
    out.insert(r.str("id_no"));
  return out;
}

}  // namespace baoan::exam
