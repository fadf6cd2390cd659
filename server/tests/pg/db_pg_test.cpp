// Tests of the database layer on a real PostgreSQL (baoan_pg_tests; needs the server the API tests use).
// Each run creates its own database and drops it at the end.
//
//   BAOAN_PG_CONNINFO='host=127.0.0.1 port=5432 user=baoan password=baoan' build/release/server/baoan_pg_tests
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/migrations.h"
#include "modules/industry/guard_store.h"

using namespace baoan;
using baoan::db::Conn;
using baoan::db::Database;
using baoan::db::Query;
using baoan::db::Row;

namespace {

std::string conninfo() {
  const char* env = std::getenv("BAOAN_PG_CONNINFO");
  return env && *env ? env : "host=127.0.0.1 port=5432 user=baoan password=baoan";
}

// One database for the whole run.
class PgEnvironment : public ::testing::Environment {
 public:
  static std::string url;
  void SetUp() override {
    std::mt19937_64 rng(std::random_device{}());
    name_ = "baoan_unit_" + std::to_string(::getpid()) + "_" + std::to_string(rng() % 1000000);
    Database admin("postgresql://" + conninfo() + " dbname=postgres", 1);
    admin.read([&](Conn& c) { c.exec(Query("CREATE DATABASE " + name_)); });
    url = "postgresql://" + conninfo() + " dbname=" + name_;
  }
  void TearDown() override {
    Database admin("postgresql://" + conninfo() + " dbname=postgres", 1);
    admin.read([&](Conn& c) { c.exec(Query("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)")); });
  }

 private:
  std::string name_;
};
std::string PgEnvironment::url;

class PgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<Database>(PgEnvironment::url, 4);
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    table_ = std::string("t_") + info->name();
    for (auto& ch : table_) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    db_->write([&](Conn& c) { c.exec(Query("DROP TABLE IF EXISTS " + table_)); });
  }
  std::unique_ptr<Database> db_;
  std::string table_;
};

}  // namespace

// The guard list's company-name plans on PostgreSQL (the SQLite ones: guard_store_test): the names
// read by name and sorted, the LIKE along the time order, and the page bounded in time by the largest
// names' walks give the same pages and totals as the rows, in every scope.
TEST_F(PgTest, GuardCompanyNamePlansListWhatTheRowsSay) {
  db::migrate(*db_);
  const std::vector<std::pair<long long, std::string>> orgs = {{1, "/1/"}, {2, "/1/2/"}, {3, "/1/3/"}, {4, "/1/2/4/"}};
  industry::GuardStore store;
  std::mt19937 rng(11);
  db_->write([&](Conn& c) {
    for (const auto& [id, path] : orgs)
      c.exec(Query("INSERT INTO orgs (id, parent_id, path, level, name, region_code, type, created_at, updated_at) "
                   "VALUES (?, ?, ?, ?, ?, '610000', 'city_bureau', 0, 0)",
                   id, id == 1 ? std::optional<long long>() : std::optional<long long>(id == 4 ? 2 : 1), path,
                   static_cast<long long>(std::count(path.begin(), path.end(), '/') - 1), "org" + std::to_string(id)));
    for (int i = 0; i < 400; ++i) {
      industry::GuardPerson p;
      p.idNo = "61010219900101" + std::to_string(1000 + i);
      p.mobile = "139" + std::to_string(10000000 + i);
      p.name = i % 2 ? "张伟" : "李娜";
      p.gender = "male";
      p.birthDate = "1990-01-01";
      // one large employer, a few small ones, and others whose names do not match
      const long long employer = i % 3 ? 1 : 2 + static_cast<long long>(rng() % 8);
      const auto& org = orgs[employer == 1 ? 3 : rng() % orgs.size()];
      const std::string name = employer <= 6 ? "秦安" + std::to_string(employer) + "保安" : "华泰" + std::to_string(employer);
      const long long id = store.insert(c, p, {"company", employer, name, org.first, org.second}, "2024-01-01", 100);
      c.exec(Query("UPDATE guards SET created_at = ? WHERE id = ?", static_cast<long long>(1000 + rng() % 60), id));
      if (rng() % 4 == 0) store.leave(c, id, "2025-01-01");
    }
  });
  struct G {
    long long id, createdAt;
    std::string employerName, orgPath;
    bool employed;
  };
  std::vector<G> rows = db_->read([](Conn& c) {
    std::vector<G> out;
    for (const auto& r : c.query(Query("SELECT id, created_at, employer_name, org_path, employed FROM guards")))
      out.push_back({r.i64("id"), r.i64("created_at"), r.str("employer_name"), r.str("org_path"), r.boolean("employed")});
    return out;
  });
  std::sort(rows.begin(), rows.end(), [](const G& a, const G& b) { return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id; });
  core::DataScope all;
  all.all = true;
  core::DataScope bureau;
  bureau.subtreePaths = {"/1/2/"};
  core::DataScope custom;
  custom.subtreePaths = {"/1/2/4/", "/1/3/"};
  for (const auto& limits : {industry::GuardStore::Limits{}, industry::GuardStore::Limits{0, 200}, industry::GuardStore::Limits{0, 0}})
    for (const std::string part : {"秦安", "秦安1", "安", "华泰"})
      for (const auto* scope : {&all, &bureau, &custom})
        for (const std::optional<bool> employed : {std::optional<bool>(), std::optional<bool>(true)}) {
          store.limits = limits;
          std::vector<long long> want, got;
          for (const auto& g : rows)
            if (g.employerName.find(part) != std::string::npos && scope->covers(g.orgPath, 0) && (!employed || g.employed == *employed))
              want.push_back(g.id);
          industry::GuardFilter f;
          f.companyName = part;
          f.employed = employed;
          for (int page = 1; page <= 100; ++page) {
            auto [list, total] = db_->read([&](Conn& c) { return store.list(c, f, scope, core::PageRequest{page, 7}); });
            EXPECT_EQ(total, static_cast<long long>(want.size())) << part << " page " << page << " limits " << limits.sortedNameHits << "/" << limits.inlineNames;
            for (const auto& g : list) got.push_back(g.id);
            if (list.size() < 7) break;
          }
          EXPECT_EQ(got, want) << part << " limits " << limits.sortedNameHits << "/" << limits.inlineNames;
        }
  // The database is shared by the run: leave the orgs as the other tests expect them.
  db_->write([](Conn& c) {
    for (const char* table : {"employments", "guard_changes", "guards", "orgs"}) c.exec(Query(std::string("DELETE FROM ") + table));
  });
}

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new PgEnvironment);
  return RUN_ALL_TESTS();
}

TEST_F(PgTest, ValuesAreTypedLikeOnSqlite) {
  auto row = db_->read([](Conn& c) {
    return c.queryOne(Query(
        "SELECT 7::bigint AS i8, 7::int AS i4, 7::smallint AS i2, 2.5::float8 AS d, 12.75::numeric AS n, 'x'::text AS s, "
        "NULL AS nothing, true AS yes, false AS no, ?::bigint AS bound_int, ?::float8 AS bound_double, ? AS bound_text",
        9007199254740993LL, 0.1, "保安"));
  });
  ASSERT_TRUE(row.has_value());
  for (const char* n : {"i8", "i4", "i2"}) EXPECT_EQ(std::get<long long>(row->values[row->index(n)]), 7) << n;
  EXPECT_EQ(std::get<double>(row->values[row->index("d")]), 2.5);
  EXPECT_EQ(std::get<double>(row->values[row->index("n")]), 12.75);
  EXPECT_EQ(std::get<std::string>(row->values[row->index("s")]), "x");
  EXPECT_TRUE(row->isNull("nothing"));
  EXPECT_EQ(std::get<long long>(row->values[row->index("yes")]), 1);
  EXPECT_FALSE(row->boolean("no"));
  EXPECT_EQ(row->i64("bound_int"), 9007199254740993LL);
  EXPECT_EQ(row->f64("bound_double"), 0.1);
  EXPECT_EQ(row->str("bound_text"), "保安");
}

TEST_F(PgTest, RowsByNameAndTheSameErrorsAsOnSqlite) {
  db_->write([&](Conn& c) {
    c.exec(Query("CREATE TABLE " + table_ + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name TEXT, lng DOUBLE PRECISION)"));
    c.insert(Query("INSERT INTO " + table_ + " (name, lng) VALUES (?, ?)", "甲", 108.5));
  });
  auto row = db_->read([&](Conn& c) {
    return c.queryOne(Query("SELECT a.id, a.name, b.name, a.lng AS LngValue FROM " + table_ + " a JOIN " + table_ + " b ON b.id = a.id"));
  });
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->i64("id"), 1);
  EXPECT_EQ(row->f64("lngvalue"), 108.5);
  EXPECT_THROW(row->str("name"), std::logic_error);     // two columns are called "name"
  EXPECT_THROW(row->str("missing"), std::logic_error);  // none is
  EXPECT_THROW(row->f64("LngValue"), std::logic_error);  // folded to lower case, as on SQLite
}

TEST_F(PgTest, UniqueViolationsAndOtherErrors) {
  db_->write([&](Conn& c) { c.exec(Query("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, s TEXT UNIQUE)")); });
  db_->write([&](Conn& c) { c.exec(Query("INSERT INTO " + table_ + " VALUES (1, 'a')")); });
  try {
    db_->write([&](Conn& c) { c.exec(Query("INSERT INTO " + table_ + " VALUES (2, ?)", "a")); });
    FAIL() << "duplicate accepted";
  } catch (const db::Error& e) {
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_TRUE(db::isUniqueViolation(e));
  }
  try {
    db_->read([&](Conn& c) { return c.query(Query("SELEC 1")); });
    FAIL() << "bad SQL accepted";
  } catch (const db::Error& e) {
    EXPECT_EQ(e.sqlstate(), "42601");
    EXPECT_FALSE(db::isUniqueViolation(e));
  }
  // The connections are usable afterwards (the failed transaction was rolled back).
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(db_->read([&](Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM " + table_)); }), 1);
}

TEST_F(PgTest, PreparedStatementsAreReusedAndFollowSchemaChanges) {
  db_->write([&](Conn& c) {
    c.exec(Query("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, a TEXT)"));
    c.exec(Query("INSERT INTO " + table_ + " VALUES (1, 'x')"));
  });
  Database one(PgEnvironment::url, 1);
  auto all = [&] { return one.read([&](Conn& c) { return c.queryOne(Query("SELECT * FROM " + table_ + " WHERE id = ?", 1)); }); };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(all()->str("a"), "x");  // from the second run on, by name
  // The SELECT * is prepared; the COUNT, run for the first time, is not yet.
  EXPECT_EQ(one.read([](Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM pg_prepared_statements")); }), 1);
  // Another connection changes the table: the prepared statement's result no longer fits.
  db_->write([&](Conn& c) { c.exec(Query("ALTER TABLE " + table_ + " ADD COLUMN b TEXT DEFAULT 'y'")); });
  auto r = all();
  EXPECT_EQ(r->columns->size(), 3u);
  EXPECT_EQ(r->str("b"), "y");
  // The same connection changes it: its prepared statements are dropped at once.
  one.write([&](Conn& c) { c.exec(Query("ALTER TABLE " + table_ + " ADD COLUMN c TEXT DEFAULT 'z'")); });
  EXPECT_EQ(all()->str("c"), "z");
  EXPECT_EQ(all()->str("c"), "z");
}

TEST_F(PgTest, InsertReturnsTheIdAndExecCountsRows) {
  db_->write([&](Conn& c) { c.exec(Query("CREATE TABLE " + table_ + " (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT)")); });
  std::vector<long long> ids;
  db_->write([&](Conn& c) {
    for (int i = 1; i <= 4; ++i) ids.push_back(c.insert(Query("INSERT INTO " + table_ + " (n) VALUES (?)", i)));
  });
  EXPECT_EQ(ids, (std::vector<long long>{1, 2, 3, 4}));
  EXPECT_EQ(db_->write([&](Conn& c) { return c.exec(Query("UPDATE " + table_ + " SET n = n + 1 WHERE n > ?", 2)); }), 2);
  std::vector<long long> seen;
  db_->read([&](Conn& c) {
    c.forEach(Query("SELECT n FROM " + table_ + " ORDER BY id"), [&](const Row& r) { seen.push_back(r.i64("n")); });
  });
  EXPECT_EQ(seen, (std::vector<long long>{1, 2, 4, 5}));
}

// Two transactions lock the same two rows in opposite orders: PostgreSQL detects the deadlock and
// aborts one of them (SQLSTATE 40P01). Database::write runs that one again, and both succeed.
TEST_F(PgTest, ADeadlockedWriteIsRunAgainAndBothSucceed) {
  db_->write([&](Conn& c) {
    c.exec(Query("CREATE TABLE " + table_ + " (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)"));
    c.exec(Query("INSERT INTO " + table_ + " VALUES (1, 0), (2, 0)"));
  });
  const long long before = db_->retries();
  // Both transactions hold their first lock before either asks for its second, on the first attempt
  // only (a retry must not wait for a partner that has finished).
  std::barrier bothLocked(2);
  std::atomic<int> attempts[2] = {0, 0};
  auto worker = [&](int who, long long first, long long second) {
    db_->write([&](Conn& c) {
      const int attempt = ++attempts[who];
      c.exec(Query("UPDATE " + table_ + " SET n = n + 1 WHERE id = ?", first));
      if (attempt == 1) bothLocked.arrive_and_wait();
      c.exec(Query("UPDATE " + table_ + " SET n = n + 10 WHERE id = ?", second));
    });
  };
  std::exception_ptr errors[2];
  std::thread a([&] {
    try {
      worker(0, 1, 2);
    } catch (...) {
      errors[0] = std::current_exception();
    }
  });
  std::thread b([&] {
    try {
      worker(1, 2, 1);
    } catch (...) {
      errors[1] = std::current_exception();
    }
  });
  a.join();
  b.join();
  for (auto& e : errors) {
    if (!e) continue;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      ADD_FAILURE() << "a write failed: " << ex.what();
    }
  }
  EXPECT_EQ(db_->retries() - before, 1) << "one of the two was chosen as the deadlock victim and run again";
  EXPECT_EQ(attempts[0] + attempts[1], 3);
  // Each transaction's effects are there exactly once: row 1 got +1 and +10, row 2 the same.
  auto rows = db_->read([&](Conn& c) { return c.query(Query("SELECT id, n FROM " + table_ + " ORDER BY id")); });
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].i64("n"), 11);
  EXPECT_EQ(rows[1].i64("n"), 11);
}

// The known case (migration 0006): every change to orgs, users or roles bumps the auth_epoch row in the
// same transaction. A transaction that has bumped it (changed org 1) and then changes org 2, while
// another has locked org 2 and waits for the counter, deadlocks; the one aborted is run again.
namespace {
// Runs the scenario below; returns the error each of the two writes ended with (null: committed) and
// counts the attempts.
struct EpochDeadlock {
  std::exception_ptr errors[2];
  int attempts = 0;
  std::vector<long long> orgs;
};
// Polls (on another pooled connection) until some backend of this database waits for a lock.
void waitForALockWaiter(Database& db) {
  const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < giveUp) {
    const long long waiting = db.read([&](Conn& c) {
      return c.scalar(Query("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                            "WHERE NOT l.granted AND a.datname = current_database()"));
    });
    if (waiting > 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ADD_FAILURE() << "the partner transaction never waited for a lock";
}
EpochDeadlock runEpochDeadlock(Database& db) {
  EpochDeadlock out;
  db::migrate(db);
  db.write([&](Conn& c) {
    c.exec(Query("DELETE FROM orgs"));
    for (const char* path : {"/1/", "/2/"})
      out.orgs.push_back(c.insert(Query(
          "INSERT INTO orgs (parent_id, path, level, name, region_code, type, created_at, updated_at) "
          "VALUES (NULL, ?, 1, ?, '610000', 'province_dept', 0, 0)",
          path, std::string("公安厅") + path)));
  });
  const auto& orgs = out.orgs;
  std::barrier holdsTheCounter(2);
  std::atomic<int> attempts{0};
  std::thread first([&] {
    try {
      int attempt = 0;
      db.write([&](Conn& c) {
        ++attempts;
        ++attempt;
        c.exec(Query("UPDATE orgs SET updated_at = updated_at + 1 WHERE id = ?", orgs[0]));  // holds the counter
        if (attempt == 1) {
          holdsTheCounter.arrive_and_wait();
          // Wait until the other transaction has locked org 2 and waits for the counter: a fixed sleep
          // was too short on a loaded CI machine (no deadlock happened and the test failed).
          waitForALockWaiter(db);
        }
        c.exec(Query("UPDATE orgs SET updated_at = updated_at + 1 WHERE id = ?", orgs[1]));
      });
    } catch (...) {
      out.errors[0] = std::current_exception();
    }
  });
  std::thread second([&] {
    try {
      bool firstAttempt = true;
      db.write([&](Conn& c) {
        ++attempts;
        if (firstAttempt) holdsTheCounter.arrive_and_wait();
        firstAttempt = false;
        c.exec(Query("UPDATE orgs SET updated_at = updated_at + 10 WHERE id = ?", orgs[1]));
      });
    } catch (...) {
      out.errors[1] = std::current_exception();
    }
  });
  first.join();
  second.join();
  out.attempts = attempts.load();
  return out;
}
}  // namespace

// Without retries (what the code did before), one of the two fails with the deadlock.
TEST_F(PgTest, TheAuthEpochDeadlockFailsOneWriteWithoutRetries) {
  db_->setWriteAttempts(1);
  const auto r = runEpochDeadlock(*db_);
  int deadlocked = 0;
  for (const auto& e : r.errors) {
    if (!e) continue;
    try {
      std::rethrow_exception(e);
    } catch (const db::Error& ex) {
      EXPECT_EQ(ex.sqlstate(), "40P01") << ex.what();
      ++deadlocked;
    }
  }
  EXPECT_EQ(deadlocked, 1);
  EXPECT_EQ(r.attempts, 2);
}

TEST_F(PgTest, TheAuthEpochDeadlockIsRunAgain) {
  const long long before = db_->retries();
  const auto r = runEpochDeadlock(*db_);
  for (const auto& e : r.errors) {
    if (!e) continue;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      ADD_FAILURE() << "a write failed: " << ex.what();
    }
  }
  EXPECT_EQ(db_->retries() - before, 1);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(db_->read([&](Conn& c) { return c.scalar(Query("SELECT updated_at FROM orgs WHERE id = ?", r.orgs[0])); }), 1);
  EXPECT_EQ(db_->read([&](Conn& c) { return c.scalar(Query("SELECT updated_at FROM orgs WHERE id = ?", r.orgs[1])); }), 11);
}
