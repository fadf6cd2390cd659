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

// Escapes % and _ for a LIKE pattern used with ESCAPE '\'.
std::string likeContains(const std::string& text);

}  // namespace baoan::db
