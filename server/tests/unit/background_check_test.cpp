// The background check: the circuit breaker on a fake clock, the local provider on a watch list, the
// HTTP provider against a local server that checks the signature, answers pass and hit, times out,
// answers 500 and answers garbage; the [background_check] config; and BackgroundCheckService on a
// real SQLite database (run records every result outside a transaction, latest, allPassed, the JSON).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "adapters/background_check/background_check_provider.h"
#include "adapters/sms/crypto_util.h"
#include "adapters/sms/sms_gateway.h"
#include "app/config.h"
#include "app/context.h"
#include "core/clock.h"
#include "core/validation.h"
#include "db/db.h"
#include "db/migrations.h"
#include "local_http_server.h"
#include "modules/background/background_check_service.h"
#include "modules/background/watch_list_store.h"
#include "test_files.h"

using namespace baoan;
using namespace baoan::background_check;
using baoan::test_http::LocalHttpServer;
using nlohmann::json;
using Verdict = baoan::background_check::Answer;
using Reply = baoan::test_http::Answer;

namespace {

// Valid GB 11643 numbers for the tests.
std::string idNumber(int seq) {
  char s[4];
  std::snprintf(s, sizeof s, "%03d", seq % 1000);
  const std::string first17 = std::string("61040419900101") + s;
  return first17 + core::idNumberCheckChar(first17);
}

// ---------------------------------------------------------------------------------------------------
// The circuit breaker.

struct FakeClock {
  std::atomic<long long> now{1000000};
  Clock fn() {
    return [this] { return now.load(); };
  }
};

TEST(CircuitBreaker, OpensAfterNFailuresInARowAndLetsOneTrialThroughAfterTheCooldown) {
  FakeClock clock;
  CircuitBreaker b(3, 60000, clock.fn());
  EXPECT_EQ(b.state(), CircuitBreaker::State::closed);
  b.failure();
  b.failure();
  EXPECT_TRUE(b.allow()) << "two failures: still closed";
  b.success();  // a success in between starts the count again
  b.failure();
  b.failure();
  EXPECT_TRUE(b.allow());
  b.failure();
  EXPECT_EQ(b.state(), CircuitBreaker::State::open);
  EXPECT_FALSE(b.allow());
  EXPECT_EQ(b.msUntilRetry(), 60000);
  clock.now += 59999;
  EXPECT_FALSE(b.allow()) << "not before the cool-down is over";
  EXPECT_EQ(b.msUntilRetry(), 1);
  clock.now += 1;
  EXPECT_EQ(b.state(), CircuitBreaker::State::halfOpen);
  EXPECT_TRUE(b.allow()) << "one trial";
  EXPECT_FALSE(b.allow()) << "only one trial at a time";
  b.failure();
  EXPECT_EQ(b.state(), CircuitBreaker::State::open) << "a failed trial opens it for another cool-down";
  EXPECT_FALSE(b.allow());
  clock.now += 60000;
  EXPECT_TRUE(b.allow());
  b.success();
  EXPECT_EQ(b.state(), CircuitBreaker::State::closed);
  EXPECT_TRUE(b.allow());
  EXPECT_TRUE(b.allow());
  b.failure();
  b.failure();
  EXPECT_TRUE(b.allow()) << "closed again: the count started over";
}

TEST(CircuitBreaker, ConcurrentCallersGetExactlyOneTrial) {
  FakeClock clock;
  CircuitBreaker b(1, 1000, clock.fn());
  b.failure();
  clock.now += 1000;
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([&] { allowed += b.allow() ? 1 : 0; });
  for (auto& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 1);
}

// ---------------------------------------------------------------------------------------------------
// The local provider.

TEST(BgLocalProvider, HitsTheDatabasesThePersonIsListedInAndPassesTheOthers) {
  const std::string listed = idNumber(1);
  auto p = makeLocalProvider([&](const std::string& idNo) {
    std::vector<WatchHit> out;
    if (idNo == listed) {
      out.push_back({"fugitive", "张三", "网上追逃", "公安部通报"});
      out.push_back({"drug", "张三丰", "吸毒史", ""});
    }
    return out;
  });
  const auto dbs = defaultDatabases();
  const auto answers = p->checkAll({listed, "张三"}, dbs);
  ASSERT_EQ(answers.size(), 4u);
  EXPECT_EQ(answers[0].result, Result::hit);
  EXPECT_EQ(answers[0].detail, "命中全国在逃人员信息库:网上追逃(来源:公安部通报)");
  EXPECT_EQ(answers[1].result, Result::pass);
  EXPECT_EQ(answers[1].detail, "未命中");
  EXPECT_EQ(answers[2].result, Result::hit);
  EXPECT_EQ(answers[2].detail, "命中全国吸毒人员信息库:吸毒史(名单姓名:张三丰)");
  EXPECT_EQ(answers[3].result, Result::pass);
  EXPECT_EQ(p->check({idNumber(2), "李四"}, dbs[0]).result, Result::pass);
}

TEST(BgLocalProvider, AFailedLookupIsAnErrorNeverAPass) {
  auto p = makeLocalProvider([](const std::string&) -> std::vector<WatchHit> { throw std::runtime_error("db down"); });
  for (const auto& a : p->checkAll({idNumber(3), "王五"}, defaultDatabases())) {
    EXPECT_EQ(a.result, Result::error);
    EXPECT_EQ(a.detail, "名单库查询失败,请稍后重试");
  }
}

// ---------------------------------------------------------------------------------------------------
// The HTTP provider against a local server.

Settings httpSettings(const std::string& url) {
  Settings s;
  s.provider = "http";
  s.http.url = url;
  s.http.secret = "Bg-Secret-77";
  s.http.appId = "xy-zaj";
  s.http.extra = {{"system", "baoan"}};
  s.http.detailField = "data.detail";
  s.databases[0].remote = "ZTRY";
  s.connectTimeoutMs = 1000;
  s.timeoutMs = 1500;
  s.maxAttempts = 3;
  s.retryDelayMs = 10;
  s.breakerFailures = 100;
  return s;
}

bool signatureOk(const test_http::Request& r, const std::string& secret) {
  auto ts = r.headers.find("x-timestamp");
  auto sig = r.headers.find("x-signature");
  if (ts == r.headers.end() || sig == r.headers.end()) return false;
  return sig->second == sms::hex(sms::hmacSha256(secret, ts->second + "\n" + r.body));
}

// A police interface: checks the signature; hit for ID numbers it lists, pass for the rest.
Reply policeAnswer(const test_http::Request& r, const std::set<std::string>& listed) {
  if (!signatureOk(r, "Bg-Secret-77")) return {401, R"({"message":"签名错误"})"};
  const json body = json::parse(r.body);
  if (listed.count(body["idNo"].get<std::string>()))
    return {200, R"({"result":"hit","data":{"detail":"网上追逃,立案单位某某县公安局"}})"};
  return {200, R"({"result":"pass"})"};
}

TEST(BgHttpProvider, SignsTheRequestAndReadsPassAndHit) {
  const std::string listed = idNumber(10);
  LocalHttpServer server([&](const test_http::Request& r) { return policeAnswer(r, {listed}); });
  auto p = makeHttpProvider(httpSettings(server.url("/check")));
  const auto dbs = defaultDatabases();
  Verdict a = p->check({listed, "赵六"}, httpSettings("").databases[0]);
  EXPECT_EQ(a.result, Result::hit) << a.detail;
  EXPECT_EQ(a.detail, "命中全国在逃人员信息库:网上追逃,立案单位某某县公安局");
  a = p->check({idNumber(11), "钱七"}, dbs[1]);
  EXPECT_EQ(a.result, Result::pass) << a.detail;
  EXPECT_EQ(a.detail, "未命中");
  const auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].target, "/check");
  EXPECT_EQ(reqs[0].headers.at("x-app-id"), "xy-zaj");
  const json first = json::parse(reqs[0].body);
  EXPECT_EQ(first["idNo"], listed);
  EXPECT_EQ(first["name"], "赵六");
  EXPECT_EQ(first["database"], "ZTRY") << "the database's remote code";
  EXPECT_EQ(first["system"], "baoan");
  EXPECT_EQ(first["requestId"].get<std::string>().rfind("baoan-bg-", 0), 0u);
  EXPECT_EQ(json::parse(reqs[1].body)["database"], "criminal") << "no remote code: ours";
  EXPECT_EQ(reqs[0].body.find("Bg-Secret-77"), std::string::npos);
}

TEST(BgHttpProvider, AWrongSecretIsAnErrorAndNotRetried) {
  LocalHttpServer server([](const test_http::Request& r) {
    if (!signatureOk(r, "another")) return Reply{401, R"({"message":"签名错误"})"};
    return Reply{200, R"({"result":"pass"})"};
  });
  const Verdict a = makeHttpProvider(httpSettings(server.url()))->check({idNumber(12), "孙八"}, defaultDatabases()[0]);
  EXPECT_EQ(a.result, Result::error);
  EXPECT_EQ(a.detail, "背景审查接口 HTTP 401: 签名错误");
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(BgHttpProvider, A500IsRetriedThenAnError) {
  LocalHttpServer server([](const test_http::Request&) { return Reply{500, R"({"message":"内部错误"})"}; });
  const Verdict a = makeHttpProvider(httpSettings(server.url()))->check({idNumber(13), "周九"}, defaultDatabases()[0]);
  EXPECT_EQ(a.result, Result::error);
  EXPECT_EQ(a.detail, "背景审查接口 HTTP 500: 内部错误(已尝试 3 次)");
  EXPECT_EQ(server.requests().size(), 3u) << "bounded: max_attempts";
  // The same request id on every attempt of one check.
  const auto reqs = server.requests();
  EXPECT_EQ(json::parse(reqs[0].body)["requestId"], json::parse(reqs[2].body)["requestId"]);
}

TEST(BgHttpProvider, A500ThenAnAnswerPasses) {
  std::atomic<int> n{0};
  LocalHttpServer server([&](const test_http::Request&) {
    return ++n == 1 ? Reply{503, "<html>busy</html>", 0, "text/html"} : Reply{200, R"({"result":"pass"})"};
  });
  const Verdict a = makeHttpProvider(httpSettings(server.url()))->check({idNumber(14), "吴十"}, defaultDatabases()[2]);
  EXPECT_EQ(a.result, Result::pass) << a.detail;
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(BgHttpProvider, ATimeoutIsRetriedWithinBoundsThenAnError) {
  LocalHttpServer server([](const test_http::Request&) { return Reply{200, R"({"result":"pass"})", 2000}; });
  auto s = httpSettings(server.url());
  s.timeoutMs = 200;
  s.maxAttempts = 2;
  const auto t0 = std::chrono::steady_clock::now();
  const Verdict a = makeHttpProvider(s)->check({idNumber(15), "郑一"}, defaultDatabases()[0]);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(a.result, Result::error) << "a timeout never counts as a pass";
  EXPECT_EQ(a.detail, "背景审查接口超时未应答(已尝试 2 次)");
  EXPECT_LT(ms, 1500) << "two attempts of 200 ms, not the server's 2 s each";
}

TEST(BgHttpProvider, GarbageIsAnError) {
  struct Case {
    Reply answer;
    std::string detail;
  };
  const std::vector<Case> cases = {
      {{200, "OK", 0, "text/plain"}, "背景审查接口的应答无法识别(不是 JSON 对象,HTTP 200)(已尝试 3 次)"},
      {{200, "[1,2]"}, "背景审查接口的应答无法识别(不是 JSON 对象,HTTP 200)(已尝试 3 次)"},
      {{200, R"({"result":"maybe","message":"查询中"})"}, "背景审查接口的应答无法识别(result=maybe): 查询中"},
      {{200, R"({"data":{}})"}, "背景审查接口的应答无法识别(result=空)"},
      {{200, R"({"result":"hit","data":{"detail":"key Bg-Secret-77 \u0001 leaked"}})"}, ""},
  };
  for (const auto& c : cases) {
    LocalHttpServer server([&](const test_http::Request&) { return c.answer; });
    const Verdict a = makeHttpProvider(httpSettings(server.url()))->check({idNumber(16), "冯二"}, defaultDatabases()[0]);
    if (c.detail.empty()) {
      EXPECT_EQ(a.result, Result::hit);
      EXPECT_EQ(a.detail, "命中全国在逃人员信息库:key ***   leaked") << "the secret scrubbed, control characters blanked";
      continue;
    }
    EXPECT_EQ(a.result, Result::error) << c.answer.body;
    EXPECT_EQ(a.detail, c.detail);
  }
}

TEST(BgHttpProvider, NoConnectionIsAnErrorWithoutTheAddress) {
  std::string url;
  {
    LocalHttpServer gone([](const test_http::Request&) { return Reply{}; });
    url = gone.url();
  }
  auto s = httpSettings(url);
  s.maxAttempts = 1;
  const Verdict a = makeHttpProvider(s)->check({idNumber(17), "陈三"}, defaultDatabases()[0]);
  EXPECT_EQ(a.result, Result::error);
  EXPECT_EQ(a.detail, "无法连接背景审查接口");
}

TEST(BgHttpProvider, TheBreakerAnswersErrorAtOnceWhileOpenThenTriesAgain) {
  std::atomic<bool> healthy{false};
  LocalHttpServer server([&](const test_http::Request&) {
    return healthy ? Reply{200, R"({"result":"pass"})"} : Reply{500, R"({"message":"down"})"};
  });
  FakeClock clock;
  auto s = httpSettings(server.url());
  s.maxAttempts = 2;
  s.breakerFailures = 3;
  s.breakerCooldownSeconds = 30;
  auto p = makeHttpProvider(s, clock.fn());
  const auto db = defaultDatabases()[0];
  EXPECT_EQ(p->check({idNumber(20), "甲"}, db).result, Result::error);  // failures 1, 2
  Verdict a = p->check({idNumber(21), "乙"}, db);                        // failure 3: open; no second attempt
  EXPECT_EQ(a.result, Result::error);
  EXPECT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(a.detail, "背景审查接口连续失败,已暂停调用,约 30 秒后恢复,请稍后重新审查");
  healthy = true;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(p->check({idNumber(22), "丙"}, db).result, Result::error);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(100)) << "at once";
  EXPECT_EQ(server.requests().size(), 3u) << "no request while open";
  clock.now += 30000;
  a = p->check({idNumber(23), "丁"}, db);
  EXPECT_EQ(a.result, Result::pass) << a.detail;
  EXPECT_EQ(server.requests().size(), 4u);
  EXPECT_EQ(p->check({idNumber(24), "戊"}, db).result, Result::pass) << "closed again";
}

// ---------------------------------------------------------------------------------------------------
// Settings.

TEST(BackgroundCheckConfig, ReadsTheTableAndChecksIt) {
  test_files::TempFile f("bg.toml");
  std::ofstream(f.str()) << R"(
db = "sqlite3://db=x.db"
[background_check]
provider = "http"
timeout_ms = 4000
max_attempts = 3
breaker_failures = 7
breaker_cooldown_seconds = 120
concurrency = 6
[[background_check.databases]]
code = "fugitive"
name = "全国在逃人员信息库"
remote = "ZTRY"
[[background_check.databases]]
code = "criminal"
name = "全国违法犯罪人员信息库"
[background_check.http]
url = "https://bg.example.gov.cn/api/check"
secret = "from-file"
result_field = "data.result"
pass_values = ["0", "pass"]
hit_values = ["1"]
extra = { channel = "xy" }
)";
  app::Config cfg;
  EXPECT_EQ(cfg.backgroundCheck.provider, "local") << "the default";
  EXPECT_EQ(cfg.backgroundCheck.databases.size(), 4u);
  app::loadConfigFile(f.str(), cfg);
  const Settings& s = cfg.backgroundCheck;
  EXPECT_EQ(s.provider, "http");
  EXPECT_EQ(s.timeoutMs, 4000);
  EXPECT_EQ(s.maxAttempts, 3);
  EXPECT_EQ(s.breakerFailures, 7);
  EXPECT_EQ(s.breakerCooldownSeconds, 120);
  EXPECT_EQ(s.concurrency, 6);
  ASSERT_EQ(s.databases.size(), 2u);
  EXPECT_EQ(s.databases[0].remote, "ZTRY");
  EXPECT_EQ(s.databases[1].name, "全国违法犯罪人员信息库");
  EXPECT_EQ(s.http.resultField, "data.result");
  EXPECT_EQ(s.http.passValues, (std::vector<std::string>{"0", "pass"}));
  EXPECT_EQ(s.http.extra.at("channel"), "xy");
  EXPECT_NO_THROW(validate(s));
  ::setenv("BAOAN_BGCHECK_HTTP_SECRET", "from-env", 1);
  app::applyEnvironment(cfg);
  ::unsetenv("BAOAN_BGCHECK_HTTP_SECRET");
  EXPECT_EQ(cfg.backgroundCheck.http.secret, "from-env");
}

TEST(BackgroundCheckConfig, ErrorsNameTheKeyNeverTheValue) {
  auto errorOf = [](const std::string& toml) {
    test_files::TempFile f("bgbad.toml");
    std::ofstream(f.str()) << toml;
    app::Config cfg;
    try {
      app::loadConfigFile(f.str(), cfg);
      validate(cfg.backgroundCheck);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  std::string e = errorOf("[background_check.http]\nsecret = 12345678\n");
  EXPECT_NE(e.find("background_check.http.secret must be a string"), std::string::npos) << e;
  EXPECT_EQ(e.find("12345678"), std::string::npos) << e;
  e = errorOf("[background_check]\nprovider = \"http\"\n[background_check.http]\nurl = \"https://x\"\n");
  EXPECT_NE(e.find("BAOAN_BGCHECK_HTTP_SECRET"), std::string::npos) << e;
  e = errorOf("[background_check]\nprovider = \"http\"\n[background_check.http]\nurl = \"ftp://x\"\nsecret = \"S3cr3t\"\n");
  EXPECT_NE(e.find("http.url"), std::string::npos) << e;
  EXPECT_EQ(e.find("S3cr3t"), std::string::npos) << e;
  e = errorOf("[background_check]\nprovider = \"oracle\"\n");
  EXPECT_NE(e.find("provider"), std::string::npos) << e;
  e = errorOf("[[background_check.databases]]\ncode = \"a\"\nname = \"A\"\n[[background_check.databases]]\ncode = \"a\"\nname = \"B\"\n");
  EXPECT_NE(e.find("listed twice"), std::string::npos) << e;
  e = errorOf("[[background_check.databases]]\ncode = \"Bad Code\"\nname = \"A\"\n");
  EXPECT_NE(e.find("code must be"), std::string::npos) << e;
  e = errorOf("[background_check]\nmax_attempts = 0\n");
  EXPECT_NE(e.find("max_attempts"), std::string::npos) << e;
  e = errorOf("[background_check]\nbreaker = 3\n");
  EXPECT_NE(e.find("background_check.breaker is not a known key"), std::string::npos) << e;
  EXPECT_EQ(errorOf("db = \"x\"\n"), "") << "no [background_check]: the local provider";
}

// ---------------------------------------------------------------------------------------------------
// BackgroundCheckService on a real SQLite database.

// Answers from a script per (ID number, database); counts the calls and whether any ran inside a
// write transaction (SQLite: a second writer would block — here we check the service's order instead).
class ScriptedProvider : public Provider {
 public:
  explicit ScriptedProvider(int concurrency = 1) : concurrency_(concurrency) {}
  const char* name() const override { return "scripted"; }
  int concurrency() const override { return concurrency_; }
  Verdict check(const Person& p, const Database& db) override {
    std::lock_guard<std::mutex> l(mu_);
    ++calls;
    seenThreads.insert(std::this_thread::get_id());
    if (auto it = script.find(p.idNo + "/" + db.code); it != script.end()) return it->second;
    return {Result::pass, "未命中"};
  }
  std::map<std::string, Verdict> script;
  int calls = 0;
  std::set<std::thread::id> seenThreads;

 private:
  int concurrency_;
  std::mutex mu_;
};

class BackgroundServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("baoan_bg_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".db");
    removeFiles();
    db_ = std::make_unique<db::Database>("sqlite3://db=" + path_.string(), 4);
    db::migrate(*db_);
    sms_ = sms::makeLocalGateway();
    ctx_ = std::make_unique<app::Context>(app::Context{*db_, *sms_, cfg_});
    officer_.userId = 42;
    officer_.name = "王建国";
    officer_.account = "xy_jb";
    officer_.orgPath = "/1/";
    orgId_ = db_->write([](db::Conn& c) {
      return c.insert(db::Query("INSERT INTO orgs (parent_id, path, level, name, region_code, type, sort_order, created_at, updated_at) "
                                "VALUES (NULL, '/1/', 1, '陕西省公安厅', '610000', 'province_dept', 1, 0, 0)"));
    });
  }
  void TearDown() override {
    ctx_.reset();
    db_.reset();
    removeFiles();
  }
  void removeFiles() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_.string() + suffix, ec);
  }
  void list(const std::string& idNo, const std::string& name, const std::string& database, const std::string& situation) {
    db_->write([&](db::Conn& c) {
      background::WatchListStore().insert(c, {idNo, name, database, situation, std::string("测试")}, orgId_, "/1/", 0, 1);
    });
  }
  long long count(const std::string& sql) {
    return db_->read([&](db::Conn& c) { return c.scalar(db::Query(sql)); });
  }
  core::Actor actor() { return {officer_, "127.0.0.1", "req-1"}; }

  std::filesystem::path path_;
  app::Config cfg_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<sms::Gateway> sms_;
  std::unique_ptr<app::Context> ctx_;
  core::Principal officer_;
  long long orgId_ = 0;
};

TEST_F(BackgroundServiceTest, TheLocalProviderChecksEveryPersonOnEveryDatabaseAndRecordsEachResult) {
  const std::string legal = idNumber(100), manager = idNumber(101);
  list(manager, "李四", "drug", "吸毒史");
  background::BackgroundCheckService svc(*ctx_);  // the configured (local) provider
  EXPECT_STREQ(svc.provider().name(), "local");
  const auto results = svc.run(actor(), "application", 7, {{legal, "张三", "法定代表人"}, {manager, "李四", "主要管理人员"}});
  ASSERT_EQ(results.size(), 8u);
  const std::vector<std::string> order = {"fugitive", "criminal", "drug", "key_person"};
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(results[i].database, order[i % 4]);
    EXPECT_EQ(results[i].idNo, i < 4 ? legal : manager);
    EXPECT_EQ(results[i].role, i < 4 ? "法定代表人" : "主要管理人员");
    EXPECT_EQ(results[i].checkedByName, "王建国");
    EXPECT_EQ(results[i].checkedBy, 42);
    EXPECT_EQ(results[i].result, i == 6 ? "hit" : "pass") << i;
  }
  EXPECT_EQ(results[6].detail, "命中全国吸毒人员信息库:吸毒史(来源:测试)");
  EXPECT_EQ(results[4].databaseName, "全国在逃人员信息库");
  EXPECT_EQ(count("SELECT COUNT(*) FROM background_checks WHERE subject_kind = 'application' AND subject_id = 7"), 8);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_logs WHERE action = 'background_check' AND target_type = 'application' "
                   "AND target_id = '7' AND summary = '背景审查 2 人 × 4 库:通过 7 项,命中 1 项,错误 0 项'"),
            1);
  EXPECT_FALSE(svc.allPassed("application", 7, {{legal, "张三", ""}, {manager, "李四", ""}}));
  EXPECT_TRUE(svc.allPassed("application", 7, {{legal, "张三", ""}})) << "the legal person alone passed all four";
  EXPECT_FALSE(svc.allPassed("application", 8, {{legal, "张三", ""}})) << "another subject was never checked";
}

TEST_F(BackgroundServiceTest, AnErrorNeverCountsAsAPassAndTheLatestResultCounts) {
  const std::string a = idNumber(110), b = idNumber(111);
  auto provider = std::make_shared<ScriptedProvider>();
  provider->script[b + "/key_person"] = {Result::error, "背景审查接口超时未应答"};
  background::BackgroundCheckService svc(*ctx_, provider);
  const std::vector<background::Person> persons = {{a, "甲", "法定代表人"}, {b, "乙", "主要管理人员"}};
  svc.run(actor(), "application", 9, persons);
  EXPECT_FALSE(svc.allPassed("application", 9, persons));
  auto latest = svc.latest("application", 9);
  ASSERT_EQ(latest.size(), 8u);
  EXPECT_EQ(latest[7].result, "error");
  EXPECT_EQ(latest[7].detail, "背景审查接口超时未应答");

  // Run again once the service answers: the latest results all pass.
  provider->script.clear();
  svc.run(actor(), "application", 9, persons);
  EXPECT_TRUE(svc.allPassed("application", 9, persons));
  latest = svc.latest("application", 9);
  ASSERT_EQ(latest.size(), 8u) << "one per person and database, not per run";
  EXPECT_EQ(latest[0].idNo, a);
  EXPECT_EQ(latest[0].database, "fugitive");
  EXPECT_EQ(latest[7].idNo, b);
  EXPECT_EQ(latest[7].database, "key_person");
  EXPECT_EQ(latest[7].result, "pass");
  EXPECT_EQ(count("SELECT COUNT(*) FROM background_checks WHERE subject_id = 9"), 16) << "the history is kept";

  // A later hit turns it back.
  provider->script[a + "/criminal"] = {Result::hit, "命中全国违法犯罪人员信息库:故意犯罪"};
  svc.run(actor(), "application", 9, {persons[0]});
  EXPECT_FALSE(svc.allPassed("application", 9, persons));
  // A person who was not checked, or checked under another name, has not passed.
  provider->script.clear();
  svc.run(actor(), "application", 9, persons);
  EXPECT_TRUE(svc.allPassed("application", 9, persons));
  EXPECT_FALSE(svc.allPassed("application", 9, {persons[0], persons[1], {idNumber(112), "丙", ""}}));
  EXPECT_FALSE(svc.allPassed("application", 9, {{a, "甲改名", ""}}));
  EXPECT_FALSE(svc.allPassed("application", 9, {})) << "nothing checked is not a pass";
  // Lower-case x and spaces are the same person.
  EXPECT_TRUE(svc.allPassed("application", 9, {{" " + a + " ", "甲", ""}}));
}

TEST_F(BackgroundServiceTest, AnInvalidIdNumberIsAnErrorWithoutAskingTheProvider) {
  auto provider = std::make_shared<ScriptedProvider>();
  background::BackgroundCheckService svc(*ctx_, provider);
  std::string bad = idNumber(120);
  bad.back() = bad.back() == '1' ? '2' : '1';  // wrong check character
  const auto results = svc.run(actor(), "guard", 3, {{bad, "错号", "保安员"}});
  ASSERT_EQ(results.size(), 4u);
  for (const auto& r : results) {
    EXPECT_EQ(r.result, "error");
    EXPECT_EQ(r.detail.rfind("身份证号", 0), 0u) << r.detail;
  }
  EXPECT_EQ(provider->calls, 0);
  EXPECT_FALSE(svc.allPassed("guard", 3, {{bad, "错号", ""}}));
}

TEST_F(BackgroundServiceTest, ASlowProviderIsAskedInParallelAndNotInsideATransaction) {
  // The provider takes a write lock's worth of time: if run() held a transaction, this write from
  // another thread would wait for all checks; it must not.
  class SlowProvider : public ScriptedProvider {
   public:
    explicit SlowProvider(db::Database& db) : ScriptedProvider(4), db_(db) {}
    Verdict check(const Person& p, const Database& d) override {
      db_.write([](db::Conn& c) { c.exec(db::Query("INSERT INTO audit_logs (at, action, target_type) VALUES (0, 'probe', 'x')")); });
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      return ScriptedProvider::check(p, d);
    }
    db::Database& db_;
  };
  auto provider = std::make_shared<SlowProvider>(*db_);
  background::BackgroundCheckService svc(*ctx_, provider);
  std::vector<background::Person> persons;
  for (int i = 0; i < 4; ++i) persons.push_back({idNumber(130 + i), "人" + std::to_string(i), ""});
  const auto t0 = std::chrono::steady_clock::now();
  const auto results = svc.run(actor(), "application", 11, persons);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(results.size(), 16u);
  EXPECT_EQ(provider->calls, 16);
  EXPECT_GT(provider->seenThreads.size(), 1u);
  EXPECT_LT(ms, 16 * 50) << "in parallel";
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_logs WHERE action = 'probe'"), 16);
  EXPECT_TRUE(svc.allPassed("application", 11, persons));
  // Results come back in the persons' order whatever order the threads finished in.
  for (std::size_t i = 0; i < results.size(); ++i) EXPECT_EQ(results[i].idNo, persons[i / 4].idNo);
}

TEST_F(BackgroundServiceTest, AProviderThatThrowsGivesErrorsNotAFailedRequest) {
  class Throwing : public ScriptedProvider {
   public:
    explicit Throwing(int concurrency) : ScriptedProvider(concurrency) {}
    Verdict check(const Person&, const Database&) override { throw std::runtime_error("boom"); }
  };
  for (int concurrency : {1, 3}) {
    background::BackgroundCheckService svc(*ctx_, std::make_shared<Throwing>(concurrency));
    const std::vector<background::Person> persons = {{idNumber(150), "甲", ""}, {idNumber(151), "乙", ""}};
    const auto results = svc.run(actor(), "application", 20 + concurrency, persons);
    ASSERT_EQ(results.size(), 8u);
    for (const auto& r : results) {
      EXPECT_EQ(r.result, "error");
      EXPECT_EQ(r.detail, "背景审查失败,请稍后重试");
    }
    EXPECT_FALSE(svc.allPassed("application", 20 + concurrency, persons));
  }
}

TEST_F(BackgroundServiceTest, ChecksJsonMasksIdNumbersUnlessFull) {
  auto provider = std::make_shared<ScriptedProvider>();
  const std::string a = idNumber(140);
  provider->script[a + "/fugitive"] = {Result::hit, "命中全国在逃人员信息库:网上追逃"};
  background::BackgroundCheckService svc(*ctx_, provider);
  svc.run(actor(), "application", 12, {{a, "甲", "法定代表人"}});
  const json masked = background::BackgroundCheckService::checksJson(svc.latest("application", 12), false);
  ASSERT_EQ(masked["checks"].size(), 4u);
  const json& first = masked["checks"][0];
  EXPECT_EQ(first["database"], "fugitive");
  EXPECT_EQ(first["databaseName"], "全国在逃人员信息库");
  EXPECT_EQ(first["idNo"], core::maskIdNumber(a));
  EXPECT_EQ(first["name"], "甲");
  EXPECT_EQ(first["result"], "hit");
  EXPECT_EQ(first["detail"], "命中全国在逃人员信息库:网上追逃");
  EXPECT_EQ(first["checkedBy"], "王建国");
  EXPECT_TRUE(core::parseTime(first["checkedAt"].get<std::string>()).has_value());
  std::set<std::string> keys;
  for (const auto& [k, v] : first.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"database", "databaseName", "idNo", "name", "result", "detail", "checkedAt", "checkedBy"}));
  const json full = background::BackgroundCheckService::checksJson(svc.latest("application", 12), true);
  EXPECT_EQ(full["checks"][0]["idNo"], a);
}

}  // namespace
