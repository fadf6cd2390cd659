#include "modules/industry/registry_store.h"

#include <map>

#include "core/regions.h"
#include "core/stat_bands.h"

namespace baoan::industry {

using db::Query;

namespace {
// The statements of every registry. {table}, {fields} … are filled from the spec once, when the store
// is built; values are always bound (`?`).
constexpr const char* kRegistrySelect =
    "SELECT t.id, {fields}, t.org_id, t.org_path, o.name AS org_name, t.created_at, t.updated_at{extra} "
    "FROM {table} t JOIN orgs o ON o.id = t.org_id";
constexpr const char* kRegistryCount = "SELECT COUNT(*) FROM {table} t";
constexpr const char* kRegistryById = " WHERE t.id = ?";
constexpr const char* kPage = " ORDER BY t.id DESC LIMIT ? OFFSET ?";
constexpr const char* kRegistryNewestFirst = " ORDER BY t.id DESC";
constexpr const char* kRegistryInSubtree = " AND t.org_path >= ? AND t.org_path < ?";
constexpr const char* kRegistryInsert =
    "INSERT INTO {table} ({columns}, org_id, org_path, created_at, updated_at, created_by) VALUES ({marks}, ?, ?, ?, ?, ?)";
constexpr const char* kRegistryUpdate = "UPDATE {table} SET {assignments}, org_id = ?, org_path = ?, updated_at = ? WHERE id = ?";
constexpr const char* kDelete = "DELETE FROM {table} WHERE id = ?";
constexpr const char* kTaken = "SELECT COUNT(*) FROM {table} WHERE {column} = ? AND id <> ?";
// The police org answering for a region code (the most local one first).
constexpr const char* kPoliceOrgOfRegion =
    "SELECT id, path FROM orgs WHERE region_code = ? AND type IN ('district_bureau', 'county_bureau', 'city_bureau', "
    "'province_dept') ORDER BY level DESC, id LIMIT 1";

// The condition of each kind of filter on its column.
std::string filterCondition(const FilterSpec& f) {
  switch (f.kind) {
    case FilterKind::contains:
    case FilterKind::prefix: return " AND t." + f.column + " LIKE ? ESCAPE '\\'";
    case FilterKind::equals: return " AND t." + f.column + " = ?";
    case FilterKind::dateFrom: return " AND t." + f.column + " >= ?";
    case FilterKind::dateTo: return " AND t." + f.column + " <= ?";
    case FilterKind::region: return " AND t." + f.column + " LIKE ?";
    case FilterKind::choice: return {};
  }
  return {};
}

std::string filterValue(const FilterSpec& f, const std::string& v) {
  switch (f.kind) {
    case FilterKind::contains: return db::likeContains(v);
    case FilterKind::prefix: return db::likeContains(v).substr(1);
    case FilterKind::region: return core::regionPrefix(v) + "%";
    default: return v;
  }
}

// Values a spec may name among its extra columns that are not columns of its table.
const std::map<std::string, std::string>& derivedColumns() {
  static const std::map<std::string, std::string> derived = {
      // a company's guards in employment, from the kept counts per employer (migration 0009: counting
      // the 54 000 of a big company took 2.5 ms per record)
      {"company_guards",
       "(SELECT CAST(COALESCE(SUM(gc.employed), 0) AS BIGINT) FROM guard_employer_counts gc "
       "WHERE gc.employer_kind = 'company' AND gc.employer_id = t.id)"}};
  return derived;
}

std::string fill(std::string text, const std::map<std::string, std::string>& parts) {
  for (const auto& [name, value] : parts) {
    const std::string mark = "{" + name + "}";
    for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
      text.replace(at, mark.size(), value);
  }
  return text;
}

// "a, b, c" of each field's column as `each` makes it.
template <class F>
std::string joined(const std::vector<FieldSpec>& fields, F each) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ", ") + each(f);
  return out;
}

std::string extraSelect(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    const auto d = derivedColumns().find(name);
    out += ", " + (d != derivedColumns().end() ? d->second + " AS " + name : "t." + name);
  }
  return out;
}

Record toRecordRegistry(const db::Row& r) {
  Record rec;
  rec.id = r.i64("id");
  rec.orgId = r.i64("org_id");
  rec.orgPath = r.str("org_path");
  rec.orgName = r.str("org_name");
  rec.createdAt = r.i64("created_at");
  rec.updatedAt = r.i64("updated_at");
  rec.values = r;
  return rec;
}
}  // namespace

RegistryStore::RegistryStore(const EntitySpec& spec) : spec_(spec) {
  const std::map<std::string, std::string> parts = {
      {"table", spec.table.table},
      {"fields", joined(spec.fields, [](const FieldSpec& f) { return "t." + f.column; })},
      {"extra", extraSelect(spec.extraColumns)},
      {"columns", joined(spec.fields, [](const FieldSpec& f) { return f.column; })},
      {"marks", joined(spec.fields, [](const FieldSpec&) { return std::string("?"); })},
      {"assignments", joined(spec.fields, [](const FieldSpec& f) { return f.column + " = ?"; })}};
  select_ = fill(kRegistrySelect, parts);
  count_ = fill(kRegistryCount, parts);
  insert_ = fill(kRegistryInsert, parts);
  update_ = fill(kRegistryUpdate, parts);
  delete_ = fill(kDelete, parts);
  taken_ = fill(kTaken, parts);
}

Query RegistryStore::where(const RegistryFilter& f) const {
  Query w(" WHERE ");
  w.add(db::inScope(spec_.table, f.scope));
  if (f.orgPath) w.append(kRegistryInSubtree, *f.orgPath, core::pathUpperBound(*f.orgPath));
  for (const auto& [filter, value] : f.terms) w.add(RegistryStore::term(filter, value));
  return w;
}

Query RegistryStore::term(const FilterSpec& filter, const std::string& value) {
  if (filter.kind == FilterKind::choice) return Query(" AND ").add(filter.term(value));
  return Query(filterCondition(filter), filterValue(filter, value));
}

std::string RegistryStore::derivedColumn(const std::string& name) { return derivedColumns().at(name); }

long long RegistryStore::count(db::Conn& c, const RegistryFilter& f) const { return c.scalar(Query(count_).add(where(f))); }

std::vector<long long> RegistryStore::countEach(db::Conn& c, const RegistryFilter& f, const std::vector<Query>& conditions) const {
  std::vector<long long> out(conditions.size(), 0);
  if (conditions.empty()) return out;
  Query q("SELECT ");
  for (std::size_t i = 0; i < conditions.size(); ++i)
    q.append(i ? ", " : "").append("COUNT(*) FILTER (WHERE 1=1").add(conditions[i]).append(") AS g").append(std::to_string(i));
  q.append(std::string(" FROM ") + spec_.table.table + " t").add(where(f));
  const auto r = c.queryOne(q);
  for (std::size_t i = 0; r && i < conditions.size(); ++i) out[i] = r->i64(std::string("g").append(std::to_string(i)));
  return out;
}

std::pair<std::vector<Record>, long long> RegistryStore::list(db::Conn& c, const RegistryFilter& f,
                                                              const core::PageRequest& page) const {
  const Query w = where(f);
  const long long total = count(c, f);
  std::vector<Record> records;
  for (const auto& r : c.query(Query(select_).add(w).append(kPage, page.size, page.offset()))) records.push_back(toRecordRegistry(r));
  return {std::move(records), total};
}

void RegistryStore::forEach(db::Conn& c, const RegistryFilter& f, const std::function<void(const Record&)>& fn) const {
  c.forEach(Query(select_).add(where(f)).append(kRegistryNewestFirst), [&](const db::Row& r) { fn(toRecordRegistry(r)); });
}

std::optional<Record> RegistryStore::find(db::Conn& c, long long id) const {
  auto r = c.queryOne(Query(select_).append(kRegistryById, id));
  if (!r) return std::nullopt;
  return toRecordRegistry(*r);
}

bool RegistryStore::visible(db::Conn& c, const core::DataScope& scope, long long id) const {
  return db::visible(c, spec_.table, scope, id);
}

bool RegistryStore::taken(db::Conn& c, const std::string& column, const std::string& value, long long exceptId) const {
  return c.scalar(Query(fill(taken_, {{"column", column}}), value, exceptId)) > 0;
}

long long RegistryStore::insert(db::Conn& c, const Values& v, const SupervisingOrg& org, long long now, long long createdBy) const {
  Query q(insert_);
  for (const auto& f : spec_.fields) q.appendValue("", v.at(f.column));
  q.append("", org.id, org.path, now, now, createdBy);
  return c.insert(q);
}

void RegistryStore::update(db::Conn& c, long long id, const Values& v, const SupervisingOrg& org, long long now) const {
  Query q(update_);
  for (const auto& f : spec_.fields) q.appendValue("", v.at(f.column));
  q.append("", org.id, org.path, now, id);
  c.exec(q);
}

void RegistryStore::remove(db::Conn& c, long long id) const { c.exec(Query(delete_, id)); }

std::optional<SupervisingOrg> orgOfRegion(db::Conn& c, const std::string& regionCode) {
  // Walk up from the region (town → county → city) until some police org answers for it.
  const auto path = core::RegionTable::instance().path(regionCode);
  for (auto it = path.rbegin(); it != path.rend(); ++it)
    if (auto r = c.queryOne(Query(kPoliceOrgOfRegion, (*it)->code))) return SupervisingOrg{r->i64("id"), r->str("path")};
  return std::nullopt;
}

}  // namespace baoan::industry
