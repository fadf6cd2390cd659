// Unit tests of industry::GuardStore on a real SQLite database: every way the guard list finds its
// page and its total (kept counts, one ordered index walk, a union of walks for several orgs, the
// index of ID/mobile pieces) must give exactly what a plain reading of the rows gives.
#include "modules/industry/guard_store.h"
#include "modules/industry/real_name.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/data_scope.h"
#include "db/db.h"
#include "db/migrations.h"

using namespace baoan;
using baoan::db::Conn;
using baoan::db::Query;
using baoan::industry::Employer;
using baoan::industry::GuardFilter;
using baoan::industry::GuardPerson;
using baoan::industry::GuardStore;

namespace {

// 陕西 → two cities → three bureaus → two stations.
struct OrgRow {
  long long id;
  std::string path;
};
const std::vector<OrgRow> kOrgs = {{1, "/1/"},       {2, "/1/2/"},       {3, "/1/3/"},      {4, "/1/2/4/"},
                                   {5, "/1/2/5/"},   {6, "/1/3/6/"},     {7, "/1/2/4/7/"}, {8, "/1/2/4/8/"}};

// What the store is compared with: the rows as they are, read without any index trick.
struct Guard {
  long long id;
  std::string idNo, name, mobile, orgPath;
  long long createdAt, createdBy;
  bool employed;
  std::string employerKind, employerName;
  long long employerId;
};

class GuardStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("baoan_guards_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".db");
    removeFiles();
    db_ = std::make_unique<db::Database>("sqlite3://db=" + path_.string(), 2);
    db::migrate(*db_);
    db_->write([](Conn& c) {
      for (const auto& o : kOrgs)
        c.exec(Query("INSERT INTO orgs (id, parent_id, path, level, name, region_code, type, created_at, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, '610000', 'city_bureau', 0, 0)",
                     o.id, o.id == 1 ? std::optional<long long>() : std::optional<long long>(core::lastIdOfPath(parentOf(o.path))),
                     o.path, static_cast<long long>(std::count(o.path.begin(), o.path.end(), '/') - 1), "org" + std::to_string(o.id)));
    });
  }
  void TearDown() override {
    db_.reset();
    removeFiles();
  }
  void removeFiles() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix, ec);
  }
  static std::string parentOf(const std::string& path) { return path.substr(0, path.rfind('/', path.size() - 2) + 1); }

  Employer employerAt(long long orgId, long long employerId = 1) {
    const auto& o = *std::find_if(kOrgs.begin(), kOrgs.end(), [&](const OrgRow& r) { return r.id == orgId; });
    return {"company", employerId, "公司" + std::to_string(employerId), o.id, o.path};
  }

  // n guards spread over the orgs with random times (ties included), names from a small pool so
  // that prefixes collide, and random ID numbers and mobiles.
  void populate(int n, unsigned seed) {
    std::mt19937 rng(seed);
    const std::vector<std::string> names = {"张伟", "张伟明", "张玮", "王立新", "王立", "李娜", "李", "赵四"};
    db_->write([&](Conn& c) {
      for (int i = 0; i < n; ++i) {
        GuardPerson p;
        p.idNo = digits(rng, 17) + (rng() % 5 == 0 ? "X" : digits(rng, 1));
        p.mobile = "1" + digits(rng, 10);
        p.name = names[rng() % names.size()];
        p.gender = "male";
        p.birthDate = "1990-01-01";
        const long long orgId = kOrgs[rng() % kOrgs.size()].id;
        const long long id = store_.insert(c, p, employerAt(orgId, 1 + rng() % 5), "2024-01-01", 100 + rng() % 3);
        c.exec(Query("UPDATE guards SET created_at = ? WHERE id = ?", static_cast<long long>(1000 + rng() % 50), id));
        if (rng() % 4 == 0) store_.leave(c, id, "2025-01-01");
      }
    });
  }
  static std::string digits(std::mt19937& rng, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng() % 10);
    return s;
  }

  std::vector<Guard> allGuards() {
    return db_->read([](Conn& c) {
      std::vector<Guard> out;
      for (const auto& r : c.query(Query("SELECT id, id_no, name, mobile, org_path, created_at, created_by, employed, "
                                         "employer_kind, employer_id, employer_name FROM guards")))
        out.push_back({r.i64("id"), r.str("id_no"), r.str("name"), r.str("mobile"), r.str("org_path"), r.i64("created_at"),
                       r.i64("created_by"), r.boolean("employed"), r.str("employer_kind"), r.str("employer_name"),
                       r.i64("employer_id")});
      return out;
    });
  }

  // The plain reading: the filter and the scope applied row by row, newest first.
  std::vector<long long> expected(const GuardFilter& f, const core::DataScope* s) {
    std::vector<Guard> hits;
    for (const auto& g : allGuards()) {
      if (s && !s->covers(g.orgPath, g.createdBy)) continue;
      if (!f.companyName.empty() && g.employerName.find(f.companyName) == std::string::npos) continue;
      if (f.employerId && (g.employerKind != f.employerKind || g.employerId != *f.employerId)) continue;
      if (f.orgPath && !core::isPathPrefix(*f.orgPath, g.orgPath)) continue;
      if (!f.name.empty() && g.name.rfind(f.name, 0) != 0) continue;
      if (!f.idNo.empty() && g.idNo.find(f.idNo) == std::string::npos) continue;
      if (!f.mobile.empty() && g.mobile.find(f.mobile) == std::string::npos) continue;
      if (f.employed && g.employed != *f.employed) continue;
      hits.push_back(g);
    }
    std::sort(hits.begin(), hits.end(), [](const Guard& a, const Guard& b) {
      return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
    });
    std::vector<long long> ids;
    for (const auto& g : hits) ids.push_back(g.id);
    return ids;
  }

  // Every page of the store's list, and the total each page reported.
  std::vector<long long> listed(const GuardFilter& f, const core::DataScope* s, int size, std::set<long long>& totals) {
    std::vector<long long> ids;
    for (int page = 1; page <= 200; ++page) {
      auto [rows, total] = db_->read([&](Conn& c) { return store_.list(c, f, s, core::PageRequest{page, size}); });
      totals.insert(total);
      for (const auto& g : rows) ids.push_back(g.id);
      if (static_cast<int>(rows.size()) < size) break;
    }
    return ids;
  }

  // s == nullptr: no data scope (the portal's list of its own guards).
  void expectSameList(const GuardFilter& f, const core::DataScope& s, const std::string& what) { expectSameList(f, &s, what); }
  void expectSameList(const GuardFilter& f, const core::DataScope* s, const std::string& what) {
    const auto want = expected(f, s);
    for (int size : {7, 20}) {
      std::set<long long> totals;
      EXPECT_EQ(listed(f, s, size, totals), want) << what << " size " << size;
      EXPECT_EQ(totals, std::set<long long>{static_cast<long long>(want.size())}) << what << " size " << size;
    }
    std::vector<long long> exported;
    db_->read([&](Conn& c) { store_.forEach(c, f, s, [&](const industry::GuardRow& g) { exported.push_back(g.id); }); });
    EXPECT_EQ(exported, want) << what << " (export)";
  }

  void expectCountsKept() {
    db_->read([](Conn& c) {
      std::map<long long, std::pair<long long, long long>> kept, real;
      for (const auto& r : c.query(Query("SELECT org_id, total, employed FROM guard_counts WHERE total <> 0")))
        kept[r.i64("org_id")] = {r.i64("total"), r.i64("employed")};
      for (const auto& r : c.query(Query("SELECT org_id, COUNT(*) AS total, SUM(employed) AS employed FROM guards GROUP BY org_id")))
        real[r.i64("org_id")] = {r.i64("total"), r.i64("employed")};
      EXPECT_EQ(kept, real);
      EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM guard_counts WHERE total < 0 OR employed < 0 OR employed > total")), 0);
      // per employer (kind, id, name) and org (migration 0009)
      using Key = std::tuple<std::string, long long, std::string, long long>;
      std::map<Key, std::pair<long long, long long>> keptE, realE;
      for (const auto& r : c.query(Query("SELECT employer_kind, employer_id, employer_name, org_id, total, employed "
                                         "FROM guard_employer_counts WHERE total <> 0")))
        keptE[{r.str("employer_kind"), r.i64("employer_id"), r.str("employer_name"), r.i64("org_id")}] = {r.i64("total"),
                                                                                                             r.i64("employed")};
      for (const auto& r : c.query(Query("SELECT employer_kind, employer_id, employer_name, org_id, COUNT(*) AS total, "
                                         "SUM(employed) AS employed FROM guards GROUP BY employer_kind, employer_id, "
                                         "employer_name, org_id")))
        realE[{r.str("employer_kind"), r.i64("employer_id"), r.str("employer_name"), r.i64("org_id")}] = {r.i64("total"),
                                                                                                             r.i64("employed")};
      EXPECT_EQ(keptE, realE);
      EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM guard_employer_counts WHERE total < 0 OR employed < 0 OR employed > total")), 0);
    });
  }

  static core::DataScope all() {
    core::DataScope s;
    s.all = true;
    return s;
  }
  static core::DataScope subtrees(std::set<std::string> paths) {
    core::DataScope s;
    s.subtreePaths = std::move(paths);
    return s;
  }

  std::filesystem::path path_;
  std::unique_ptr<db::Database> db_;
  GuardStore store_;
};

}  // namespace

TEST_F(GuardStoreTest, KeptCountsFollowEveryChange) {
  populate(120, 1);
  expectCountsKept();
  db_->write([&](Conn& c) {
    // hire elsewhere, leave, an employer moving to another org, a deletion
    const long long someone = c.scalar(Query("SELECT MIN(id) FROM guards WHERE employed = 0"));
    store_.hire(c, someone, employerAt(6, 9), "2025-02-01");
    store_.leave(c, c.scalar(Query("SELECT MAX(id) FROM guards WHERE employed = 1")), "2025-03-01");
    store_.followEmployer(c, employerAt(3, 2));
    c.exec(Query("DELETE FROM employments WHERE guard_id = (SELECT MAX(id) FROM guards)"));
    c.exec(Query("DELETE FROM guard_changes WHERE guard_id = (SELECT MAX(id) FROM guards)"));
    c.exec(Query("DELETE FROM guards WHERE id = (SELECT MAX(id) FROM guards)"));
  });
  expectCountsKept();
}

TEST_F(GuardStoreTest, EmployerEditedItsGuardsFollowItsNameAndOrg) {
  populate(60, 2);
  db_->write([&](Conn& c) { store_.followEmployer(c, {"company", 3, "新名称保安公司", 6, "/1/3/6/"}); });
  db_->read([](Conn& c) {
    EXPECT_GT(c.scalar(Query("SELECT COUNT(*) FROM guards WHERE employer_id = 3")), 0);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM guards WHERE employer_id = 3 AND (employer_name <> '新名称保安公司' OR "
                             "org_id <> 6 OR org_path <> '/1/3/6/' OR org_l1 <> 1 OR org_l2 <> 3 OR org_l3 <> 6 OR org_l4 IS NOT NULL)")),
              0);
  });
  expectCountsKept();
}

TEST_F(GuardStoreTest, ListsEveryScopeExactlyAsTheRowsSay) {
  populate(300, 3);
  core::DataScope custom = subtrees({"/1/2/4/7/", "/1/2/5/", "/1/3/"});
  core::DataScope exactAndSelf;
  exactAndSelf.exactPaths = {"/1/2/4/", "/1/3/6/"};
  exactAndSelf.self = true;
  exactAndSelf.selfUserId = 101;
  core::DataScope nothing;
  for (const auto& [what, scope] : std::vector<std::pair<std::string, core::DataScope>>{
           {"all", all()}, {"city", subtrees({"/1/2/"})}, {"station", subtrees({"/1/2/4/7/"})}, {"custom", custom},
           {"exact+self", exactAndSelf}, {"nothing", nothing}}) {
    expectSameList({}, scope, what);
    GuardFilter employed;
    employed.employed = true;
    expectSameList(employed, scope, what + " employed");
    GuardFilter left;
    left.employed = false;
    expectSameList(left, scope, what + " left");
    GuardFilter inTree;
    inTree.orgPath = "/1/2/4/";
    expectSameList(inTree, scope, what + " org tree /1/2/4/");
    GuardFilter named;
    named.name = "张伟";
    expectSameList(named, scope, what + " name 张伟");
  }
}

// The portal's list (one employer, no data scope) and the police side's company-name filter, whose
// totals come from the kept counts per employer and whose pages come from the employer's indexes or
// the matching names (few guards under them) or a walk in time order (many names).
TEST_F(GuardStoreTest, EmployerAndCompanyNameListsExactlyAsTheRowsSay) {
  populate(300, 6);
  // 210 employers of one guard each ("公司100" … "公司309"): "公司" matches more names than are inlined.
  db_->write([&](Conn& c) {
    for (int i = 0; i < 210; ++i) {
      GuardPerson p;
      p.idNo = "6101" + std::to_string(20000000000000LL + i);
      p.mobile = "138" + std::to_string(10000000 + i);
      p.name = i % 3 ? "张伟" : "李娜";
      p.gender = "female";
      p.birthDate = "1991-01-01";
      const long long id = store_.insert(c, p, employerAt(kOrgs[i % kOrgs.size()].id, 100 + i), "2024-01-01", 100);
      if (i % 5 == 0) store_.leave(c, id, "2025-01-01");
    }
    // a renamed employer: its guards carry the new name, the old one matches nothing any more
    store_.followEmployer(c, {"company", 2, "秦安保安服务集团", 7, "/1/2/4/7/"});
  });
  expectCountsKept();
  const core::DataScope city = subtrees({"/1/2/"});
  const core::DataScope custom = subtrees({"/1/2/4/7/", "/1/3/"});
  for (long long employer : {1LL, 2LL, 5LL, 150LL, 999LL}) {
    const std::string what = "employer " + std::to_string(employer);
    GuardFilter f;
    f.employerKind = "company";
    f.employerId = employer;
    expectSameList(f, nullptr, what);
    expectSameList(f, city, what + " city");
    f.employed = true;
    expectSameList(f, nullptr, what + " employed");
    f.employed = false;
    expectSameList(f, nullptr, what + " left");
    f.employed.reset();
    f.name = "张伟";
    expectSameList(f, nullptr, what + " name 张伟");
    f.employerKind = "inhouse";
    f.name.clear();
    expectSameList(f, nullptr, what + " as an in-house unit");
  }
  // sortedNameHits 0: every part matching at most 200 names takes the page bounded by the largest names' walks.
  for (const long long sortedNameHits : {5000LL, 0LL})
  for (const std::string part : {"公司1", "公司", "司3", "秦安", "公司2", "无此公司", "%", "_"}) {
    store_.limits.sortedNameHits = sortedNameHits;
    for (const auto& [where, scope] :
         std::vector<std::pair<std::string, core::DataScope>>{{"all", all()}, {"city", city}, {"custom", custom}}) {
      const std::string what = where + " sortedNameHits " + std::to_string(sortedNameHits);
      GuardFilter f;
      f.companyName = part;
      expectSameList(f, scope, what + " companyName=" + part);
      f.employed = true;
      expectSameList(f, scope, what + " employed companyName=" + part);
      f.employed.reset();
      f.name = "李";
      expectSameList(f, scope, what + " name 李 companyName=" + part);
    }
  }
}

TEST_F(GuardStoreTest, PartsOfIdNumbersAndMobilesFindWhatContainsThem) {
  populate(300, 4);
  std::mt19937 rng(5);
  const auto guards = allGuards();
  for (int i = 0; i < 60; ++i) {
    const Guard& g = guards[rng() % guards.size()];
    GuardFilter f;
    const bool byId = i % 2 == 0;
    const std::string& value = byId ? g.idNo : g.mobile;
    const std::size_t len = 3 + rng() % (value.size() - 3);  // 3 … full length - 1: always a part
    const std::string part = value.substr(rng() % (value.size() - len + 1), len);
    (byId ? f.idNo : f.mobile) = part;
    expectSameList(f, all(), (byId ? "idNo=" : "mobile=") + part);
    expectSameList(f, subtrees({"/1/2/"}), (byId ? "city idNo=" : "city mobile=") + part);
  }
  // the last characters of an ID number, an X among them, and a part nobody has
  for (const std::string& part : {guards[0].idNo.substr(14), guards[1].idNo.substr(12), std::string("99999999")}) {
    GuardFilter f;
    f.idNo = part;
    expectSameList(f, all(), "idNo=" + part);
  }
  for (const auto& g : guards)
    if (g.idNo.back() == 'X') {
      GuardFilter f;
      f.idNo = g.idNo.substr(13);
      expectSameList(f, all(), "idNo=" + f.idNo);
      break;
    }
}

TEST_F(GuardStoreTest, PiecesOfAPartAreItsConsecutiveSixCharacterRuns) {
  EXPECT_EQ(GuardStore::piecesQuery("id_no", "6330"), "id_no : \"6330\" *");
  EXPECT_EQ(GuardStore::piecesQuery("id_no", "196902"), "id_no : \"196902\" *");
  EXPECT_EQ(GuardStore::piecesQuery("mobile", "19690212"), "mobile : \"196902 969021 690212\"");
}

TEST_F(GuardStoreTest, BulkInsertIsLikeOneByOne) {
  std::vector<industry::NewGuard> batch;
  for (int i = 0; i < 250; ++i) {
    GuardPerson p;
    p.idNo = "6104" + std::to_string(10000000000000LL + i);
    p.mobile = "139" + std::to_string(10000000 + i);
    p.name = "批量" + std::to_string(i);
    p.gender = i % 2 ? "male" : "female";
    p.birthDate = "1990-01-01";
    p.ethnicity = "汉族";
    batch.push_back({p, "2024-05-01"});
  }
  db_->write([&](Conn& c) { store_.insertMany(c, batch, employerAt(7, 4), 55); });
  db_->read([&](Conn& c) {
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM guards WHERE employer_id = 4 AND org_id = 7 AND org_l4 = 7 AND employed = 1 "
                             "AND hired_on = '2024-05-01' AND created_by = 55 AND ethnicity = '汉族'")),
              250);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM employments e JOIN guards g ON g.id = e.guard_id WHERE e.left_on IS NULL "
                             "AND e.hired_on = '2024-05-01' AND e.employer_id = 4")),
              250);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM guard_changes x JOIN guards g ON g.id = x.guard_id WHERE x.change = 'create'")), 250);
  });
  expectCountsKept();
  GuardFilter f;
  f.mobile = "1391000024";
  expectSameList(f, all(), "a bulk-inserted mobile is searchable");
}

// 实名认证 / App 初始化 (modules/industry/real_name.h): the guard row follows the person account of its ID
// number and name, whichever way the row is written (one by one, in bulk, renamed) and whenever the
// account changes (industry::personAccountChanged).
TEST_F(GuardStoreTest, RealNameFollowsThePersonAccountOfTheIdNumberAndName) {
  auto person = [](const std::string& idNo, const std::string& name) {
    GuardPerson p;
    p.idNo = idNo;
    p.name = name;
    p.mobile = "13900000000";
    p.gender = "male";
    p.birthDate = "1990-01-01";
    return p;
  };
  auto account = [](Conn& c, const std::string& idNo, const std::string& name, const char* unitKind, long long logins) {
    c.exec(Query("INSERT INTO users (account, password_hash, kind, name, is_police, id_no, gender, birth_date, mobile, org_id, "
                 "org_path, unit_kind, login_count, created_at, updated_at) VALUES (?, 'x', 'applicant', ?, 0, ?, 'male', "
                 "'1990-01-01', '13900000000', 1, '/1/', ?, ?, 0, 0)",
                 idNo, name, idNo, std::string(unitKind), logins));
  };
  auto state = [&](const std::string& idNo) {
    return db_->read([&](Conn& c) {
      auto r = c.queryOne(Query("SELECT real_name_verified, app_initialized FROM guards WHERE id_no = ?", idNo));
      return std::make_pair(r->boolean("real_name_verified"), r->boolean("app_initialized"));
    });
  };
  db_->write([&](Conn& c) {
    account(c, "610404199001010011", "张伟", "person", 0);    // verified, never signed in
    account(c, "610404199001010022", "李娜", "person", 3);    // verified and signed in
    account(c, "610404199001010033", "王立新", "person", 1);  // the same ID number under another name
    account(c, "610404199001010044", "赵四", "company", 1);   // not a person account
    store_.insert(c, person("610404199001010011", "张伟"), employerAt(4), "2024-01-01", 1);
    store_.insertMany(c, {{person("610404199001010022", "李娜"), "2024-01-01"}, {person("610404199001010033", "王立"), "2024-01-01"},
                          {person("610404199001010044", "赵四"), "2024-01-01"}, {person("610404199001010055", "钱五"), "2024-01-01"}},
                      employerAt(5), 1);
  });
  EXPECT_EQ(state("610404199001010011"), std::make_pair(true, false));
  EXPECT_EQ(state("610404199001010022"), std::make_pair(true, true));
  EXPECT_EQ(state("610404199001010033"), std::make_pair(false, false)) << "another name is not the guard";
  EXPECT_EQ(state("610404199001010044"), std::make_pair(false, false)) << "only a person account verifies";
  EXPECT_EQ(state("610404199001010055"), std::make_pair(false, false)) << "no account";

  // The first sign-in (the account changes, then the projection runs) and a person signing up late.
  db_->write([&](Conn& c) {
    c.exec(Query("UPDATE users SET login_count = 1 WHERE account = '610404199001010011'"));
    industry::personAccountChanged(c, "610404199001010011");
    account(c, "610404199001010055", "钱五", "person", 0);
    industry::personAccountChanged(c, "610404199001010055");
  });
  EXPECT_EQ(state("610404199001010011"), std::make_pair(true, true));
  EXPECT_EQ(state("610404199001010055"), std::make_pair(true, false));

  // A rename away from the account's name loses it; the account's name again restores it.
  const long long id = db_->read([](Conn& c) { return c.scalar(Query("SELECT id FROM guards WHERE id_no = '610404199001010022'")); });
  db_->write([&](Conn& c) { store_.updatePerson(c, id, person("610404199001010022", "李娜娜")); });
  EXPECT_EQ(state("610404199001010022"), std::make_pair(false, false));
  db_->write([&](Conn& c) { store_.updatePerson(c, id, person("610404199001010022", "李娜")); });
  EXPECT_EQ(state("610404199001010022"), std::make_pair(true, true));
}
