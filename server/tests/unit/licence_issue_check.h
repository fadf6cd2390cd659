#pragma once
// LicenceService::issue on a real database, shared by the SQLite unit test and the PostgreSQL test:
// numbers per province, prefix and year, unique and gapless when many threads issue at once, and the
// request refused naming the field.
#include <gtest/gtest.h>

#include <cstdio>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "adapters/sms/sms_gateway.h"
#include "app/config.h"
#include "app/context.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/db.h"
#include "modules/licences/licence_service.h"

namespace baoan::testing_licences {

inline long long addOrg(db::Database& db, const std::string& name, const std::string& region) {
  return db.write([&](db::Conn& c) {
    const long long now = core::nowMs();
    const long long id = c.insert(db::Query(
        "INSERT INTO orgs (path, level, name, region_code, type, created_at, updated_at) VALUES (?, 1, ?, ?, 'province_dept', ?, ?)",
        "/tmp" + name + "/", name, region, now, now));
    c.exec(db::Query("UPDATE orgs SET path = ? WHERE id = ?", "/" + std::to_string(id) + "/", id));
    return id;
  });
}

inline licences::IssueRequest request(long long issuer, const std::string& holder, const std::string& issuedOn) {
  licences::IssueRequest r;
  r.holderName = holder;
  r.legalName = "王晓东";
  r.address = "陕西省咸阳市渭城区人民路1号";
  r.regCapital = 500;
  r.serviceScope = "door,patrol";
  r.issuerOrgId = issuer;
  r.orgId = issuer;
  r.issuedOn = issuedOn;
  return r;
}

inline void checkIssue(db::Database& db) {
  auto sms = sms::makeLocalGateway();
  app::Config cfg;
  app::Context ctx{db, *sms, cfg};
  licences::LicenceService service(ctx);
  core::Principal system;
  const core::Actor actor{system, "127.0.0.1", "test"};
  const long long shaanxi = addOrg(db, "陕西省公安厅", "610000");
  const long long gansu = addOrg(db, "甘肃省公安厅", "620000");

  // 8 threads × 10 grants of 2026 at once: 80 different numbers 00001 … 00080.
  std::vector<std::thread> threads;
  std::mutex m;
  std::set<std::string> numbers;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto l = db.write([&](db::Conn& c) {
          return service.issue(c, actor, request(shaanxi, "并发公司" + std::to_string(t) + "-" + std::to_string(i), "2026-05-0" + std::to_string(1 + i % 9)));
        });
        std::lock_guard<std::mutex> lock(m);
        numbers.insert(l.number);
      }
    });
  for (auto& th : threads) th.join();
  ASSERT_EQ(numbers.size(), 80u);
  for (int i = 1; i <= 80; ++i) {
    char expected[32];
    std::snprintf(expected, sizeof expected, "%05d", i);
    EXPECT_TRUE(numbers.count("陕公保服2026" + std::string(expected))) << "陕公保服2026" << expected;
  }

  // Another year and another province start their own sequences; training licences their own prefix.
  auto l2025 = db.write([&](db::Conn& c) { return service.issue(c, actor, request(shaanxi, "往年公司", "2025-12-31")); });
  EXPECT_EQ(l2025.number, "陕公保服202500001");
  auto gs = db.write([&](db::Conn& c) { return service.issue(c, actor, request(gansu, "兰州公司", "2026-03-01")); });
  EXPECT_EQ(gs.number, "甘公保服202600001");
  auto tr = request(shaanxi, "培训学校", "2026-03-01");
  tr.businessType = "training_licence";
  auto training = db.write([&](db::Conn& c) { return service.issue(c, actor, tr); });
  EXPECT_EQ(training.number, "陕公保培202600001");
  EXPECT_EQ(training.serviceScope, "门卫、巡逻") << "dictionary codes are printed as their names";
  EXPECT_EQ(training.status, "valid");
  EXPECT_EQ(training.verifyToken.size(), 32u);
  EXPECT_EQ(training.issuerName, "陕西省公安厅");

  // A refused request names every bad field and leaves no number used.
  auto bad = request(shaanxi, "", "2026-02-30");
  bad.businessType = "guard";
  bad.issuerOrgId = 999999;
  try {
    db.write([&](db::Conn& c) { return service.issue(c, actor, bad); });
    FAIL() << "a bad request was issued";
  } catch (const AppError& e) {
    EXPECT_EQ(e.status, 422);
    for (const char* f : {"businessType", "holderName", "issuedOn", "issuerOrgId"}) EXPECT_TRUE(e.fields.count(f)) << f;
  }
  auto next = db.write([&](db::Conn& c) { return service.issue(c, actor, request(shaanxi, "之后的公司", "2026-06-01")); });
  EXPECT_EQ(next.number, "陕公保服202600081");

  // 吊销: the public verification says so; a second change is refused.
  EXPECT_EQ(service.verify("10.0.0.1", next.verifyToken).statusName, "有效");
  licences::StatusChange revoke{"revoked", "陕公(治)行罚决字〔2026〕1号", "情节严重", "2026-06-02", std::nullopt, std::nullopt};
  auto revoked = db.write([&](db::Conn& c) { return service.setStatus(c, actor, next.id, revoke); });
  EXPECT_EQ(revoked.status, "revoked");
  const auto v = service.verify("10.0.0.1", next.verifyToken);
  EXPECT_EQ(v.status, "revoked");
  EXPECT_EQ(v.statusName, "吊销");
  EXPECT_EQ(v.statusDate, "2026-06-02");
  try {
    db.write([&](db::Conn& c) { return service.setStatus(c, actor, next.id, {"cancelled", "", "公司解散", "2026-06-03", {}, {}}); });
    FAIL() << "a revoked licence was cancelled";
  } catch (const AppError& e) {
    EXPECT_EQ(e.status, 409);
  }
  // A bad change names its fields: another kind, 吊销 without a decision number, no reason, a day
  // before the licence was issued or in the future.
  auto refused = [&](long long id, const licences::StatusChange& ch, std::vector<std::string> fields) {
    try {
      db.write([&](db::Conn& c) { return service.setStatus(c, actor, id, ch); });
      ADD_FAILURE() << "refused change was made";
    } catch (const AppError& e) {
      EXPECT_EQ(e.status, 422);
      for (const auto& f : fields) EXPECT_TRUE(e.fields.count(f)) << f;
    }
  };
  refused(training.id, {"lost", "", "原因", "2026-03-02", {}, {}}, {"kind"});
  refused(training.id, {"revoked", "", "", "2026-02-28", {}, {}}, {"decisionNo", "reason", "date"});
  refused(training.id, {"cancelled", "", "原因", "2999-01-01", {}, {}}, {"date"});
  EXPECT_EQ(db.read([&](db::Conn& c) { return service.validLicencesOf(c, "company", 1).size(); }), 0u);

  // 换发: the number stays, the old document says 已换发, the new one is valid with a new token.
  auto held = request(shaanxi, "换发公司", "2026-07-01");
  held.holderKind = "company";
  held.holderId = 424242;
  auto first = db.write([&](db::Conn& c) { return service.issue(c, actor, held); });
  EXPECT_EQ(db.read([&](db::Conn& c) { return service.validLicencesOf(c, "company", 424242); }).size(), 1u);
  auto changed = held;
  changed.holderKind.reset();
  changed.holderId.reset();
  changed.legalName = "李新";
  changed.issuerOrgId = 0;
  changed.orgId = 0;
  changed.issuedOn = "2026-08-01";
  auto second = db.write([&](db::Conn& c) { return service.replace(c, actor, first.id, changed); });
  EXPECT_NE(second.id, first.id);
  EXPECT_EQ(second.number, first.number);
  EXPECT_NE(second.verifyToken, first.verifyToken);
  EXPECT_EQ(second.status, "valid");
  EXPECT_EQ(second.legalName, "李新");
  EXPECT_EQ(second.issuedOn, "2026-08-01");
  EXPECT_EQ(second.holderKind.value_or(""), "company") << "the holder is the old licence's";
  EXPECT_EQ(second.holderId.value_or(0), 424242);
  const auto old = service.verify("10.0.0.1", first.verifyToken);
  EXPECT_EQ(old.status, "replaced");
  EXPECT_EQ(old.statusDate, "2026-08-01");
  const auto valid = db.read([&](db::Conn& c) { return service.validLicencesOf(c, "company", 424242); });
  ASSERT_EQ(valid.size(), 1u);
  EXPECT_EQ(valid[0].id, second.id);
  // The old document cannot be replaced again; the new one can be revoked.
  EXPECT_THROW(db.write([&](db::Conn& c) { return service.replace(c, actor, first.id, changed); }), AppError);
  db.write([&](db::Conn& c) { return service.setStatus(c, actor, second.id, {"cancelled", "", "公司解散", "2026-08-02", {}, {}}); });
  EXPECT_TRUE(db.read([&](db::Conn& c) { return service.validLicencesOf(c, "company", 424242); }).empty());
  // The history of the number: issued, replaced (with what changed), cancelled.
  core::Principal everywhere;
  everywhere.scope.all = true;
  const auto history = service.get(everywhere, second.id)["history"];
  ASSERT_EQ(history.size(), 3u) << history.dump();
  EXPECT_EQ(history[0]["kind"], "issued");
  EXPECT_EQ(history[1]["kind"], "replaced");
  EXPECT_EQ(history[1]["kindName"], "换发");
  EXPECT_NE(history[1]["reason"].get<std::string>().find("法定代表人:王晓东→李新"), std::string::npos) << history[1]["reason"];
  EXPECT_EQ(history[2]["kindName"], "注销");
  // The document of a licence no longer valid says so across its face.
  const std::string pdf = service.render(revoked);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
}

}  // namespace baoan::testing_licences
