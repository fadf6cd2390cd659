// LicenceService::issue on SQLite (a file database, several connections): see licence_issue_check.h.
// tests/pg/licence_issue_pg_test.cpp runs the same checks on PostgreSQL.
#include <unistd.h>

#include <filesystem>

#include "db/migrations.h"
#include "licence_issue_check.h"

TEST(LicenceIssue, NumbersPerProvinceAndYearUniqueUnderConcurrencyOnSqlite) {
  const auto path = std::filesystem::temp_directory_path() / ("baoan_licence_issue_" + std::to_string(::getpid()) + ".db");
  {
    baoan::db::Database db("sqlite3://db=" + path.string(), 4);
    baoan::db::migrate(db);
    baoan::testing_licences::checkIssue(db);
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ec);
}
