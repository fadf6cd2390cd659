#pragma once
#include <string>
#include <vector>

#include "db/db.h"

namespace baoan::db {

// Applies the embedded migrations that the database has not recorded yet, each in its own
// transaction. Returns the names applied (empty when the schema is current).
std::vector<std::string> migrate(Database& db);
// Highest applied version, 0 for an empty database.
int schemaVersion(Database& db);

// Exposed for tests: dialect substitution and statement splitting.
std::string applyDialect(const std::string& sql, Dialect d);
std::vector<std::string> splitStatements(const std::string& sql);

}  // namespace baoan::db
