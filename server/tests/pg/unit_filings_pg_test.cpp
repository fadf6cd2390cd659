// industry::UnitFilings on PostgreSQL (its own database): see ../unit/unit_filings_check.h.
#include <unistd.h>

#include <cstdlib>
#include <random>

#include "../unit/unit_filings_check.h"
#include "db/migrations.h"

TEST(UnitFilingsPg, EffectsOfTheFilingTypes) {
  using baoan::db::Conn;
  using baoan::db::Database;
  using baoan::db::Query;
  const char* env = std::getenv("BAOAN_PG_CONNINFO");
  const std::string conninfo = env && *env ? env : "host=127.0.0.1 port=5432 user=baoan password=baoan";
  const std::string name = "baoan_filings_" + std::to_string(::getpid()) + "_" + std::to_string(std::random_device{}() % 100000);
  Database admin("postgresql://" + conninfo + " dbname=postgres", 1);
  admin.read([&](Conn& c) { c.exec(Query("CREATE DATABASE " + name)); });
  {
    Database db("postgresql://" + conninfo + " dbname=" + name, 2);
    baoan::db::migrate(db);
    baoan::testing_filings::checkUnitFilings(db);
  }
  admin.read([&](Conn& c) { c.exec(Query("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")); });
}
