#include "db/scope_sql.h"

namespace baoan::db {

void appendScope(Query& q, const core::DataScope& scope, const std::string& pathColumn,
                 const std::string& createdByColumn) {
  if (scope.all) {
    q.append("(1=1)");
    return;
  }
  q.append("(1=0");
  for (const auto& p : scope.subtreePaths)
    q.append(" OR (" + pathColumn + " >= ? AND " + pathColumn + " < ?)", p, core::pathUpperBound(p));
  if (!scope.exactPaths.empty()) {
    q.append(" OR " + pathColumn + " IN ");
    q.appendList(std::vector<std::string>(scope.exactPaths.begin(), scope.exactPaths.end()));
  }
  if (scope.self && !createdByColumn.empty()) q.append(" OR " + createdByColumn + " = ?", static_cast<long long>(scope.selfUserId));
  q.append(")");
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

void appendScopeByLevel(Query& q, const core::DataScope& scope, const std::string& levelPrefix,
                        const std::string& pathColumn, const std::string& createdByColumn) {
  if (scope.all) {
    q.append("(1=1)");
    return;
  }
  q.append("(1=0");
  for (const auto& p : scope.subtreePaths) {
    const auto levels = orgLevels(p);
    if (!levels.empty() && static_cast<int>(levels.size()) <= kOrgLevelColumns)
      q.append(" OR " + levelPrefix + std::to_string(levels.size()) + " = ?", levels.back());
    else
      q.append(" OR (" + pathColumn + " >= ? AND " + pathColumn + " < ?)", p, core::pathUpperBound(p));
  }
  if (!scope.exactPaths.empty()) {
    q.append(" OR " + pathColumn + " IN ");
    q.appendList(std::vector<std::string>(scope.exactPaths.begin(), scope.exactPaths.end()));
  }
  if (scope.self && !createdByColumn.empty()) q.append(" OR " + createdByColumn + " = ?", static_cast<long long>(scope.selfUserId));
  q.append(")");
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
