#pragma once
// Applies a data scope in SQL (ARCHITECTURE.md: "every list query … applies it in SQL, never after
// the fact"). Subtrees become path ranges, which a B-tree index serves on both databases.
#include <string>

#include "core/data_scope.h"
#include "db/db.h"

namespace baoan::db {

// A table whose rows are supervised by an org (ARCHITECTURE.md "Data scope"): each store declares
// its scoped tables once, and reads them only through the two helpers below — inScope() for lists
// and exports, visible() for one record — so that no query of a scoped table can forget the scope.
// The authorisation-matrix test (server/tests/api/authz.test.mjs) proves it for every route.
struct ScopedTable {
  const char* table;                   // "guards"
  const char* alias;                   // "g": the table's alias in the store's queries
  const char* pathColumn = "org_path";  // the supervising org's path
  const char* createdByColumn = "";    // the creator, for the "仅本人数据" scope; "" = none
  bool levelColumns = false;           // org_l1 … org_l5 kept: a subtree is one indexed equality
};

// The scoped-list helper: "(<condition>)" keeping the rows of `t` (by its alias) inside the scope.
Query inScope(const ScopedTable& t, const core::DataScope& scope);
// The same as alternatives (OR), for a store that walks each one's index on its own (guards).
std::vector<Query> inScopeTerms(const ScopedTable& t, const core::DataScope& scope);
// The visible-record helper: the record exists and lies inside the scope. Callers answer 404 when
// not — a record outside the scope does not exist for the caller.
bool visible(Conn& c, const ScopedTable& t, const core::DataScope& scope, long long id);

// Appends "(<condition>)" restricting rows to the scope. `createdByColumn` may be empty when the
// records have no creator (then "self" grants nothing).
void appendScope(Query& q, const core::DataScope& scope, const std::string& pathColumn,
                 const std::string& createdByColumn = "");

// The same for tables that keep the ancestor org id of each tree level in columns
// <levelPrefix>1 … <levelPrefix>5 (guards): a subtree becomes one equality on one indexed column,
// which stays fast at province scale where a path range sorted by time does not (STACK-NOTES.md).
void appendScopeByLevel(Query& q, const core::DataScope& scope, const std::string& levelPrefix,
                        const std::string& pathColumn, const std::string& createdByColumn = "");
// The alternatives appendScopeByLevel joins with OR, one per subtree, one for the exact paths and one
// for "self"; empty for a scope that grants nothing (and meaningless for `all`, which needs none).
// A store that pages by time walks each term's (org_lN, created_at) index on its own.
std::vector<Query> scopeTermsByLevel(const core::DataScope& scope, const std::string& levelPrefix,
                                     const std::string& pathColumn, const std::string& createdByColumn = "");
// Appends "(a OR b …)", or "(1=0)" when there are none. A single condition stands alone:
// "(1=0 OR x = ?)" would keep SQLite from using x's index to deliver rows in order.
void appendAny(Query& q, const std::vector<Query>& conditions);
constexpr int kOrgLevelColumns = 5;
// The ancestor ids of a path, level 1 first ("/1/2/13/" → 1, 2, 13); missing levels are absent.
std::vector<long long> orgLevels(const std::string& path);

// Escapes % and _ for a LIKE pattern used with ESCAPE '\'.
std::string likeContains(const std::string& text);

}  // namespace baoan::db
