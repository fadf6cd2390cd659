#include "db/scope_sql.h"

namespace baoan::db {

void appendAny(Query& q, const std::vector<Query>& conditions) {
  if (conditions.empty()) {
    q.append("(1=0)");
    return;
  }
  q.append("(");
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    if (i) q.append(" OR ");
    q.add(conditions[i]);
  }
  q.append(")");
}

namespace {
void addExactAndSelf(std::vector<Query>& out, const core::DataScope& scope, const std::string& pathColumn,
                     const std::string& createdByColumn) {
  if (!scope.exactPaths.empty()) {
    Query c(pathColumn + " IN ");
    c.appendList(std::vector<std::string>(scope.exactPaths.begin(), scope.exactPaths.end()));
    out.push_back(c);
  }
  if (scope.self && !createdByColumn.empty())
    out.push_back(Query(createdByColumn + " = ?", static_cast<long long>(scope.selfUserId)));
}
}  // namespace

void appendScope(Query& q, const core::DataScope& scope, const std::string& pathColumn,
                 const std::string& createdByColumn) {
  if (scope.all) {
    q.append("(1=1)");
    return;
  }
  std::vector<Query> any;
  for (const auto& p : scope.subtreePaths)
    any.push_back(Query("(" + pathColumn + " >= ? AND " + pathColumn + " < ?)", p, core::pathUpperBound(p)));
  addExactAndSelf(any, scope, pathColumn, createdByColumn);
  appendAny(q, any);
}

std::vector<long long> orgLevels(const std::string& path) {
  std::vector<long long> out;
  std::size_t start = 1;
  while (start < path.size()) {
    const std::size_t end = path.find('/', start);
    if (end == std::string::npos) break;
    out.push_back(std::stoll(path.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

std::vector<Query> scopeTermsByLevel(const core::DataScope& scope, const std::string& levelPrefix,
                                     const std::string& pathColumn, const std::string& createdByColumn) {
  std::vector<Query> any;
  for (const auto& p : scope.subtreePaths) {
    const auto levels = orgLevels(p);
    if (!levels.empty() && static_cast<int>(levels.size()) <= kOrgLevelColumns)
      any.push_back(Query(levelPrefix + std::to_string(levels.size()) + " = ?", levels.back()));
    else
      any.push_back(Query("(" + pathColumn + " >= ? AND " + pathColumn + " < ?)", p, core::pathUpperBound(p)));
  }
  addExactAndSelf(any, scope, pathColumn, createdByColumn);
  return any;
}

void appendScopeByLevel(Query& q, const core::DataScope& scope, const std::string& levelPrefix,
                        const std::string& pathColumn, const std::string& createdByColumn) {
  if (scope.all) q.append("(1=1)");
  else appendAny(q, scopeTermsByLevel(scope, levelPrefix, pathColumn, createdByColumn));
}

namespace {
std::string column(const ScopedTable& t, const char* name) { return std::string(t.alias) + "." + name; }
}  // namespace

Query inScope(const ScopedTable& t, const core::DataScope& scope) {
  Query q;
  const std::string createdBy = *t.createdByColumn ? column(t, t.createdByColumn) : std::string();
  if (t.levelColumns) appendScopeByLevel(q, scope, column(t, "org_l"), column(t, t.pathColumn), createdBy);
  else appendScope(q, scope, column(t, t.pathColumn), createdBy);
  return q;
}

std::vector<Query> inScopeTerms(const ScopedTable& t, const core::DataScope& scope) {
  const std::string createdBy = *t.createdByColumn ? column(t, t.createdByColumn) : std::string();
  return scopeTermsByLevel(scope, column(t, "org_l"), column(t, t.pathColumn), createdBy);
}

bool visible(Conn& c, const ScopedTable& t, const core::DataScope& scope, long long id) {
  std::string sql = std::string("SELECT ") + t.pathColumn + " AS scope_path";
  if (*t.createdByColumn) sql += std::string(", ") + t.createdByColumn + " AS scope_creator";
  sql += std::string(" FROM ") + t.table + " WHERE id = ?";
  auto r = c.queryOne(Query(sql, id));
  if (!r) return false;
  return scope.covers(r->str("scope_path"), *t.createdByColumn ? r->i64("scope_creator") : 0);
}

std::string likeContains(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

}  // namespace baoan::db
