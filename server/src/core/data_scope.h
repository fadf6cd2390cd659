#pragma once
// Data scope (DOMAIN.md §2.2.3): which supervised records a user may see and touch.
//
// Every org has a materialised path ("/1/4/27/"); every supervised record stores the path of the org
// that supervises it. A role's scope kind resolves, for a given user, into subtree prefixes, exact org
// paths and "records I created". A user with several roles sees the union.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace baoan::core {

enum class ScopeKind { all, org_and_below, org, custom, self };

const char* scopeKindCode(ScopeKind k);
const char* scopeKindName(ScopeKind k);
bool parseScopeKind(const std::string& code, ScopeKind& out);

struct DataScope {
  bool all = false;
  std::set<std::string> subtreePaths;  // each covers that org and everything below
  std::set<std::string> exactPaths;    // that org only
  bool self = false;                   // records created by selfUserId
  std::int64_t selfUserId = 0;

  bool empty() const { return !all && subtreePaths.empty() && exactPaths.empty() && !self; }
  // Is a record supervised by the org at `orgPath` visible (ignoring "self")?
  bool coversOrg(const std::string& orgPath) const;
  // Is the record visible, counting records the user created?
  bool covers(const std::string& orgPath, std::int64_t createdBy) const;
  // Is every org below and including `orgPath` visible?
  bool coversSubtree(const std::string& orgPath) const;
  // Is everything `other` grants also granted here? (No privilege escalation through roles.)
  bool contains(const DataScope& other) const;
  void merge(const DataScope& other);
  // Drop paths already covered by a broader subtree, so SQL stays short.
  void normalise();
  // The orgs of this scope that lie in the subtree at `orgPath` (the org picked in a page's org
  // tree): one subtree or a few paths instead of the scope AND a path range, so that a list keeps to
  // one indexed condition. "Records I created" is not an org grant and is not carried over: a caller
  // whose scope has `self` must keep its own condition on the path.
  DataScope within(const std::string& orgPath) const;
};

// What a role's scope means for a user whose own org is at `userOrgPath`.
// `customPaths` are the paths of the orgs ticked for a custom scope.
DataScope resolveScope(ScopeKind kind, const std::string& userOrgPath, const std::vector<std::string>& customPaths,
                       std::int64_t userId);

// Upper bound for a path-prefix range scan: "/1/4/" → "/1/40". '0' is the character after '/',
// so [prefix, bound) holds exactly the paths that start with prefix; a B-tree index serves it on both
// databases, which `LIKE 'prefix%'` does not on SQLite (STACK-NOTES.md).
std::string pathUpperBound(const std::string& prefix);
bool isPathPrefix(const std::string& prefix, const std::string& path);
// The org id at the end of a path ("/1/4/27/" → 27), 0 if malformed.
std::int64_t lastIdOfPath(const std::string& path);

}  // namespace baoan::core
