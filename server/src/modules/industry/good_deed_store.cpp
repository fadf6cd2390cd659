#include "modules/industry/good_deed_store.h"

namespace baoan::industry {

using db::Query;

namespace {
// The named queries of this store.
constexpr const char* kSelect =
    "SELECT d.id, d.guard_id, g.name AS guard_name, g.id_no AS guard_id_no, g.mobile AS guard_mobile, d.company_id, "
    "c.name AS company_name, d.title, d.content, d.occurred_on, d.place, d.created_at, d.updated_at, c.org_id AS company_org_id "
    "FROM good_deeds d JOIN guards g ON g.id = d.guard_id JOIN companies c ON c.id = d.company_id";
constexpr const char* kCount =
    "SELECT COUNT(*) FROM good_deeds d JOIN guards g ON g.id = d.guard_id JOIN companies c ON c.id = d.company_id";
constexpr const char* kById = " WHERE d.id = ?";
constexpr const char* kLatestFirst = " ORDER BY d.occurred_on DESC, d.id DESC";
constexpr const char* kPageOf = " LIMIT ? OFFSET ?";
constexpr const char* kOfCompany = "d.company_id = ?";
constexpr const char* kInSubtree = " AND d.org_path >= ? AND d.org_path < ?";
constexpr const char* kGuardNameContains = " AND g.name LIKE ? ESCAPE '\\'";
constexpr const char* kIdNoContains = " AND g.id_no LIKE ? ESCAPE '\\'";
constexpr const char* kMobileContains = " AND g.mobile LIKE ? ESCAPE '\\'";
constexpr const char* kCompanyNameContains = " AND c.name LIKE ? ESCAPE '\\'";
constexpr const char* kOwnedBy = "SELECT COUNT(*) FROM good_deeds WHERE id = ? AND company_id = ?";
constexpr const char* kInsert =
    "INSERT INTO good_deeds (guard_id, company_id, title, content, occurred_on, place, org_path, created_at, updated_at, created_by) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char* kUpdate =
    "UPDATE good_deeds SET guard_id = ?, title = ?, content = ?, occurred_on = ?, place = ?, updated_at = ? WHERE id = ?";
constexpr const char* kOfGuard =
    "SELECT d.id, d.title, d.occurred_on, c.name AS company_name FROM good_deeds d JOIN companies c ON c.id = d.company_id "
    "WHERE d.guard_id = ? ORDER BY d.occurred_on DESC";
constexpr const char* kFollowCompany = "UPDATE good_deeds SET org_path = ? WHERE company_id = ? AND org_path <> ?";

DeedRow toDeed(const db::Row& r) {
  DeedRow d;
  d.id = r.i64("id");
  d.guardId = r.i64("guard_id");
  d.guardName = r.str("guard_name");
  d.guardIdNo = r.str("guard_id_no");
  d.guardMobile = r.str("guard_mobile");
  d.companyId = r.i64("company_id");
  d.companyName = r.str("company_name");
  d.orgId = r.i64("company_org_id");
  d.title = r.str("title");
  d.content = r.str("content");
  d.occurredOn = r.str("occurred_on");
  d.place = r.optStr("place");
  d.createdAt = r.i64("created_at");
  d.updatedAt = r.i64("updated_at");
  return d;
}

void appendContains(Query& w, const char* condition, const std::string& text) {
  if (!text.empty()) w.append(condition, db::likeContains(text));
}
}  // namespace

Query GoodDeedStore::where(const DeedFilter& f) const {
  Query w(" WHERE ");
  if (f.companyId) w.append(kOfCompany, *f.companyId);
  else w.add(db::inScope(kGoodDeeds, *f.scope));
  if (f.orgPath) w.append(kInSubtree, *f.orgPath, core::pathUpperBound(*f.orgPath));
  appendContains(w, kGuardNameContains, f.guardName);
  appendContains(w, kIdNoContains, f.idNo);
  appendContains(w, kMobileContains, f.mobile);
  appendContains(w, kCompanyNameContains, f.companyName);
  return w;
}

std::pair<std::vector<DeedRow>, long long> GoodDeedStore::list(db::Conn& c, const DeedFilter& f, const core::PageRequest& page) const {
  const Query w = where(f);
  const long long total = c.scalar(Query(kCount).add(w));
  std::vector<DeedRow> rows;
  for (const auto& r : c.query(Query(kSelect).add(w).append(kLatestFirst).append(kPageOf, page.size, page.offset())))
    rows.push_back(toDeed(r));
  return {std::move(rows), total};
}

void GoodDeedStore::forEach(db::Conn& c, const DeedFilter& f, const std::function<void(const DeedRow&)>& fn) const {
  c.forEach(Query(kSelect).add(where(f)).append(kLatestFirst), [&](const db::Row& r) { fn(toDeed(r)); });
}

std::optional<DeedRow> GoodDeedStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(kSelect).append(kById, id));
  if (!r) return std::nullopt;
  return toDeed(*r);
}

bool GoodDeedStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, kGoodDeeds, scope, id);
}

bool GoodDeedStore::ownedBy(db::Conn& c, long long id, long long companyId) const {
  return c.scalar(Query(kOwnedBy, id, companyId)) > 0;
}

long long GoodDeedStore::insert(db::Conn& c, const DeedFields& f, long long companyId, const std::string& orgPath, long long now,
                                long long by) const {
  return c.insert(Query(kInsert, f.guardId, companyId, f.title, f.content, f.occurredOn, f.place, orgPath, now, now, by));
}

void GoodDeedStore::update(db::Conn& c, long long id, const DeedFields& f, long long now) const {
  c.exec(Query(kUpdate, f.guardId, f.title, f.content, f.occurredOn, f.place, now, id));
}

std::vector<GuardDeed> GoodDeedStore::ofGuard(db::Conn& c, long long guardId) const {
  std::vector<GuardDeed> out;
  for (const auto& r : c.query(Query(kOfGuard, guardId)))
    out.push_back({r.i64("id"), r.str("title"), r.str("occurred_on"), r.str("company_name")});
  return out;
}

void GoodDeedStore::followCompany(db::Conn& c, long long companyId, const std::string& orgPath) const {
  c.exec(Query(kFollowCompany, orgPath, companyId, orgPath));
}

}  // namespace baoan::industry
