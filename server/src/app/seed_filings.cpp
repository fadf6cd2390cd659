#include "app/seed_filings.h"

#include <cstdio>

#include "adapters/sms/sms_gateway.h"
#include "app/context.h"
#include "core/validation.h"
#include "modules/auth/credentials_service.h"
#include "modules/industry/unit_filings.h"
#include "modules/system/user_service.h"

namespace baoan::app {

using db::Query;

namespace {
// A valid 公民身份号码 of a demo person born in 1988 in the region.
std::string demoIdNo(const std::string& region, int n) {
  char s[24];
  std::snprintf(s, sizeof s, "%s1988%02d%02d%03d", region.c_str(), 1 + n % 12, 1 + n % 28, 100 + n % 900);
  const std::string first17(s);
  return first17 + core::idNumberCheckChar(first17);
}

std::string demoMobile(int n) {
  char s[16];
  std::snprintf(s, sizeof s, "137%08d", 52000000 + n);
  return s;
}
}  // namespace

FilingsSummary seedUnitFilings(db::Database& db, const Config& cfg) {
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  auth::CredentialsService credentials(ctx);
  system::UserService users(ctx, credentials);
  industry::UnitFilings filings(users);
  industry::UnitFilingService service(ctx, nullptr);
  FilingsSummary out;

  core::Principal admin;
  db.read([&](db::Conn& c) { admin.userId = c.scalar(Query("SELECT id FROM users WHERE account = 'admin'")); });
  admin.account = "admin";
  admin.name = "系统管理员";
  const core::Actor actor{admin, "127.0.0.1", "seed"};

  struct Co {
    long long id;
    std::string name, region;
  };
  std::vector<Co> companies;
  db.read([&](db::Conn& c) {
    for (const auto& r : c.query(Query(
             "SELECT id, name, region_code FROM companies WHERE status = 'active' AND licence_no IS NOT NULL ORDER BY id")))
      companies.push_back({r.i64("id"), r.str("name"), r.str("region_code")});
  });
  if (companies.size() < 4) return out;

  db.write([&](db::Conn& c) {
    // 分公司备案: the first three companies have a branch in another district of 咸阳; the first one
    // also in 西安 (雁塔区), which the 西安 bureau supervises.
    const std::vector<std::pair<std::string, std::string>> places = {{"610481", "兴平市"}, {"610423", "泾阳县"}, {"610402", "秦都区"}};
    int n = 0;
    for (std::size_t i = 0; i < 3; ++i) {
      const auto& [region, place] = places[i];
      industry::BranchRecord b{companies[i].id, companies[i].name + place + "分公司", "陕西省咸阳市" + place + "人民路" + std::to_string(10 + i) + "号",
                               region, "刘建华", demoIdNo(region, ++n), demoMobile(n), "door,patrol", "2025-0" + std::to_string(3 + i) + "-15",
                               "2025-0" + std::to_string(4 + i) + "-01", std::nullopt};
      filings.recordBranch(c, actor, b);
      ++out.branches;
    }
    industry::BranchRecord xa{companies[0].id, companies[0].name + "西安分公司", "陕西省西安市雁塔区科技路48号", "610113", "赵鹏",
                              demoIdNo("610113", ++n), demoMobile(n), "door,patrol,escort", "2025-09-01", "2025-09-20", std::nullopt};
    filings.recordBranch(c, actor, xa);
    ++out.branches;

    // 跨区域服务备案: a 咸阳 company with guards sends two of them to a client in 西安 (雁塔区).
    for (const auto& co : companies) {
      std::vector<long long> guards;
      for (const auto& r : c.query(Query(
               "SELECT id FROM guards WHERE employer_kind = 'company' AND employer_id = ? AND employed = 1 ORDER BY id LIMIT 2", co.id)))
        guards.push_back(r.i64("id"));
      if (guards.size() < 2 || co.region.rfind("6104", 0) != 0) continue;
      industry::CrossRegionRecord f;
      f.companyId = co.id;
      f.serviceRegionCode = "610113";
      f.clientName = "西安国际会展中心";
      f.periodFrom = "2026-03-01";
      f.periodTo = "2026-12-31";
      f.leaderName = "孙志刚";
      f.leaderIdNo = demoIdNo("610404", ++n);
      f.leaderMobile = demoMobile(n);
      f.guardIds = guards;
      f.filedOn = "2026-02-20";
      filings.recordCrossRegion(c, actor, f);
      ++out.crossRegion;
      break;
    }

    // 年度报告 2025: every company but each fifth has filed.
    for (std::size_t i = 0; i < companies.size(); ++i) {
      if (i % 5 == 4) continue;
      industry::AnnualReportRecord r;
      r.companyId = companies[i].id;
      r.year = 2025;
      r.operatingSummary = "全年经营正常,服务合同履约率100%。";
      r.guardCount = 30 + static_cast<long long>(i % 7) * 10;
      r.certifiedCount = r.guardCount - static_cast<long long>(i % 3);
      r.trainingSummary = "组织岗前培训2期、在岗培训4期。";
      r.clientCount = 5 + static_cast<long long>(i % 9);
      r.violations = "无";
      r.financeSummary = "营业收入" + std::to_string(300 + i * 25) + "万元,依法纳税。";
      r.filedOn = "2026-0" + std::to_string(1 + i % 5) + "-1" + std::to_string(i % 10);
      filings.recordAnnualReport(c, actor, r);
      ++out.annualReports;
    }

    // 自行招用保安员单位备案: the first two in-house units file (each with two new guards); the second
    // later stops employing guards and its filing is revoked.
    std::vector<std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>> units;
    for (const auto& r : c.query(Query(
             "SELECT name, code, region_code, address, legal_name, legal_id_no, legal_mobile FROM inhouse_units ORDER BY id LIMIT 2")))
      units.emplace_back(r.str("name"), r.str("code"), r.str("region_code"), r.str("address"), r.str("legal_name"),
                         r.str("legal_id_no") + "|" + r.str("legal_mobile"));
    for (std::size_t i = 0; i < units.size(); ++i) {
      const auto& [name, code, region, address, legalName, legal] = units[i];
      industry::InhouseFilingRecord f;
      f.name = name;
      f.code = code;
      f.unitType = i == 0 ? "医疗卫生机构" : "教育机构";
      f.regionCode = region;
      f.address = address;
      f.legalName = legalName;
      f.legalIdNo = legal.substr(0, legal.find('|'));
      f.legalMobile = legal.substr(legal.find('|') + 1);
      f.securityHeadName = "马卫国";
      f.securityHeadMobile = demoMobile(++n);
      for (int g = 0; g < 2; ++g) {
        ++n;
        f.guards.push_back({g == 0 ? "高建军" : "田小龙", demoIdNo(region, n), demoMobile(n)});
      }
      f.startedOn = "2025-10-08";
      f.filedOn = "2025-10-20";
      filings.recordInhouseFiling(c, actor, f, 0);
      ++out.inhouseFiled;
      if (i == 1) {
        const long long id = c.scalar(Query("SELECT id FROM inhouse_units WHERE code = ?", code));
        filings.revokeInhouseFiling(c, actor, id, "2026-05-31", "单位改为委托保安服务公司提供保安服务", "保安员已全部解除劳动合同");
        ++out.inhouseRevoked;
      }
    }
  });
  // The 2025 round: reports are due by the end of June 2026.
  service.setRound(actor, "2025", {{"deadline", "2026-06-30"}});
  return out;
}

}  // namespace baoan::app
