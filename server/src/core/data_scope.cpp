#include "core/data_scope.h"

#include <algorithm>

namespace baoan::core {

const char* scopeKindCode(ScopeKind k) {
  switch (k) {
    case ScopeKind::all: return "all";
    case ScopeKind::org_and_below: return "org_and_below";
    case ScopeKind::org: return "org";
    case ScopeKind::custom: return "custom";
    case ScopeKind::self: return "self";
  }
  return "self";
}

const char* scopeKindName(ScopeKind k) {
  switch (k) {
    case ScopeKind::all: return "全部数据";
    case ScopeKind::org_and_below: return "所在机构及下级机构数据";
    case ScopeKind::org: return "所在机构数据";
    case ScopeKind::custom: return "指定机构数据";
    case ScopeKind::self: return "仅本人数据";
  }
  return "";
}

bool parseScopeKind(const std::string& code, ScopeKind& out) {
  for (auto k : {ScopeKind::all, ScopeKind::org_and_below, ScopeKind::org, ScopeKind::custom, ScopeKind::self}) {
    if (code == scopeKindCode(k)) {
      out = k;
      return true;
    }
  }
  return false;
}

bool isPathPrefix(const std::string& prefix, const std::string& path) {
  return !prefix.empty() && path.size() >= prefix.size() && path.compare(0, prefix.size(), prefix) == 0;
}

std::string pathUpperBound(const std::string& prefix) {
  std::string bound = prefix;
  if (!bound.empty() && bound.back() == '/') bound.back() = '0';
  return bound;
}

std::int64_t lastIdOfPath(const std::string& path) {
  if (path.size() < 3 || path.back() != '/') return 0;
  auto start = path.find_last_of('/', path.size() - 2);
  if (start == std::string::npos) return 0;
  try {
    return std::stoll(path.substr(start + 1, path.size() - start - 2));
  } catch (...) {
    return 0;
  }
}

bool DataScope::coversOrg(const std::string& orgPath) const {
  if (all) return true;
  if (exactPaths.count(orgPath)) return true;
  return std::any_of(subtreePaths.begin(), subtreePaths.end(),
                     [&](const std::string& p) { return isPathPrefix(p, orgPath); });
}

bool DataScope::covers(const std::string& orgPath, std::int64_t createdBy) const {
  return coversOrg(orgPath) || (self && createdBy != 0 && createdBy == selfUserId);
}

bool DataScope::coversSubtree(const std::string& orgPath) const {
  if (all) return true;
  return std::any_of(subtreePaths.begin(), subtreePaths.end(),
                     [&](const std::string& p) { return isPathPrefix(p, orgPath); });
}

bool DataScope::contains(const DataScope& other) const {
  if (all) return true;
  if (other.all) return false;
  for (const auto& p : other.subtreePaths)
    if (!coversSubtree(p)) return false;
  for (const auto& p : other.exactPaths)
    if (!coversOrg(p)) return false;
  // "Only records I created" is the narrowest grant there is; anyone may hand it out.
  return true;
}

void DataScope::merge(const DataScope& o) {
  all = all || o.all;
  subtreePaths.insert(o.subtreePaths.begin(), o.subtreePaths.end());
  exactPaths.insert(o.exactPaths.begin(), o.exactPaths.end());
  if (o.self) {
    self = true;
    selfUserId = o.selfUserId;
  }
  normalise();
}

DataScope DataScope::within(const std::string& orgPath) const {
  DataScope out;
  if (coversSubtree(orgPath)) {
    out.subtreePaths.insert(orgPath);
    return out;
  }
  for (const auto& p : subtreePaths)
    if (isPathPrefix(orgPath, p)) out.subtreePaths.insert(p);
  for (const auto& p : exactPaths)
    if (isPathPrefix(orgPath, p)) out.exactPaths.insert(p);
  return out;
}

void DataScope::normalise() {
  if (all) {
    subtreePaths.clear();
    exactPaths.clear();
    return;
  }
  std::set<std::string> kept;
  for (const auto& p : subtreePaths) {
    bool covered = std::any_of(subtreePaths.begin(), subtreePaths.end(),
                               [&](const std::string& q) { return q != p && isPathPrefix(q, p); });
    if (!covered) kept.insert(p);
  }
  subtreePaths = std::move(kept);
  for (auto it = exactPaths.begin(); it != exactPaths.end();) {
    if (coversSubtree(*it)) it = exactPaths.erase(it);
    else ++it;
  }
}

DataScope resolveScope(ScopeKind kind, const std::string& userOrgPath, const std::vector<std::string>& customPaths,
                       std::int64_t userId) {
  DataScope s;
  switch (kind) {
    case ScopeKind::all: s.all = true; break;
    case ScopeKind::org_and_below: s.subtreePaths.insert(userOrgPath); break;
    case ScopeKind::org: s.exactPaths.insert(userOrgPath); break;
    case ScopeKind::custom: s.subtreePaths.insert(customPaths.begin(), customPaths.end()); break;
    case ScopeKind::self:
      s.self = true;
      s.selfUserId = userId;
      break;
  }
  s.normalise();
  return s;
}

}  // namespace baoan::core
