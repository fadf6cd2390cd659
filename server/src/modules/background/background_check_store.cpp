#include "modules/background/background_check_store.h"

namespace baoan::background {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kInsert =
    "INSERT INTO background_checks (subject_kind, subject_id, database_code, id_no, name, role, result, detail, checked_at, "
    "checked_by, checked_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kLatest =
    "SELECT b.id, b.subject_kind, b.subject_id, b.database_code, b.id_no, b.name, b.role, b.result, b.detail, b.checked_at, "
    "b.checked_by, b.checked_by_name FROM background_checks b WHERE b.id IN (SELECT MAX(id) FROM background_checks "
    "WHERE subject_kind = ? AND subject_id = ? GROUP BY id_no, database_code) ORDER BY b.id";
}  // namespace

void BackgroundCheckStore::insert(db::Conn& c, const CheckRow& r) const {
  c.exec(Query(kInsert, r.subjectKind, r.subjectId, r.database, r.idNo, r.name, r.role, r.result, r.detail, r.checkedAt,
               r.checkedBy, r.checkedByName));
}

std::vector<CheckRow> BackgroundCheckStore::latest(db::Conn& c, const std::string& subjectKind, long long subjectId) const {
  std::vector<CheckRow> out;
  for (const auto& r : c.query(Query(kLatest, subjectKind, subjectId))) {
    CheckRow x;
    x.id = r.i64("id");
    x.subjectKind = r.str("subject_kind");
    x.subjectId = r.i64("subject_id");
    x.database = r.str("database_code");
    x.idNo = r.str("id_no");
    x.name = r.str("name");
    x.role = r.optStr("role");
    x.result = r.str("result");
    x.detail = r.str("detail");
    x.checkedAt = r.i64("checked_at");
    x.checkedBy = r.optI64("checked_by");
    x.checkedByName = r.str("checked_by_name");
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace baoan::background
