// The rules of tasks and emergency tasks (modules/tasks/task_rules.h) and the radius query of the
// guard location rule (TaskStore::nearbyGuards) on a real SQLite database: every guard the query
// returns is within the radius by the rule, and every guard within it is returned, nearest first.
#include "modules/tasks/task_rules.h"
#include "modules/tasks/task_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <memory>
#include <random>

#include "db/db.h"
#include "db/migrations.h"

using namespace baoan;
using namespace baoan::tasks;
using baoan::db::Conn;
using baoan::db::Query;

TEST(TaskRules, DistanceIsTheGreatCircle) {
  EXPECT_DOUBLE_EQ(distanceKm(108.7, 34.33, 108.7, 34.33), 0.0);
  // One degree of latitude: 111.2 km on the mean sphere.
  EXPECT_NEAR(distanceKm(108.7, 34.0, 108.7, 35.0), 111.195, 0.01);
  // 咸阳 (108.709, 34.329) to 西安钟楼 (108.947, 34.261): about 23 km.
  EXPECT_NEAR(distanceKm(108.709, 34.329, 108.947, 34.261), 23.0, 0.5);
  // Symmetric.
  EXPECT_DOUBLE_EQ(distanceKm(108.1, 34.2, 109.3, 33.9), distanceKm(109.3, 33.9, 108.1, 34.2));
}

TEST(TaskRules, TheBoxHoldsEveryPointWithinTheRadius) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> angle(0, 2 * 3.14159265358979), frac(0, 1);
  for (double lat : {18.5, 34.3, 53.0}) {
    for (double km : {0.5, 5.0, 50.0}) {
      const Box b = boxAround(108.7, lat, km);
      for (int i = 0; i < 2000; ++i) {
        // A point at distance ≤ km, by walking along the sphere from the centre.
        const double d = km * frac(rng), a = angle(rng);
        const double dLat = d / 111.195 * std::cos(a);
        const double dLng = d / (111.195 * std::cos((lat + dLat) * 3.14159265358979 / 180)) * std::sin(a);
        const double plng = 108.7 + dLng, plat = lat + dLat;
        if (distanceKm(108.7, lat, plng, plat) > km) continue;
        EXPECT_TRUE(b.contains(plng, plat)) << lat << " " << km << " " << plng << "," << plat;
      }
    }
  }
}

TEST(TaskRules, StatusFollowsTheDates) {
  EXPECT_EQ(taskStatus(100, 200, false, 99), "pending");
  EXPECT_EQ(taskStatus(100, 200, false, 100), "running");  // from the start on
  EXPECT_EQ(taskStatus(100, 200, false, 199), "running");
  EXPECT_EQ(taskStatus(100, 200, false, 200), "ended");  // the end is not part of it
  EXPECT_EQ(taskStatus(100, 200, true, 150), "cancelled");  // stored, whatever the dates
  EXPECT_EQ(taskStatusName("running"), "进行中");
  EXPECT_EQ(taskStatusName("cancelled"), "已取消");
}

TEST(TaskRules, CoordinatesWithinChina) {
  EXPECT_EQ(coordinatesProblem(108.7, 34.33), std::nullopt);
  EXPECT_TRUE(coordinatesProblem(34.33, 108.7));  // swapped
  EXPECT_TRUE(coordinatesProblem(0, 0));
  EXPECT_TRUE(coordinatesProblem(108.7, 60));
}

TEST(TaskRules, WhereAGuardIs) {
  GuardWhereabouts w;
  w.employer = Place{108.70, 34.33, "employer", 0};
  EXPECT_EQ(locateGuard(w)->source, "employer");
  w.lastCheckIn = Place{108.80, 34.40, "check_in", 5000};
  EXPECT_EQ(locateGuard(w)->source, "check_in");  // newer than any task
  w.lastTaskEnd = 6000;  // a task ended after the check-in: back at the employer
  EXPECT_EQ(locateGuard(w)->source, "employer");
  w.runningTask = Place{108.90, 34.50, "task", 7000};
  EXPECT_EQ(locateGuard(w)->source, "task");  // on a running task: at its place, whatever else
  EXPECT_DOUBLE_EQ(locateGuard(w)->lng, 108.90);
  GuardWhereabouts none;
  EXPECT_FALSE(locateGuard(none));
}

namespace {
class NearbyGuardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() / ("baoan_tasks_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".db");
    removeFiles();
    db_ = std::make_unique<db::Database>("sqlite3://db=" + path_.string(), 2);
    db::migrate(*db_);
  }
  void TearDown() override {
    db_.reset();
    removeFiles();
  }
  void removeFiles() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix, ec);
  }
  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
};
}  // namespace

TEST_F(NearbyGuardsTest, ReturnsExactlyTheGuardsWithinTheRadiusNearestFirst) {
  constexpr double kLng = 108.70, kLat = 34.33;
  const long long now = 1'800'000'000'000;
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> off(-0.15, 0.15);
  struct Expect {
    long long id;
    double lng, lat;
    std::string source;
  };
  std::vector<Expect> truth;
  db_->write([&](Conn& c) {
    c.exec(Query("INSERT INTO orgs (id, parent_id, path, level, name, region_code, type, created_at, updated_at) "
                 "VALUES (1, NULL, '/1/', 1, '省厅', '610000', 'province_dept', 0, 0)"));
    const TaskStore store;
    long long guardId = 0;
    double clng = 0, clat = 0;
    for (int co = 1; co <= 40; ++co) {
      if (co % 10 != 0) {  // every tenth company at the same place as the one before: their guards tie on distance
        clng = kLng + off(rng);
        clat = kLat + off(rng);
      }
      c.exec(Query("INSERT INTO companies (id, name, credit_code, reg_address, region_code, lng, lat, legal_name, legal_id_no, legal_mobile, "
                   "org_id, org_path, created_at, updated_at) VALUES (?, ?, ?, '地址', '610404', ?, ?, '法人', '1', '1', 1, '/1/', 0, 0)",
                   co, "公司" + std::to_string(co), "C" + std::to_string(co), clng, clat));
      for (int g = 0; g < 8; ++g) {
        ++guardId;
        c.exec(Query("INSERT INTO guards (id, id_no, name, gender, birth_date, mobile, employer_kind, employer_id, employer_name, employed, "
                     "org_id, org_path, created_at, updated_at) VALUES (?, ?, ?, 'M', '1990-01-01', '13800000000', 'company', ?, ?, 1, 1, "
                     "'/1/', 0, 0)",
                     guardId, "ID" + std::to_string(guardId), "保安" + std::to_string(guardId), co, "公司" + std::to_string(co)));
        double lng = clng, lat = clat;
        std::string source = "employer";
        const auto runningTask = [&](double tlng, double tlat, long long startAgo = 1000) {
          tasks::TaskRow t;
          t.companyId = co;
          t.companyName = "公司";
          t.name = t.type = t.client = t.address = "x";
          t.regionCode = "610404";
          t.cityCode = "610400";
          t.provinceCode = "610000";
          t.lng = tlng;
          t.lat = tlat;
          t.startAt = now - startAgo;
          t.endAt = now + 1000;
          t.startMonth = "2027-01";
          t.needed = 1;
          t.orgId = 1;
          t.orgPath = t.regionOrgPath = "/1/";
          store.setGuards(c, store.insert(c, t), {guardId});
        };
        if (g == 1) {  // on a running task somewhere around
          tasks::TaskRow t;
          t.companyId = co;
          t.companyName = "公司";
          t.name = t.type = t.client = t.address = "x";
          t.regionCode = "610404";
          t.cityCode = "610400";
          t.provinceCode = "610000";
          t.lng = kLng + off(rng);
          t.lat = kLat + off(rng);
          t.startAt = now - 1000;
          t.endAt = now + 1000;
          t.startMonth = "2027-01";
          t.needed = 1;
          t.orgId = 1;
          t.orgPath = t.regionOrgPath = "/1/";
          const long long id = store.insert(c, t);
          store.setGuards(c, id, {guardId});
          lng = t.lng;
          lat = t.lat;
          source = "task";
        } else if (g == 2) {  // checked in somewhere since
          const double plng = kLng + off(rng), plat = kLat + off(rng);
          c.exec(Query("INSERT INTO guard_check_ins (guard_id, lng, lat, at) VALUES (?, ?, ?, ?)", guardId, plng, plat, now - 5000));
          lng = plng;
          lat = plat;
          source = "check_in";
        } else if (g == 5) {  // on a running task of their company far away: never at the company's place
          runningTask(kLng + 1, kLat + 1);
          lng = kLng + 1;
          lat = kLat + 1;
          source = "task";
        } else if (g == 7 && co % 2 == 0) {  // on two running tasks: at the one started last
          runningTask(kLng + off(rng), kLat + off(rng), 3000);  // started first, near or not
          lng = kLng + off(rng);
          lat = kLat + off(rng);
          runningTask(lng, lat, 2000);
          source = "task";
        } else if (g == 6) {  // a newer check-in far away moves the guard away from the company
          c.exec(Query("INSERT INTO guard_check_ins (guard_id, lng, lat, at) VALUES (?, ?, ?, ?)", guardId, kLng - 1, kLat - 1, now - 5000));
          lng = kLng - 1;
          lat = kLat - 1;
          source = "check_in";
        } else if (g == 3 || g == 4) {  // a task that ended (for g == 4 after a check-in nearby): at the employer again
          tasks::TaskRow t;
          t.companyId = co;
          t.companyName = "公司";
          t.name = t.type = t.client = t.address = "x";
          t.regionCode = "610404";
          t.cityCode = "610400";
          t.provinceCode = "610000";
          t.lng = kLng + 1;
          t.lat = kLat + 1;
          t.startAt = now - 9000;
          t.endAt = now - 8000;
          t.startMonth = "2027-01";
          t.needed = 1;
          t.orgId = 1;
          t.orgPath = t.regionOrgPath = "/1/";
          store.setGuards(c, store.insert(c, t), {guardId});
          if (g == 4)
            c.exec(Query("INSERT INTO guard_check_ins (guard_id, lng, lat, at) VALUES (?, ?, ?, ?)", guardId, kLng + 0.001, kLat, now - 9500));
        }
        truth.push_back({guardId, lng, lat, source});
      }
    }
  });
  for (double km : {1.0, 3.0, 5.0, 10.0}) {
    const auto got = db_->read([&](Conn& c) { return TaskStore().nearbyGuards(c, kLng, kLat, km, now, 100000); });
    std::set<long long> want;
    for (const auto& t : truth)
      if (distanceKm(kLng, kLat, t.lng, t.lat) <= km) want.insert(t.id);
    std::set<long long> have;
    for (std::size_t i = 0; i < got.size(); ++i) {
      have.insert(got[i].id);
      EXPECT_LE(got[i].distanceKm, km);
      if (i) EXPECT_LE(got[i - 1].distanceKm, got[i].distanceKm);
    }
    EXPECT_EQ(have, want) << km << " km";
    EXPECT_FALSE(want.empty()) << km;

    // With a limit: exactly the first guards in the order (distance, id), placed where the rule says. A company's
    // guards tie on distance (and two companies share a place), so the limit cuts inside ties.
    std::vector<std::pair<double, long long>> order;
    std::map<long long, const Expect*> byId;
    for (const auto& t : truth) {
      byId[t.id] = &t;
      if (const double d = distanceKm(kLng, kLat, t.lng, t.lat); d <= km) order.emplace_back(d, t.id);
    }
    std::sort(order.begin(), order.end());
    for (std::size_t limit : {std::size_t{1}, std::size_t{3}, std::size_t{6}, std::size_t{8}, std::size_t{13}, std::size_t{40},
                              std::size_t{100}, std::size_t{1000}}) {
      const auto few = db_->read([&](Conn& c) { return TaskStore().nearbyGuards(c, kLng, kLat, km, now, limit); });
      std::vector<long long> wantIds, haveIds;
      for (std::size_t i = 0; i < std::min(limit, order.size()); ++i) wantIds.push_back(order[i].second);
      for (const auto& g : few) {
        haveIds.push_back(g.id);
        EXPECT_EQ(g.place.source, byId.at(g.id)->source) << g.id;
        EXPECT_DOUBLE_EQ(g.distanceKm, distanceKm(kLng, kLat, byId.at(g.id)->lng, byId.at(g.id)->lat)) << g.id;
        EXPECT_EQ(g.name, "保安" + std::to_string(g.id));
        EXPECT_GT(g.employerId, 0);
      }
      EXPECT_EQ(haveIds, wantIds) << km << " km, limit " << limit;
    }

    // Counted per employer (the reach preview): the same guards, the nearest one's distance.
    std::map<long long, std::pair<long long, double>> perEmployer;  // employer → (guards, nearest km)
    for (const auto& g : got) {
      auto& e = perEmployer[g.employerId];
      if (!e.first) e.second = g.distanceKm;
      ++e.first;
    }
    const auto counted = db_->read([&](Conn& c) { return TaskStore().nearbyByEmployer(c, kLng, kLat, km, now); });
    std::map<long long, std::pair<long long, double>> haveCounted;
    for (const auto& e : counted) {
      haveCounted[e.employerId] = {e.guards, e.nearestKm};
      EXPECT_EQ(e.employerName, "公司" + std::to_string(e.employerId));
    }
    EXPECT_EQ(haveCounted, perEmployer) << km << " km";
  }
}
