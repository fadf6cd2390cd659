#include "modules/industry/guard_store.h"

#include "core/clock.h"
#include "db/scope_sql.h"

namespace baoan::industry {

using db::Query;

const char* GuardStore::columns() {
  return "SELECT g.id, g.id_no, g.name, g.gender, g.birth_date, g.mobile, g.ethnicity, g.education, g.household_address, "
         "g.current_address, g.photo_file_id, g.certificate_no, g.certificate_date, g.real_name_verified, g.app_initialized, "
         "g.employer_kind, g.employer_id, g.employer_name, g.employed, g.hired_on, g.left_on, g.org_id, o.name, g.created_at, "
         "g.updated_at FROM guards g JOIN orgs o ON o.id = g.org_id";
}

namespace {
// The largest code point: name >= '张伟' AND name < '张伟' || U+10FFFF selects the names starting with 张伟.
const std::string kMaxChar = "\xF4\x8F\xBF\xBF";

std::optional<long long> level(const std::vector<long long>& levels, int i) {
  return i < static_cast<int>(levels.size()) ? std::optional<long long>(levels[i]) : std::nullopt;
}

// "?, ?, ?, ?, ?" bound to the ancestor ids of the path (for an INSERT).
void setLevels(Query& q, const std::string& path) {
  const auto levels = db::orgLevels(path);
  for (int i = 0; i < db::kOrgLevelColumns; ++i) q.append(i ? ", ?" : "?", level(levels, i));
}

// "org_id = ?, org_path = ?, org_l1 = ?, …, " (for an UPDATE that moves guards to another org).
void assignOrg(Query& q, long long orgId, const std::string& path) {
  q.append("org_id = ?, org_path = ?, ", orgId, path);
  const auto levels = db::orgLevels(path);
  for (int i = 0; i < db::kOrgLevelColumns; ++i) q.append("org_l" + std::to_string(i + 1) + " = ?, ", level(levels, i));
}
}  // namespace

// Part of an ID number or mobile. Three characters or more: the trigram index (FTS5 on SQLite,
// pg_trgm on PostgreSQL, where plain LIKE uses it); fewer: a scan, which only a very short pattern
// asks for and which the other filters and the scope still narrow.
void GuardStore::appendContains(Query& w, db::Dialect d, const std::string& column, const std::string& part) const {
  // MATCH on the trigram table is its indexed path (LIKE with ESCAPE is not). The caller allows only
  // digits and X, so the phrase needs no quoting beyond the double quotes.
  if (d == db::Dialect::sqlite && part.size() >= 3)
    w.append(" AND g.id IN (SELECT rowid FROM guards_search WHERE guards_search MATCH ?)", column + " : \"" + part + "\"");
  else
    w.append(" AND g." + column + " LIKE ? ESCAPE '\\'", db::likeContains(part));
}

Query GuardStore::where(const GuardFilter& f, const core::DataScope* scope, db::Dialect d) const {
  Query w(" WHERE 1=1");
  if (scope) {
    w.append(" AND ");
    db::appendScopeByLevel(w, *scope, "g.org_l", "g.org_path", "g.created_by");
  }
  if (!f.name.empty()) w.append(" AND g.name >= ? AND g.name < ?", f.name, f.name + kMaxChar);
  if (f.idNo.size() == 18) w.append(" AND g.id_no = ?", f.idNo);
  else if (!f.idNo.empty()) appendContains(w, d, "id_no", f.idNo);
  if (f.mobile.size() == 11) w.append(" AND g.mobile = ?", f.mobile);
  else if (!f.mobile.empty()) appendContains(w, d, "mobile", f.mobile);
  if (!f.companyName.empty()) w.append(" AND g.employer_name LIKE ? ESCAPE '\\'", db::likeContains(f.companyName));
  if (f.employerId) w.append(" AND g.employer_kind = ? AND g.employer_id = ?", f.employerKind, *f.employerId);
  if (f.employed) w.append(" AND g.employed = ?", *f.employed);
  if (f.orgPath) w.append(" AND g.org_path >= ? AND g.org_path < ?", *f.orgPath, core::pathUpperBound(*f.orgPath));
  return w;
}

std::pair<std::vector<db::Row>, long long> GuardStore::list(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                                                            const core::PageRequest& page) {
  Query w = where(f, scope, c.dialect());
  const long long total = c.scalar(Query("SELECT COUNT(*) FROM guards g").add(w));
  auto rows = c.query(Query(columns()).add(w).append(" ORDER BY g.created_at DESC, g.id DESC LIMIT ? OFFSET ?", page.size, page.offset()));
  return {rows, total};
}

void GuardStore::forEach(db::Conn& c, const GuardFilter& f, const core::DataScope* scope,
                         const std::function<void(const db::Row&)>& fn) {
  c.forEach(Query(columns()).add(where(f, scope, c.dialect())).append(" ORDER BY g.created_at DESC, g.id DESC"), fn);
}

std::optional<db::Row> GuardStore::find(db::Conn& c, long long id) {
  return c.queryOne(Query(std::string(columns()) + " WHERE g.id = ?", id));
}

std::optional<db::Row> GuardStore::findByIdNo(db::Conn& c, const std::string& idNo) {
  return c.queryOne(Query(std::string(columns()) + " WHERE g.id_no = ?", idNo));
}

long long GuardStore::insert(db::Conn& c, const GuardPerson& p, const Employer& e, const std::string& hiredOn, long long by) {
  const long long now = core::nowMs();
  Query q(
      "INSERT INTO guards (id_no, name, gender, birth_date, mobile, ethnicity, education, household_address, current_address, "
      "certificate_no, certificate_date, photo_file_id, employer_kind, employer_id, employer_name, employed, hired_on, org_id, "
      "org_path, org_l1, org_l2, org_l3, org_l4, org_l5, created_at, updated_at, created_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ",
      p.idNo, p.name, p.gender, p.birthDate, p.mobile, p.ethnicity, p.education, p.householdAddress, p.currentAddress,
      p.certificateNo, p.certificateDate, p.photoFileId, e.kind, e.id, e.name, hiredOn, e.orgId, e.orgPath);
  setLevels(q, e.orgPath);
  q.append(", ?, ?, ?)", now, now, by);
  const long long id = c.insert(q);
  c.exec(Query("INSERT INTO employments (guard_id, employer_kind, employer_id, employer_name, hired_on, created_at) VALUES (?, ?, ?, ?, ?, ?)",
               id, e.kind, e.id, e.name, hiredOn, now));
  return id;
}

void GuardStore::updatePerson(db::Conn& c, long long id, const GuardPerson& p) {
  c.exec(Query(
      "UPDATE guards SET name = ?, gender = ?, birth_date = ?, mobile = ?, ethnicity = ?, education = ?, household_address = ?, "
      "current_address = ?, certificate_no = ?, certificate_date = ?, photo_file_id = COALESCE(?, photo_file_id), "
      "updated_at = ? WHERE id = ?",
      p.name, p.gender, p.birthDate, p.mobile, p.ethnicity, p.education, p.householdAddress, p.currentAddress, p.certificateNo,
      p.certificateDate, p.photoFileId, core::nowMs(), id));
}

void GuardStore::hire(db::Conn& c, long long id, const Employer& e, const std::string& hiredOn) {
  Query q("UPDATE guards SET employer_kind = ?, employer_id = ?, employer_name = ?, employed = 1, hired_on = ?, left_on = NULL, ",
          e.kind, e.id, e.name, hiredOn);
  assignOrg(q, e.orgId, e.orgPath);
  q.append("updated_at = ? WHERE id = ?", core::nowMs(), id);
  c.exec(q);
  c.exec(Query("INSERT INTO employments (guard_id, employer_kind, employer_id, employer_name, hired_on, created_at) VALUES (?, ?, ?, ?, ?, ?)",
               id, e.kind, e.id, e.name, hiredOn, core::nowMs()));
}

void GuardStore::leave(db::Conn& c, long long id, const std::string& leftOn) {
  c.exec(Query("UPDATE guards SET employed = 0, left_on = ?, updated_at = ? WHERE id = ?", leftOn, core::nowMs(), id));
  c.exec(Query("UPDATE employments SET left_on = ? WHERE guard_id = ? AND left_on IS NULL", leftOn, id));
}

void GuardStore::logChange(db::Conn& c, long long id, const std::string& change, long long by) {
  c.exec(Query("INSERT INTO guard_changes (guard_id, change, at, by_user) VALUES (?, ?, ?, ?)", id, change, core::nowMs(), by));
}

std::vector<db::Row> GuardStore::employments(db::Conn& c, long long id) {
  return c.query(Query("SELECT employer_kind, employer_id, employer_name, hired_on, left_on FROM employments WHERE guard_id = ? ORDER BY id DESC", id));
}

void GuardStore::moveEmployerGuards(db::Conn& c, const std::string& kind, long long employerId, long long orgId,
                                    const std::string& orgPath) {
  Query q("UPDATE guards SET ");
  assignOrg(q, orgId, orgPath);
  q.append("updated_at = ? WHERE employer_kind = ? AND employer_id = ?", core::nowMs(), kind, employerId);
  c.exec(q);
}

}  // namespace baoan::industry
