// `baoan seed --demo`: the 咸阳市 worked example of the manual — orgs, roles, officers for every
// approval post. Refuses a database that already holds data.
#include <iostream>
#include <algorithm>
#include <map>

#include "app/commands.h"
#include "app/demo_cases.h"
#include "app/seed_exams.h"
#include "app/demo_exam.h"
#include "app/seed_certificates.h"
#include "app/seed_flagged.h"
#include "app/seed_payments.h"
#include "app/seed_filings.h"
#include "app/seed_tasks.h"
#include "app/seed_inspections.h"
#include "app/seed_feedback.h"
#include "app/seed_history.h"
#include "app/industry_generator.h"
#include "app/seed_real_name.h"
#include "core/catalog.h"
#include "core/clock.h"
#include "core/permissions.h"
#include "core/regions.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "adapters/sms/sms_gateway.h"
#include "modules/approval/approval_service.h"
#include "modules/auth/credentials_service.h"
#include "modules/background/watch_list_store.h"
#include "modules/licences/licence_service.h"
#include "db/db.h"
#include "db/migrations.h"

namespace baoan::app {

namespace {

using db::Query;

struct Seeder {
  db::Conn& c;
  long long now = core::nowMs();
  int serial = 0;

  long long org(std::optional<long long> parent, const std::string& name, const std::string& region, const std::string& type,
                const std::string& phone = "", const std::string& address = "") {
    std::string parentPath = "/";
    int level = 1;
    if (parent) {
      auto r = c.queryOne(Query("SELECT path, level FROM orgs WHERE id = ?", *parent));
      parentPath = r->str(0);
      level = static_cast<int>(r->i64(1)) + 1;
    }
    const int order = ++serial;
    const long long id = c.insert(Query(
        "INSERT INTO orgs (parent_id, path, level, name, region_code, phone, address, type, sort_order, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        parent ? std::optional<long long>(*parent) : std::nullopt, parentPath + "tmp" + std::to_string(order) + "/", level,
        name, region, phone.empty() ? std::nullopt : std::optional<std::string>(phone),
        address.empty() ? std::nullopt : std::optional<std::string>(address), type, order, now, now));
    c.exec(Query("UPDATE orgs SET path = ? WHERE id = ?", parentPath + std::to_string(id) + "/", id));
    return id;
  }

  std::string pathOf(long long orgId) { return c.queryOne(Query("SELECT path FROM orgs WHERE id = ?", orgId))->str(0); }

  long long role(long long orgId, const std::string& name, const std::vector<std::string>& permissions, const std::string& scope) {
    const long long id = c.insert(Query(
        "INSERT INTO roles (org_id, org_path, name, scope_kind, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", orgId,
        pathOf(orgId), name, scope, now, now));
    for (const auto& p : permissions) c.exec(Query("INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)", id, p));
    return id;
  }

  // A valid 公民身份号码 for demo people: region + birth date + sequence + check character.
  static std::string idNumber(const std::string& region, const std::string& birth, int seq, bool male) {
    char s[12];
    std::snprintf(s, sizeof s, "%03d", (seq * 2 + (male ? 1 : 0)) % 1000);
    std::string first17 = region.substr(0, 6) + birth + s;
    return first17 + core::idNumberCheckChar(first17);
  }

  long long user(const std::string& account, const std::string& name, long long orgId, const std::string& passwordHash,
                 const std::vector<long long>& roles, const std::map<std::string, std::string>& posts, int n) {
    const std::string idNo = idNumber("610404", "19" + std::to_string(75 + n % 20) + "0" + std::to_string(1 + n % 9) + "1" +
                                                    std::to_string(n % 10),
                                      n, n % 3 != 0);
    core::IdNumberInfo info;
    if (auto e = core::checkIdNumber(idNo, &info)) throw std::runtime_error("demo ID number invalid: " + *e);
    char mobile[16];
    std::snprintf(mobile, sizeof mobile, "138%08d", 29100000 + n);
    char policeNo[16];
    std::snprintf(policeNo, sizeof policeNo, "%06d", 610000 + n);
    const long long id = c.insert(Query(
        "INSERT INTO users (account, password_hash, must_change_password, name, is_police, police_no, id_no, gender, "
        "birth_date, mobile, org_id, org_path, created_at, updated_at, password_changed_at) "
        "VALUES (?, ?, 0, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        account, passwordHash, name, std::string(policeNo), idNo, info.gender, info.birthDate, std::string(mobile), orgId,
        pathOf(orgId), now, now, now));
    for (long long r : roles) c.exec(Query("INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", id, r));
    for (const auto& [type, post] : posts)
      c.exec(Query("INSERT INTO user_approval_posts (user_id, business_type, post) VALUES (?, ?, ?)", id, type, post));
    return id;
  }
};

// Every business type whose chain includes the post.
std::map<std::string, std::string> postEverywhere(const std::string& post) {
  std::map<std::string, std::string> out;
  for (const auto& t : core::businessTypes())
    for (auto p : t.posts)
      if (p == post) out[std::string(t.code)] = post;
  return out;
}

std::vector<std::string> permissionsOfGroup(const std::string& group) {
  std::vector<std::string> out;
  for (const auto& m : core::permissionModules())
    if (m.group == group)
      for (auto a : m.actions) out.push_back(std::string(m.code) + ":" + std::string(a));
  return out;
}

// A supervising officer: reads every module outside system management, exports what can be exported
// and prints what can be printed (licences, certificates).
std::vector<std::string> viewPermissionsOutside(const std::string& group) {
  std::vector<std::string> out;
  for (const auto& m : core::permissionModules()) {
    if (m.group == group) continue;
    out.push_back(std::string(m.code) + ":view");
    for (const char* action : {"export", "print"})
      if (std::find(m.actions.begin(), m.actions.end(), action) != m.actions.end()) out.push_back(std::string(m.code) + ":" + action);
  }
  return out;
}

// Supervising officers read everything outside 系统管理 and act in 待办 where their approval posts put them.
std::vector<std::string> officerPermissions() {
  auto out = viewPermissionsOutside("系统管理");
  out.push_back("approval:approve");
  // 保安员资格许可: window registration, 取消 / 改派, and the county's fallback station.
  for (const char* p : {"exam_registration:create", "exam_registration:update", "exam_registration:manage"}) out.push_back(p);
  out.push_back("exam_payment:create");  // 现场缴费 at the window (county and city officers)
  out.insert(out.end(), {"emergency_task:create", "emergency_task:end"});  // 紧急任务 (§7.5): create and end their own
  for (const char* a : {"create", "update", "delete", "import"}) out.push_back(std::string("inspection:") + a);  // §9.1 监督检查
  out.push_back("citizen_feedback:update");  // §9.2 市民投诉建议: 分派, 回复, 办结 in the officer's scope
  for (const char* p : {"flagged_person:update", "flagged_person:import"}) out.push_back(p);  // §9.3 处理意见 (export: above)
  return out;
}

// The city and county officers arrange the exams of their city (§6.2 考试安排, 成绩).
std::vector<std::string> examOfficerPermissions() {
  auto out = officerPermissions();
  for (const char* a : {"create", "update", "delete", "import"}) out.push_back(std::string("exam:") + a);  // view, export, print: all officers
  return out;
}

// The city's officers also set the city's exam fee (考试收费标准), and hand over and revoke the
// 保安员证 their 市局 issues (§6.3).
std::vector<std::string> cityOfficerPermissions() {
  auto out = examOfficerPermissions();
  out.push_back("exam_fee:update");
  out.insert(out.end(), {"certificate:update", "certificate:revoke"});
  return out;
}

// The demo companies hold a 保安服务许可证 and the demo training units a 保安培训许可证, issued by the
// provincial department: each gets its licence through LicenceService::issue (numbers in issue order
// per year), and its registry record the number. One licence revoked and one replaced (below) show
// the lifecycle in the list, the history, the QR page and the registry.
long long issueDemoLicences(db::Database& db, const Config& cfg) {
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  licences::LicenceService service(ctx);
  return db.write([&](db::Conn& c) {
    core::Principal admin;
    admin.userId = c.scalar(Query("SELECT id FROM users WHERE account = 'admin'"));
    admin.account = "admin";
    admin.name = "系统管理员";
    const core::Actor actor{admin, "127.0.0.1", "seed"};
    const long long province = c.scalar(Query("SELECT id FROM orgs WHERE type = 'province_dept' ORDER BY id"));
    struct Holder {
      std::string issuedOn;
      licences::IssueRequest r;
    };
    std::vector<Holder> holders;
    for (const auto& row : c.query(Query(
             "SELECT id, name, legal_name, reg_address, reg_capital, service_scope, founded_on, org_id FROM companies "
             "WHERE licence_no IS NOT NULL AND status = 'active' ORDER BY id"))) {
      licences::IssueRequest r;
      r.holderKind = "company";
      r.holderId = row.i64("id");
      r.holderName = row.str("name");
      r.legalName = row.str("legal_name");
      r.address = row.str("reg_address");
      r.regCapital = row.optI64("reg_capital");
      r.serviceScope = row.str("service_scope");
      r.issuerOrgId = province;
      r.orgId = row.i64("org_id");
      // Licensed the year after founding, not before the 条例 (2010), never in the future.
      const std::string founded = row.str("founded_on").empty() ? "2012-06-01" : row.str("founded_on");
      const int year = std::clamp(std::stoi(founded.substr(0, 4)) + 1, 2010, 2026);
      std::string issuedOn = std::to_string(year) + founded.substr(4);
      if (issuedOn > core::toChinaDate(core::nowMs())) issuedOn = core::toChinaDate(core::nowMs());
      r.issuedOn = issuedOn;
      holders.push_back({issuedOn, std::move(r)});
    }
    // The training units hold a 保安培训许可证 of the provincial department (its 校长 as the legal person).
    for (const auto& row : c.query(Query(
             "SELECT id, name, principal_name, reg_address, reg_capital, issued_on, org_id FROM training_units "
             "WHERE licence_no IS NOT NULL AND issued_on IS NOT NULL AND revoked_on IS NULL ORDER BY id"))) {
      licences::IssueRequest r;
      r.businessType = "training_licence";
      r.holderKind = "training_unit";
      r.holderId = row.i64("id");
      r.holderName = row.str("name");
      r.legalName = row.str("principal_name").empty() ? "未登记" : row.str("principal_name");
      r.address = row.str("reg_address").empty() ? row.str("name") : row.str("reg_address");
      r.regCapital = row.optI64("reg_capital");
      r.serviceScope = "保安员职业技能培训(初级、中级)";
      r.issuerOrgId = province;
      r.orgId = row.i64("org_id");
      r.issuedOn = std::min(row.str("issued_on"), core::toChinaDate(core::nowMs()));
      holders.push_back({*r.issuedOn, std::move(r)});
    }
    std::stable_sort(holders.begin(), holders.end(), [](const Holder& a, const Holder& b) { return a.issuedOn < b.issuedOn; });
    // Demo lifecycle: the last registered company (not the big one) had its licence revoked (吊销)
    // today; the second registered company's licence was replaced (换发) in its first year after its
    // document was damaged (same facts, same number, a new document; the old QR code says 已换发).
    std::optional<long long> revokedLicence, replacedLicence;
    long long revokedHolder = 0;
    std::vector<std::pair<long long, long long>> companyLicences;  // (company id, licence id)
    for (const auto& h : holders) {
      const auto l = service.issue(c, actor, h.r);
      if (*h.r.holderKind == "training_unit") {
        c.exec(Query("UPDATE training_units SET licence_no = ? WHERE id = ?", l.number, *h.r.holderId));
        continue;
      }
      c.exec(Query("UPDATE companies SET licence_no = ? WHERE id = ?", l.number, *h.r.holderId));
      companyLicences.emplace_back(*h.r.holderId, l.id);
      if (*h.r.holderId > revokedHolder && h.r.holderName != "秦安保安服务集团有限公司") {
        revokedHolder = *h.r.holderId;
        revokedLicence = l.id;
      }
    }
    std::sort(companyLicences.begin(), companyLicences.end());
    const std::string today = core::toChinaDate(core::nowMs());
    if (revokedLicence && companyLicences.size() > 2) {
      licences::StatusChange change;
      change.kind = "revoked";
      change.decisionNo = "陕公(治)行罚决字〔" + today.substr(0, 4) + "〕18号";
      change.reason = "招用不符合条件的人员担任保安员,经责令限期改正逾期不改,情节严重";
      change.date = today;
      service.setStatus(c, actor, *revokedLicence, change);
      if (companyLicences[1].second != *revokedLicence) replacedLicence = companyLicences[1].second;
    }
    if (replacedLicence) {
      const auto old = service.validLicencesOf(c, "company", companyLicences[1].first).front();
      licences::IssueRequest same;
      same.businessType = old.businessType;
      same.holderName = old.holderName;
      same.legalName = old.legalName;
      same.address = old.address;
      same.regCapital = old.regCapital;
      same.serviceScope = old.serviceScope;
      // 换发 keeps the number of the first issue, which names its year: the demo's document was
      // replaced later that same year (three months on, by 31 December at the latest, never after today).
      const long long firstIssued = core::parseTime(old.issuedOn).value_or(core::nowMs());
      same.issuedOn = std::min({core::toChinaDate(firstIssued + 91 * core::kDayMs), old.issuedOn.substr(0, 4) + "-12-31", today});
      service.replace(c, actor, old.id, same);
    }
    return static_cast<long long>(holders.size());
  });
}

// Police stations of a county: named after its first towns, plus any given explicitly.
std::vector<std::pair<std::string, std::string>> stationsOf(const std::string& county, int count) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto* town : core::RegionTable::instance().children(county)) {
    if (static_cast<int>(out.size()) >= count) break;
    std::string name = town->name;
    for (const char* suffix : {"街道办事处", "街道", "镇", "乡"}) {
      const std::string s(suffix);
      if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0) {
        name.erase(name.size() - s.size());
        break;
      }
    }
    out.emplace_back(name + "派出所", town->code);
  }
  return out;
}

// 名单管理: a few watch-list entries, kept by the provincial department, that hit demo company legal
// persons and guards, so that the background checks of the demo show hits.
long long seedWatchList(db::Conn& c, const background_check::Settings& bg) {
  auto code = [&](const std::string& preferred) {
    return background_check::findDatabase(bg, preferred) ? preferred : bg.databases.front().code;
  };
  const auto province = c.queryOne(Query("SELECT id, path FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1"));
  const auto admin = c.queryOne(Query("SELECT id FROM users WHERE account = 'admin'"));
  if (!province || !admin) return 0;
  struct Entry {
    std::string database, situation, source;
  };
  const std::vector<Entry> legal = {
      {"criminal", "因故意犯罪受过刑事处罚(2015年 盗窃罪,有期徒刑一年)", "咸阳市公安局"},
      {"key_person", "涉稳重点人员", "陕西省公安厅"}};
  const std::vector<Entry> guards = {
      {"drug", "曾被强制隔离戒毒(2019年)", "咸阳市公安局禁毒支队"},
      {"fugitive", "网上追逃人员", "公安部通报"},
      {"criminal", "受过行政拘留三次以上", "渭城分局"}};
  std::vector<std::pair<std::string, std::string>> people;  // ID number, name
  for (const auto& r : c.query(Query("SELECT legal_id_no, legal_name FROM companies ORDER BY id LIMIT 5")))
    people.emplace_back(r.str("legal_id_no"), r.str("legal_name"));
  std::vector<std::pair<std::string, std::string>> guardPeople;
  for (const auto& r : c.query(Query("SELECT id_no, name FROM guards ORDER BY id LIMIT 30")))
    guardPeople.emplace_back(r.str("id_no"), r.str("name"));
  const background::WatchListStore store;
  const long long now = core::nowMs();
  long long n = 0;
  auto add = [&](const std::pair<std::string, std::string>& who, const Entry& e) {
    store.insert(c, {who.first, who.second, code(e.database), e.situation, e.source}, province->i64("id"), province->str("path"), now,
                 admin->i64("id"));
    ++n;
  };
  // The 2nd and the 5th company's legal persons; the 3rd, 10th and 20th guards.
  if (people.size() >= 5) {
    add(people[1], legal[0]);
    add(people[4], legal[1]);
  }
  if (guardPeople.size() >= 20) {
    add(guardPeople[2], guards[0]);
    add(guardPeople[9], guards[1]);
    add(guardPeople[19], guards[2]);
  }
  return n;
}

// 西安 and 宝鸡: the cities a 咸阳 company serves in (跨区域服务备案) and one it does not. Their city
// bureaus and two districts each (unless --whole-province made them), each city's supervising
// officer (xa_jb, bj_jb: the whole city, 市经办民警 of every type) and 西安's 市保安处领导 (xa_bac).
// Made after the industry, whose companies all stay in 咸阳.
void seedOtherCities(db::Conn& c, const std::string& officerHash) {
  Seeder s{c};
  s.serial = static_cast<int>(c.scalar(Query("SELECT MAX(sort_order) FROM orgs")));
  const long long province = c.scalar(Query("SELECT id FROM orgs WHERE type = 'province_dept' ORDER BY id"));
  struct City {
    std::string code, name, account, officer, leaderAccount, leader;
    std::vector<std::pair<std::string, std::string>> districts;
  };
  const std::vector<City> cities = {
      {"610100", "西安市公安局", "xa_jb", "韩立军", "xa_bac", "郑国强", {{"610102", "新城分局"}, {"610113", "雁塔分局"}}},
      {"610300", "宝鸡市公安局", "bj_jb", "吕建平", "", "", {{"610302", "渭滨分局"}, {"610303", "金台分局"}}}};
  int n = 100;
  for (const auto& city : cities) {
    long long cityId = c.scalar(Query("SELECT id FROM orgs WHERE region_code = ? AND type = 'city_bureau' ORDER BY id", city.code));
    if (!cityId) {
      cityId = s.org(province, city.name, city.code, "city_bureau");
      for (const auto& [code, name] : city.districts) s.org(cityId, name, code, "district_bureau");
    }
    const long long role = s.role(cityId, "监管民警", cityOfficerPermissions(), "custom");
    c.exec(Query("INSERT INTO role_scope_orgs (role_id, org_id) VALUES (?, ?)", role, cityId));
    s.user(city.account, city.officer, cityId, officerHash, {role}, postEverywhere("city_handler"), ++n);
    if (!city.leaderAccount.empty())
      s.user(city.leaderAccount, city.leader, cityId, officerHash, {role}, postEverywhere("city_security_leader"), ++n);
  }
}

}  // namespace

int runSeed(const Config& cfg, bool demo, const IndustryOptions& industry) {
  if (!demo) return 2;
  db::Database db(cfg.dbUrl, 1);
  if (db::schemaVersion(db) == 0) db::migrate(db);
  approval::ensureChains(db);
  const bool hasData = db.read([](db::Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM orgs")) > 0; });
  if (hasData) {
    std::cerr << "error: the database already holds data; seed only an empty database\n";
    return 1;
  }
  // Hashing is deliberately slow; two hashes serve all demo accounts' distinct passwords.
  const std::string adminHash = crypto::hashPassword("Admin@2026");
  const std::string officerHash = crypto::hashPassword("Baoan@2026");
  db.write([&](db::Conn& c) {
    Seeder s{c};
    const auto& regions = core::RegionTable::instance();
    const long long province = s.org(std::nullopt, "陕西省公安厅", "610000", "province_dept", "029-86168114", "陕西省西安市雁塔区");
    const long long city = s.org(province, "咸阳市公安局", "610400", "city_bureau", "029-33212110", "陕西省咸阳市秦都区人民东路");
    const long long detachment = s.org(city, "治安支队", "610400", "detachment", "029-33212200");
    const long long section = s.org(detachment, "保安管理科", "610400", "brigade", "029-33212211");
    std::map<std::string, long long> branches;
    for (const auto* county : regions.children("610400")) {
      const std::string& n = county->name;
      const bool district = n.size() > 3 && n.compare(n.size() - 3, 3, "区") == 0;
      std::string name = district ? n.substr(0, n.size() - 3) + "分局" : n + "公安局";
      const long long b = s.org(city, name, county->code, district ? "district_bureau" : "county_bureau");
      branches[county->code] = b;
      // Every demo 派出所 covers a town (the exam registrations of its people go to it); the towns no
      // station covers go to the station named for the county (station_routes).
      std::optional<long long> fallback;
      if (county->code == "610404") fallback = s.org(b, "渭城护城河派出所", "610404003000", "police_station", "029-33230110");
      for (const auto& [station, code] : stationsOf(county->code, county->code == "610404" ? 2 : 3)) {
        const long long id = s.org(b, station, code, "police_station");
        if (!fallback) fallback = id;
      }
      if (fallback)
        c.exec(Query("INSERT INTO station_routes (county_code, org_id, updated_at) VALUES (?, ?, ?)", county->code, *fallback, core::nowMs()));
    }

    std::vector<std::string> systemAdmin = permissionsOfGroup("系统管理");
    // The working calendar is the province's: the city and district administrators read it, the
    // province's administrator edits it.
    std::erase(systemAdmin, std::string("calendar:update"));
    // The approval chains are the province's too (one chain per business type): the others read them.
    std::erase(systemAdmin, std::string("workflow:update"));
    const long long superRole = s.role(province, "系统管理员", core::allPermissions(), "all");
    // 吊销 / 注销 of a licence is decided by the issuing organ, the provincial department.
    auto provinceOfficerPermissions = officerPermissions();
    provinceOfficerPermissions.push_back("licence:revoke");
    const long long provinceOfficer = s.role(province, "省厅民警", provinceOfficerPermissions, "all");
    const long long cityAdmin = s.role(city, "市局系统管理员", systemAdmin, "org_and_below");
    // The city's supervisors sit in its 支队/科 but oversee the whole city: a custom scope of the city.
    const long long cityOfficer = s.role(city, "监管民警", cityOfficerPermissions(), "custom");
    c.exec(Query("INSERT INTO role_scope_orgs (role_id, org_id) VALUES (?, ?)", cityOfficer, city));
    const long long wcAdmin = s.role(branches["610404"], "分局系统管理员", systemAdmin, "org_and_below");
    const long long qdAdmin = s.role(branches["610402"], "分局系统管理员", systemAdmin, "org_and_below");
    const long long wcOfficer = s.role(branches["610404"], "监管民警", examOfficerPermissions(), "org_and_below");
    const long long qdOfficer = s.role(branches["610402"], "监管民警", examOfficerPermissions(), "org_and_below");

    int n = 0;
    s.user("admin", "系统管理员", province, adminHash, {superRole}, {}, ++n);
    s.user("xy_admin", "咸阳市局管理员", city, officerHash, {cityAdmin}, {}, ++n);
    s.user("wc_admin", "渭城分局管理员", branches["610404"], officerHash, {wcAdmin}, {}, ++n);
    s.user("qd_admin", "秦都分局管理员", branches["610402"], officerHash, {qdAdmin}, {}, ++n);
    s.user("xy_jb", "王建国", section, officerHash, {cityOfficer}, postEverywhere("city_handler"), ++n);
    s.user("xy_bac", "李振华", detachment, officerHash, {cityOfficer}, postEverywhere("city_security_leader"), ++n);
    s.user("xy_zaj", "张卫东", detachment, officerHash, {cityOfficer}, postEverywhere("city_public_order_leader"), ++n);
    s.user("xy_sj", "刘志强", city, officerHash, {cityOfficer}, postEverywhere("city_bureau_leader"), ++n);
    s.user("st_kz", "赵明", province, officerHash, {provinceOfficer}, postEverywhere("province_section_chief"), ++n);
    s.user("st_mj", "陈晓峰", province, officerHash, {provinceOfficer}, postEverywhere("province_officer"), ++n);
    s.user("st_fcz", "杨光辉", province, officerHash, {provinceOfficer}, postEverywhere("province_deputy_director"), ++n);
    s.user("wc_jb", "周海涛", branches["610404"], officerHash, {wcOfficer}, postEverywhere("county_handler"), ++n);
    const long long hcStation = c.scalar(Query("SELECT id FROM orgs WHERE name = '渭城护城河派出所'"));
    s.user("hc_mj", "孙立新", hcStation, officerHash, {wcOfficer}, postEverywhere("station_officer"), ++n);
    s.user("hc_sz", "马文博", hcStation, officerHash, {wcOfficer}, postEverywhere("station_chief"), ++n);
    // 秦都: its county handler and the officers of its first station (the exam registrations of 秦都).
    const long long qdStation = c.scalar(Query("SELECT org_id FROM station_routes WHERE county_code = '610402'"));
    s.user("qd_jb", "冯国栋", branches["610402"], officerHash, {qdOfficer}, postEverywhere("county_handler"), ++n);
    s.user("qd_mj", "何建平", qdStation, officerHash, {qdOfficer}, postEverywhere("station_officer"), ++n);
    s.user("qd_sz", "罗卫民", qdStation, officerHash, {qdOfficer}, postEverywhere("station_chief"), ++n);
  });
  const auto summary = generateIndustry(db, industry, auth::CredentialsService::initialPasswordHash());
  const long long watchListed = db.write([&](db::Conn& c) { return seedWatchList(c, cfg.backgroundCheck); });
  const FlaggedSummary flagged = seedDemoFlagged(db, cfg);  // §9.3: the watch-listed guards screened, two opinions
  const long long licences = issueDemoLicences(db, cfg);
  db.write([&](db::Conn& c) { seedOtherCities(c, officerHash); });
  seedDemoPromisedLimits(db);  // before the first case: 承诺时限 shorter than 法定 for several types
  const FilingsSummary filings = seedUnitFilings(db, cfg);
  const long long cases = seedDemoCases(db, cfg);
  const long long registrations = seedDemoRegistrations(db, cfg);
  seedDemoExams(db, cfg);  // after the registrations (issue 13: registrations → exams → payments → certificates)
  const PaymentsSummary payments = seedDemoPayments(db, cfg);
  const CertificatesSummary certificates = seedDemoCertificates(db, cfg);
  spreadDemoCertificateCases(db);  // 制证审批 decided over working days, not seconds
  const TasksSummary tasks = seedDemoTasks(db, cfg);  // issue 14: the companies' tasks and two emergency tasks
  const long long inspections = seedDemoInspections(db);  // §9.1 监督检查, every rectification state
  const long long feedback = seedDemoFeedback(db, cfg);  // §9.2 市民投诉建议
  const HistorySummary history = seedDemoHistory(db);  // last: 12 months of closed cases and registrations for 统计管理
  // After the exam's person accounts (the first one is the one printed below): guards' own accounts.
  const RealNameSummary realName = seedDemoRealName(db);
  // Last of the guards' seeds: every demo guard not screened yet goes into the screening worker's queue.
  const long long queued = queueDemoGuardsForScreening(db);
  const std::string personAccount = db.read([](db::Conn& c) {
    auto r = c.queryOne(Query("SELECT account FROM users WHERE unit_kind = 'person' ORDER BY id LIMIT 1"));
    return r ? r->str("account") : std::string();
  });
  const long long orgs = db.read([](db::Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM orgs")); });
  const long long users = db.read([](db::Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM users WHERE kind = 'officer'")); });
  std::cout << "seeded demo data: " << orgs << " orgs, " << users << " officers, " << summary.companies << " companies (portal accounts: "
            << "their credit codes, password 123456, e.g. " << summary.sampleCompanyAccount << "), " << summary.inhouseUnits
            << " in-house units, " << summary.trainingUnits << " training units, " << summary.associations << " associations, "
            << summary.guards << " guards, " << summary.goodDeeds << " good deeds, " << licences << " licences, " << watchListed
            << " watch-list entries, " << filings.branches << " branches, " << filings.crossRegion << " cross-region filings, "
            << filings.annualReports << " annual reports of 2025, " << filings.inhouseFiled << " in-house filings ("
            << filings.inhouseRevoked << " revoked), " << cases
            << " approval cases (applicant accounts: their credit codes, password Apply@2026), " << registrations
            << " exam registrations (the person " << personAccount << " signs in with the ID number, password Apply@2026), "
            << payments.paid + payments.free << " exam fees paid (" << payments.free << " free resits, " << payments.refunded
            << " refunded), " << payments.unpaid << " unpaid, " << certificates.certifying + certificates.certified << " 保安员证 ("
            << certificates.pending << " waiting for 制证审批, " << certificates.handedOver << " handed over, " << certificates.revoked
            << " revoked), " << tasks.tasks << " tasks, " << tasks.emergency << " emergency tasks, " << inspections
            << " inspections, " << feedback << " citizen complaints and suggestions; history of the past 12 months: "
            << history.cases << " closed cases, " << history.registrations << " closed exam registrations, "
            << history.certificates << " 保安员证\n";
  std::cout << "实名认证: " << realName.accounts << " guards opened a person account (their ID number, password Apply@2026), "
            << realName.signedIn << " of them signed in once (App 初始化)\n";
  std::cout << "问题人员: " << flagged.flagged << " guards flagged by the screening (" << flagged.opinions << " with an opinion); "
            << queued << " more guards queued for the background screening, which `baoan serve` works through after the start "
            << "(the progress on 问题人员)\n";
  if (!summary.bigCompanyAccount.empty())
    std::cout << "big company: 秦安保安服务集团有限公司 with " << industry.bigCompanyGuards << " guards, portal account "
              << summary.bigCompanyAccount << "\n";
  return 0;
}

}  // namespace baoan::app
