#include "modules/background/watch_list_store.h"
#include "modules/background/watch_drill.h"

#include <algorithm>

#include "db/chunks.h"

namespace baoan::background {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kSelect =
    "SELECT w.id, w.id_no, w.name, w.database_code, w.situation, w.source, w.org_id, o.name AS org_name, w.created_at, "
    "w.updated_at FROM watch_list w JOIN orgs o ON o.id = w.org_id";
constexpr const char* kCount = "SELECT COUNT(*) FROM watch_list w";
constexpr const char* kById = " WHERE w.id = ?";
constexpr const char* kLatestFirst = " ORDER BY w.id DESC";
constexpr const char* kPageOf = " LIMIT ? OFFSET ?";
constexpr const char* kIdNoContains = " AND w.id_no LIKE ? ESCAPE '\\'";
constexpr const char* kNameContains = " AND w.name LIKE ? ESCAPE '\\'";
constexpr const char* kDatabaseIs = " AND w.database_code = ?";
constexpr const char* kTaken = "SELECT id FROM watch_list WHERE id_no = ? AND database_code = ? AND id <> ?";
constexpr const char* kListedAmong = "SELECT id_no, database_code FROM watch_list WHERE id_no IN ";
constexpr const char* kWatchInsert =
    "INSERT INTO watch_list (id_no, name, database_code, situation, source, org_id, org_path, created_at, updated_at, created_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdate =
    "UPDATE watch_list SET id_no = ?, name = ?, database_code = ?, situation = ?, source = ?, updated_at = ? WHERE id = ?";
constexpr const char* kDelete = "DELETE FROM watch_list WHERE id = ?";
// A drill entry (watch_drill.h) is no hit.
constexpr const char* kHitsOf =
    "SELECT database_code, name, situation, source FROM watch_list WHERE id_no = ? AND (source IS NULL OR source <> ?) ORDER BY id";
// The drill entries of a person, with the errors already answered on their database (background_checks_person, 0028).
constexpr const char* kDrillsOf =
    "SELECT w.situation, (SELECT COUNT(*) FROM background_checks b WHERE b.id_no = w.id_no AND b.database_code = w.database_code "
    "AND b.result = 'error') AS errors FROM watch_list w WHERE w.id_no = ? AND w.source = ?";

constexpr std::size_t kInChunk = 500;

WatchRow toRow(const db::Row& r) {
  WatchRow w;
  w.id = r.i64("id");
  w.f.idNo = r.str("id_no");
  w.f.name = r.str("name");
  w.f.database = r.str("database_code");
  w.f.situation = r.str("situation");
  w.f.source = r.optStr("source");
  w.orgId = r.i64("org_id");
  w.orgName = r.str("org_name");
  w.createdAt = r.i64("created_at");
  w.updatedAt = r.i64("updated_at");
  return w;
}
}  // namespace

Query WatchListStore::where(const WatchFilter& f) const {
  Query w(" WHERE ");
  w.add(db::inScope(kWatchList, *f.scope));
  if (!f.idNo.empty()) w.append(kIdNoContains, db::likeContains(f.idNo));
  if (!f.name.empty()) w.append(kNameContains, db::likeContains(f.name));
  if (!f.database.empty()) w.append(kDatabaseIs, f.database);
  return w;
}

std::pair<std::vector<WatchRow>, long long> WatchListStore::list(db::Conn& c, const WatchFilter& f,
                                                                 const core::PageRequest& page) const {
  const Query w = where(f);
  const long long total = c.scalar(Query(kCount).add(w));
  std::vector<WatchRow> rows;
  for (const auto& r : c.query(Query(kSelect).add(w).append(kLatestFirst).append(kPageOf, page.size, page.offset())))
    rows.push_back(toRow(r));
  return {std::move(rows), total};
}

void WatchListStore::forEach(db::Conn& c, const WatchFilter& f, const std::function<void(const WatchRow&)>& fn) const {
  c.forEach(Query(kSelect).add(where(f)).append(kLatestFirst), [&](const db::Row& r) { fn(toRow(r)); });
}

std::optional<WatchRow> WatchListStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kSelect).append(kById, id));
  if (!r) return std::nullopt;
  return toRow(*r);
}

bool WatchListStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, kWatchList, scope, id);
}

std::optional<long long> WatchListStore::taken(db::Conn& c, const std::string& idNo, const std::string& database,
                                               long long exceptId) const {
  auto r = c.queryOne(Query(kTaken, idNo, database, exceptId));
  if (!r) return std::nullopt;
  return r->i64("id");
}

std::set<std::pair<std::string, std::string>> WatchListStore::listedAmong(db::Conn& c, const std::vector<std::string>& idNos) const {
  std::set<std::pair<std::string, std::string>> out;
  db::forEachChunk(idNos, kInChunk, [&](const std::vector<std::string>& batch) {
    for (const auto& r : c.query(Query(kListedAmong).appendList(batch))) out.emplace(r.str("id_no"), r.str("database_code"));
  });
  return out;
}

long long WatchListStore::insert(db::Conn& c, const WatchFields& f, long long orgId, const std::string& orgPath, long long now,
                                 long long by) const {
  return c.insert(Query(kWatchInsert, f.idNo, f.name, f.database, f.situation, f.source, orgId, orgPath, now, now, by));
}

void WatchListStore::update(db::Conn& c, long long id, const WatchFields& f, long long now) const {
  c.exec(Query(kUpdate, f.idNo, f.name, f.database, f.situation, f.source, now, id));
}

void WatchListStore::remove(db::Conn& c, long long id) const { c.exec(Query(kDelete, id)); }

std::vector<background_check::WatchHit> WatchListStore::hitsOf(db::Conn& c, const std::string& idNo) const {
  std::vector<background_check::WatchHit> out;
  for (const auto& r : c.query(Query(kHitsOf, idNo, kDrillSource)))
    out.push_back({r.str("database_code"), r.str("name"), r.str("situation"), r.optStr("source").value_or("")});
  return out;
}

int drillFailures(const std::string& situation) {
  int n = 0;
  bool seen = false;
  for (char ch : situation) {
    if (ch >= '0' && ch <= '9') {
      seen = true;
      n = std::min(n * 10 + (ch - '0'), 100);
    } else if (seen) {
      break;
    }
  }
  return seen ? n : 1;
}

bool drillFailsNow(db::Conn& c, const std::string& idNo) {
  for (const auto& r : c.query(Query(kDrillsOf, idNo, kDrillSource)))
    if (r.i64("errors") < drillFailures(r.str("situation"))) return true;
  return false;
}

}  // namespace baoan::background
