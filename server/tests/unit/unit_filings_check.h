#pragma once
// industry::UnitFilings (the registry effects of issue 12's business types) on a real database, shared
// by the SQLite unit test and the PostgreSQL test: each effect writes its record under the right org,
// replaces instead of duplicating where the law says one, refuses bad input naming the field and
// conflicts in Chinese, and the scope of a cross-region filing is either org's.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "adapters/sms/sms_gateway.h"
#include "app/config.h"
#include "app/context.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "db/db.h"
#include "modules/auth/credentials_service.h"
#include "modules/industry/guard_store.h"
#include "modules/industry/unit_filings.h"
#include "modules/system/user_service.h"

namespace baoan::testing_filings {

using db::Conn;
using db::Query;

struct Fixture {
  long long province = 0, xianyang = 0, weicheng = 0, xian = 0, yanta = 0, baoji = 0;
  std::string weichengPath, yantaPath, xianPath, baojiPath;
  long long company = 0, otherCompany = 0;
  std::vector<long long> guards;  // the company's two guards
  long long strangerGuard = 0;    // the other company's
};

inline std::string idNo(const std::string& region, int n) {
  char s[24];
  std::snprintf(s, sizeof s, "%s1990%02d%02d%03d", region.c_str(), 1 + n % 12, 1 + n % 28, n % 1000);
  const std::string first17(s);
  return first17 + core::idNumberCheckChar(first17);
}

inline std::string mobile(int n) {
  char s[16];
  std::snprintf(s, sizeof s, "136%08d", n);
  return s;
}

inline std::string creditCode(int n) {
  char s[24];
  std::snprintf(s, sizeof s, "91610404MA%07d", n);
  const std::string first17(s);
  return first17 + core::creditCodeCheckChar(first17);
}

inline long long org(Conn& c, std::optional<long long> parent, const std::string& parentPath, const std::string& name, const std::string& region,
                     const std::string& type, std::string& path) {
  const long long id = c.insert(Query("INSERT INTO orgs (parent_id, path, level, name, region_code, type, created_at, updated_at) "
                                      "VALUES (?, ?, 1, ?, ?, ?, 0, 0)",
                                      parent, parentPath + "tmp" + name + "/", name, region, type));
  path = parentPath + std::to_string(id) + "/";
  c.exec(Query("UPDATE orgs SET path = ? WHERE id = ?", path, id));
  return id;
}

inline long long company(Conn& c, const std::string& name, const std::string& code, long long orgId, const std::string& path) {
  return c.insert(Query("INSERT INTO companies (name, credit_code, reg_address, region_code, licence_no, legal_name, legal_id_no, "
                        "legal_mobile, org_id, org_path, created_at, updated_at) VALUES (?, ?, '咸阳市渭城区1号', '610404', ?, '王五', ?, "
                        "'13900000001', ?, ?, 0, 0)",
                        name, code, "陕公保服2025" + code.substr(13, 5), idNo("610404", 1), orgId, path));
}

inline long long applicant(Conn& c, const Fixture& f, const std::string& account) {
  return c.insert(Query("INSERT INTO users (account, password_hash, must_change_password, kind, name, is_police, id_no, gender, "
                        "birth_date, mobile, org_id, org_path, created_at, updated_at) VALUES (?, 'x', 0, 'applicant', ?, 0, ?, 'male', "
                        "'1990-01-01', '13900000002', ?, ?, 0, 0)",
                        account, account, idNo("610404", 2), f.weicheng, f.weichengPath));
}

inline Fixture setUp(db::Database& db) {
  Fixture f;
  db.write([&](Conn& c) {
    std::string p;
    f.province = org(c, std::nullopt, "/", "陕西省公安厅", "610000", "province_dept", p);
    std::string xy;
    f.xianyang = org(c, f.province, p, "咸阳市公安局", "610400", "city_bureau", xy);
    f.weicheng = org(c, f.xianyang, xy, "渭城分局", "610404", "district_bureau", f.weichengPath);
    f.xian = org(c, f.province, p, "西安市公安局", "610100", "city_bureau", f.xianPath);
    f.yanta = org(c, f.xian, f.xianPath, "雁塔分局", "610113", "district_bureau", f.yantaPath);
    f.baoji = org(c, f.province, p, "宝鸡市公安局", "610300", "city_bureau", f.baojiPath);
    f.company = company(c, "咸阳安泰保安服务有限公司", creditCode(1), f.weicheng, f.weichengPath);
    f.otherCompany = company(c, "咸阳恒安保安服务有限公司", creditCode(2), f.weicheng, f.weichengPath);
    industry::GuardStore gs;
    for (int i = 0; i < 3; ++i) {
      industry::GuardPerson person;
      person.idNo = idNo("610404", 10 + i);
      core::IdNumberInfo info;
      core::checkIdNumber(person.idNo, &info);
      person.name = i == 2 ? "外人" : "保安" + std::to_string(i);
      person.gender = info.gender;
      person.birthDate = info.birthDate;
      person.mobile = mobile(10 + i);
      const long long employer = i == 2 ? f.otherCompany : f.company;
      const long long id = gs.insert(c, person, {"company", employer, "公司", f.weicheng, f.weichengPath}, "2024-01-01", 0);
      if (i == 2) f.strangerGuard = id;
      else f.guards.push_back(id);
    }
  });
  return f;
}

template <class F>
AppError refused(db::Database& db, F&& f) {
  try {
    db.write([&](Conn& c) { f(c); });
  } catch (const AppError& e) {
    return e;
  }
  ADD_FAILURE() << "not refused";
  return AppError(0, "", "");
}

inline core::DataScope subtree(const std::string& path) {
  core::DataScope s;
  s.subtreePaths.insert(path);
  return s;
}

inline void checkUnitFilings(db::Database& db) {
  auto sms = sms::makeLocalGateway();
  app::Config cfg;
  app::Context ctx{db, *sms, cfg};
  auth::CredentialsService credentials(ctx);
  system::UserService users(ctx, credentials);
  industry::UnitFilings filings(users);
  industry::UnitFilingStore store;
  core::Principal system;
  const core::Actor actor{system, "127.0.0.1", "test"};
  const Fixture f = setUp(db);

  // ---- 分公司备案: under the company, supervised by the branch region's bureau; the same name updates.
  industry::BranchRecord b{f.company, "西安分公司", "西安市雁塔区科技路1号", "610113", "赵六", idNo("610113", 3), mobile(3), "door,patrol",
                           "2026-01-05", "2026-01-20", 41};
  const long long branch = db.write([&](Conn& c) { return filings.recordBranch(c, actor, b); });
  b.address = "西安市雁塔区科技路2号";
  EXPECT_EQ(db.write([&](Conn& c) { return filings.recordBranch(c, actor, b); }), branch) << "same name, same branch";
  db.read([&](Conn& c) {
    auto [rows, total] = store.branchesOf(c, f.company, {1, 20});
    ASSERT_EQ(total, 1);
    EXPECT_EQ(rows[0].address, "西安市雁塔区科技路2号");
    EXPECT_EQ(rows[0].orgId, f.yanta);
    EXPECT_EQ(rows[0].orgPath, f.yantaPath);
    EXPECT_EQ(rows[0].applicationId, 41);
  });
  auto bad = b;
  bad.headIdNo = "610113199001011234";
  bad.setUpOn = "2026-02-30";
  bad.serviceScope = "door,flying";
  auto e = refused(db, [&](Conn& c) { filings.recordBranch(c, actor, bad); });
  EXPECT_EQ(e.status, 422);
  for (const char* field : {"headIdNo", "setUpOn", "serviceScope"}) EXPECT_TRUE(e.fields.count(field)) << field;
  auto unknown = b;
  unknown.companyId = 999999;
  EXPECT_TRUE(refused(db, [&](Conn& c) { filings.recordBranch(c, actor, unknown); }).fields.count("companyId"));

  // ---- 跨区域服务备案: both orgs' scopes see it; the guards show the assignment; strangers refused.
  industry::CrossRegionRecord x{f.company, "", "610113", "西安国际会展中心", "2026-03-01", "2026-12-31", "孙七", idNo("610404", 4), mobile(4),
                                f.guards, "2026-02-20", 42};
  const long long filing = db.write([&](Conn& c) { return filings.recordCrossRegion(c, actor, x); });
  db.read([&](Conn& c) {
    const auto xian = subtree(f.xianPath), weicheng = subtree(f.weichengPath), baoji = subtree(f.baojiPath);
    for (const auto* scope : {&xian, &weicheng}) {
      industry::CrossRegionFilter q;
      q.scope = scope;
      auto [rows, total] = store.crossRegion(c, q, {1, 20});
      ASSERT_EQ(total, 1);
      EXPECT_EQ(rows[0].id, filing);
      EXPECT_EQ(rows[0].guards.size(), 2u);
      EXPECT_EQ(rows[0].serviceOrgId, f.yanta);
      EXPECT_EQ(rows[0].orgId, f.weicheng);
      EXPECT_EQ(rows[0].licenceNo.substr(0, 12), "陕公保服");
    }
    industry::CrossRegionFilter q;
    q.scope = &baoji;
    EXPECT_EQ(store.crossRegion(c, q, {1, 20}).second, 0) << "宝鸡 sees neither org";
    q.scope = &xian;
    q.serviceRegionCode = "610300";
    EXPECT_EQ(store.crossRegion(c, q, {1, 20}).second, 0);
    q.serviceRegionCode = "610100";
    EXPECT_EQ(store.crossRegion(c, q, {1, 20}).second, 1) << "a city code covers its districts";
    EXPECT_EQ(industry::crossRegionAssignmentsJson(c, f.guards[0]).size(), 1u);
    EXPECT_EQ(industry::crossRegionAssignmentsJson(c, f.guards[0])[0]["clientName"], "西安国际会展中心");
    EXPECT_EQ(industry::crossRegionAssignmentsJson(c, f.strangerGuard).size(), 0u);
  });
  auto strangers = x;
  strangers.guardIds = {f.guards[0], f.strangerGuard};
  e = refused(db, [&](Conn& c) { filings.recordCrossRegion(c, actor, strangers); });
  EXPECT_EQ(e.status, 422);
  ASSERT_TRUE(e.fields.count("guardIds"));
  EXPECT_NE(e.fields.at("guardIds").find("外人"), std::string::npos) << e.fields.at("guardIds");
  auto backwards = x;
  backwards.periodTo = "2026-01-01";
  EXPECT_TRUE(refused(db, [&](Conn& c) { filings.recordCrossRegion(c, actor, backwards); }).fields.count("periodTo"));

  // ---- 年度报告: one per company and year, a second replaces the first.
  industry::AnnualReportRecord r{f.company, 2025, "经营正常", 30, 28, "培训4期", 6, "无", "收入300万元", std::nullopt, "2026-03-01", 43};
  const long long report = db.write([&](Conn& c) { return filings.recordAnnualReport(c, actor, r); });
  r.guardCount = 40;
  EXPECT_EQ(db.write([&](Conn& c) { return filings.recordAnnualReport(c, actor, r); }), report);
  db.read([&](Conn& c) {
    auto [rows, total] = store.reportsOf(c, f.company, {1, 20});
    ASSERT_EQ(total, 1);
    EXPECT_EQ(rows[0].guardCount, 40);
    // The other company is the one missing its 2025 report, for 渭城 and the province, not for 西安.
    auto [missing, n] = store.missingReports(c, subtree(f.weichengPath), 2025, {1, 20});
    ASSERT_EQ(n, 1);
    EXPECT_EQ(missing[0].id, f.otherCompany);
    EXPECT_EQ(store.missingReports(c, subtree(f.xianPath), 2025, {1, 20}).second, 0);
    EXPECT_EQ(store.missingReports(c, subtree(f.weichengPath), 2024, {1, 20}).second, 2);
  });
  auto tooMany = r;
  tooMany.certifiedCount = 41;
  tooMany.year = 1999;
  e = refused(db, [&](Conn& c) { filings.recordAnnualReport(c, actor, tooMany); });
  EXPECT_TRUE(e.fields.count("certifiedCount"));
  EXPECT_TRUE(e.fields.count("year"));

  // ---- 自行招用保安员单位备案: a numbered filing, its guards employed, the account the unit's.
  const long long applicantA = db.write([&](Conn& c) { return applicant(c, f, "inhouse-a"); });
  industry::InhouseFilingRecord h;
  h.name = "渭城人民医院";
  h.code = creditCode(3);
  h.unitType = "医疗卫生机构";
  h.regionCode = "610404";
  h.address = "渭城区人民路5号";
  h.legalName = "钱八";
  h.legalIdNo = idNo("610404", 5);
  h.legalMobile = mobile(5);
  h.guards = {{"周一", idNo("610404", 20), mobile(20)}, {"吴二", idNo("610404", 21), mobile(21)}};
  h.startedOn = "2026-02-01";
  h.filedOn = "2026-03-01";
  const auto filed = db.write([&](Conn& c) { return filings.recordInhouseFiling(c, actor, h, applicantA); });
  EXPECT_EQ(filed.filingNo, "陕自招备2026-00001");
  db.read([&](Conn& c) {
    auto u = c.queryOne(Query("SELECT kind, unit_id, org_id FROM users WHERE id = ?", applicantA));
    EXPECT_EQ(u->str("kind"), "inhouse_unit");
    EXPECT_EQ(u->i64("unit_id"), filed.unitId);
    EXPECT_EQ(u->i64("org_id"), f.weicheng);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM guards WHERE employer_kind = 'inhouse' AND employer_id = ? AND employed = 1 "
                             "AND hired_on = '2026-02-01'", filed.unitId)), 2);
    EXPECT_EQ(c.queryOne(Query("SELECT filing_status FROM inhouse_units WHERE id = ?", filed.unitId))->str("filing_status"), "filed");
  });
  e = refused(db, [&](Conn& c) { filings.recordInhouseFiling(c, actor, h, 0); });
  EXPECT_EQ(e.status, 409) << "filed twice";
  // A guard employed by a company cannot be listed by another unit: the row is named.
  auto other = h;
  other.name = "渭城自来水公司";
  other.code = creditCode(4);
  other.guards = {{"周三", idNo("610404", 22), mobile(22)}, {"保安0", idNo("610404", 10), mobile(10)}};
  e = refused(db, [&](Conn& c) { filings.recordInhouseFiling(c, actor, other, 0); });
  EXPECT_EQ(e.status, 422);
  EXPECT_TRUE(e.fields.count("guards[1].idNo"));
  EXPECT_EQ(e.fields.size(), 1u);
  other.guards[1].idNo = "123";
  other.guards[0].mobile = "12";
  e = refused(db, [&](Conn& c) { filings.recordInhouseFiling(c, actor, other, 0); });
  EXPECT_TRUE(e.fields.count("guards[1].idNo"));
  EXPECT_TRUE(e.fields.count("guards[0].mobile"));
  other.guards.pop_back();
  other.guards[0].mobile = mobile(22);
  EXPECT_EQ(db.write([&](Conn& c) { return filings.recordInhouseFiling(c, actor, other, 0); }).filingNo, "陕自招备2026-00002");

  // ---- 撤销备案: the filing ends, its guards leave on the stop date, the unit stays.
  db.write([&](Conn& c) { filings.revokeInhouseFiling(c, actor, filed.unitId, "2026-06-30", "改为委托保安服务", "已解除劳动合同"); });
  db.read([&](Conn& c) {
    auto u = c.queryOne(Query("SELECT filing_status, revoked_on, revoke_reason FROM inhouse_units WHERE id = ?", filed.unitId));
    EXPECT_EQ(u->str("filing_status"), "revoked");
    EXPECT_EQ(u->str("revoked_on"), "2026-06-30");
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM guards WHERE employer_kind = 'inhouse' AND employer_id = ? AND employed = 0 "
                             "AND left_on = '2026-06-30'", filed.unitId)), 2);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM employments WHERE employer_kind = 'inhouse' AND employer_id = ? AND left_on = '2026-06-30'",
                             filed.unitId)), 2);
  });
  EXPECT_EQ(refused(db, [&](Conn& c) { filings.revokeInhouseFiling(c, actor, filed.unitId, "2026-07-01", "再次", ""); }).status, 409);
  EXPECT_TRUE(refused(db, [&](Conn& c) { filings.revokeInhouseFiling(c, actor, filed.unitId, "2026-13-01", "", ""); }).fields.count("stoppedOn"));
  // Filing again after a revocation: the same unit, a new number, its former guards hired again.
  h.filedOn = "2026-08-01";
  h.startedOn = "2026-07-20";
  const auto again = db.write([&](Conn& c) { return filings.recordInhouseFiling(c, actor, h, applicantA); });
  EXPECT_EQ(again.unitId, filed.unitId);
  EXPECT_EQ(again.filingNo, "陕自招备2026-00003");

  // ---- 保安培训许可证: the unit appears, then is updated; the account becomes the unit's.
  const long long applicantT = db.write([&](Conn& c) { return applicant(c, f, "training-a"); });
  industry::TrainingUnitRecord t{"咸阳保安培训学校", creditCode(5), "610113", "雁塔区1号", "郑九", idNo("610113", 6), mobile(6), "冯十",
                                 "", "", 300, "陕公保培202600001", "2026-04-01", "陕西省公安厅", "610000", 44};
  const long long unit = db.write([&](Conn& c) { return filings.recordTrainingUnit(c, actor, t, applicantT); });
  t.licenceNo = "陕公保培202600002";
  EXPECT_EQ(db.write([&](Conn& c) { return filings.recordTrainingUnit(c, actor, t, 0); }), unit);
  db.read([&](Conn& c) {
    auto row = c.queryOne(Query("SELECT licence_no, org_id, legal_name FROM training_units WHERE id = ?", unit));
    EXPECT_EQ(row->str("licence_no"), "陕公保培202600002");
    EXPECT_EQ(row->i64("org_id"), f.yanta);
    EXPECT_EQ(row->str("legal_name"), "郑九");
    auto u = c.queryOne(Query("SELECT kind, unit_id FROM users WHERE id = ?", applicantT));
    EXPECT_EQ(u->str("kind"), "training_unit");
    EXPECT_EQ(u->i64("unit_id"), unit);
  });
  // An account of another kind does not become the unit's.
  EXPECT_EQ(refused(db, [&](Conn& c) { filings.recordTrainingUnit(c, actor, t, applicantA); }).status, 409);

  // ---- 项目变更: the record takes the new values; the company's guards carry its new name.
  db.write([&](Conn& c) {
    filings.applyLicenceChange(c, actor, "company", f.company,
                               {{"name", "咸阳安泰保安集团有限公司"}, {"legalMobile", "139 0000 0009"}, {"regCapital", 1000},
                                {"serviceScope", {"door", "escort"}}});
  });
  db.read([&](Conn& c) {
    auto co = c.queryOne(Query("SELECT name, legal_mobile, reg_capital, service_scope FROM companies WHERE id = ?", f.company));
    EXPECT_EQ(co->str("name"), "咸阳安泰保安集团有限公司");
    EXPECT_EQ(co->str("legal_mobile"), "13900000009");
    EXPECT_EQ(co->i64("reg_capital"), 1000);
    EXPECT_EQ(co->str("service_scope"), "door,escort");
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM guards WHERE employer_kind = 'company' AND employer_id = ? AND employer_name = ?",
                             f.company, std::string("咸阳安泰保安集团有限公司"))), 2);
    EXPECT_GE(c.scalar(Query("SELECT COUNT(*) FROM audit_logs WHERE target_type = 'company' AND summary LIKE ?",
                             std::string("%名称:咸阳安泰保安服务有限公司 → 咸阳安泰保安集团有限公司%"))), 1);
  });
  db.write([&](Conn& c) { filings.applyLicenceChange(c, actor, "training_unit", unit, {{"address", "雁塔区2号"}}); });
  e = refused(db, [&](Conn& c) {
    filings.applyLicenceChange(c, actor, "training_unit", unit, {{"serviceScope", "door"}, {"regCapital", -1}, {"legalIdNo", "1"}});
  });
  for (const char* field : {"changes.serviceScope", "changes.regCapital", "changes.legalIdNo"}) EXPECT_TRUE(e.fields.count(field)) << field;
  EXPECT_TRUE(refused(db, [&](Conn& c) { filings.applyLicenceChange(c, actor, "company", 999999, {{"name", "新名"}}); }).fields.count("holderId"));
  EXPECT_TRUE(refused(db, [&](Conn& c) { filings.applyLicenceChange(c, actor, "guard", 1, {{"name", "新名"}}); }).fields.count("holderKind"));

  // ---- unitState: what the portal offers each kind of account.
  db.read([&](Conn& c) {
    core::Principal co;
    co.kind = "company";
    co.companyId = f.company;
    auto s = filings.unitState(c, co);
    EXPECT_TRUE(s.licensed);
    EXPECT_EQ(s.unitId, f.company);
    core::Principal in;
    in.kind = "inhouse_unit";
    in.unitId = filed.unitId;
    s = filings.unitState(c, in);
    EXPECT_TRUE(s.filed);
    EXPECT_EQ(s.filingNo, "陕自招备2026-00003");
    core::Principal tr;
    tr.kind = "training_unit";
    tr.unitId = unit;
    s = filings.unitState(c, tr);
    EXPECT_TRUE(s.licensed);
    EXPECT_EQ(s.licenceNo, "陕公保培202600002");
    core::Principal ap;
    ap.kind = "applicant";
    s = filings.unitState(c, ap);
    EXPECT_FALSE(s.unitId);
    EXPECT_FALSE(s.licensed || s.filed);
  });
}

}  // namespace baoan::testing_filings
