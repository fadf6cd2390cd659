// industry::UnitFilings on SQLite (a file database): see unit_filings_check.h.
// tests/pg/unit_filings_pg_test.cpp runs the same checks on PostgreSQL.
#include <unistd.h>

#include <filesystem>

#include "db/migrations.h"
#include "unit_filings_check.h"

TEST(UnitFilings, EffectsOfTheFilingTypesOnSqlite) {
  const auto path = std::filesystem::temp_directory_path() / ("baoan_unit_filings_" + std::to_string(::getpid()) + ".db");
  {
    baoan::db::Database db("sqlite3://db=" + path.string(), 2);
    baoan::db::migrate(db);
    baoan::testing_filings::checkUnitFilings(db);
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ec);
}
