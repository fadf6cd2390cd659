#pragma once
// Applies a data scope in SQL (ARCHITECTURE.md: "every list query … applies it in SQL, never after
// the fact"). Subtrees become path ranges, which a B-tree index serves on both databases.
#include <string>

#include "core/data_scope.h"
#include "db/db.h"

namespace baoan::db {

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
