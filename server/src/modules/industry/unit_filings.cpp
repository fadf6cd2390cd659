#include "modules/industry/unit_filings.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/error.h"
#include "core/regions.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "modules/industry/registry_store.h"
#include "modules/number_sequence.h"

namespace baoan::industry {

using modules::textOrNull;
using nlohmann::json;

namespace {

constexpr std::size_t kShortText = 60;
constexpr std::size_t kLongText = 2000;

std::string todayUnitFilings() { return core::toChinaDate(core::nowMs()); }

std::size_t utf8Length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++n;
  return n;
}

bool hasControl(const std::string& s, bool multiline) {
  return std::any_of(s.begin(), s.end(), [&](unsigned char ch) {
    if (multiline && (ch == '\n' || ch == '\r' || ch == '\t')) return false;
    return ch < 0x20 || ch == 0x7F;
  });
}

// The checks of what the engine hands over; every problem at once, 422 naming each field.
struct Checks {
  FieldErrors e;

  void text(const std::string& field, const std::string& label, const std::string& v, std::size_t max = kShortText, bool required = true,
            bool multiline = false) {
    if (v.empty()) {
      if (required) e.add(field, label + "不能为空");
      return;
    }
    if (utf8Length(v) > max) e.add(field, label + "不能超过" + std::to_string(max) + "个字符");
    else if (hasControl(v, multiline)) e.add(field, label + "含有不允许的控制字符");
  }
  void date(const std::string& field, const std::string& label, const std::string& v) {
    if (v.empty()) e.add(field, label + "不能为空");
    else if (!core::isValidDate(v)) e.add(field, label + "格式错误,应为 YYYY-MM-DD");
  }
  // An optional date ("" = todayUnitFilings): valid when given.
  std::string dateOrToday(const std::string& field, const std::string& label, const std::string& v) {
    if (v.empty()) return todayUnitFilings();
    date(field, label, v);
    return v;
  }
  void region(const std::string& field, const std::string& label, const std::string& v) {
    if (v.empty()) e.add(field, label + "不能为空");
    else if (!core::RegionTable::instance().find(v)) e.add(field, label + "不是有效的行政区划代码");
  }
  std::string idNo(const std::string& field, const std::string& label, const std::string& v, core::IdNumberInfo* info = nullptr) {
    std::string up = v;
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    if (up.empty()) e.add(field, label + "不能为空");
    else if (auto m = core::checkIdNumber(up, info)) e.add(field, label + *m);
    return up;
  }
  std::string mobile(const std::string& field, const std::string& label, const std::string& v, bool required = true) {
    if (v.empty()) {
      if (required) e.add(field, label + "不能为空");
      return v;
    }
    std::string out;
    if (auto m = core::normalizeMobile(v, out)) e.add(field, label + m.value());
    return out;
  }
  void serviceScope(const std::string& field, const std::string& label, const std::string& codes) {
    if (codes.empty()) {
      e.add(field, label + "不能为空");
      return;
    }
    std::size_t start = 0;
    while (start <= codes.size()) {
      std::size_t end = codes.find(',', start);
      if (end == std::string::npos) end = codes.size();
      if (!core::dictHas("serviceScopes", codes.substr(start, end - start))) {
        e.add(field, label + "含有无效的取值");
        return;
      }
      start = end + 1;
    }
  }
};

void scopeJson(json& j, const std::string& codes) {
  json arr = json::array();
  std::string names;
  for (const auto& code : core::splitCodes(codes)) {
    arr.push_back(code);
    names += (names.empty() ? "" : "、") + core::dictName("serviceScopes", code);
  }
  j["serviceScope"] = arr;
  j["serviceScopeNames"] = names;
}

std::string regionName(const std::string& code) { return code.empty() ? "" : core::RegionTable::instance().fullName(code); }

SupervisingOrg supervisorOf(db::Conn& c, const std::string& field, const std::string& regionCode) {
  auto org = orgOfRegion(c, regionCode);
  if (!org) throw invalidField(field, "该区域没有监管的公安机关");
  return *org;
}

CompanyRecord activeCompany(db::Conn& c, const CompanyStore& companies, long long id) {
  auto co = companies.find(c, id);
  if (!co) throw invalidField("companyId", "保安服务公司不存在");
  if (co->status != "active") throw conflict("保安服务公司「" + co->name + "」已注销");
  return *co;
}

json idOrNull(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

// The items of 项目变更 and their columns in each holder's table.
struct ChangeItem {
  const char* key;
  const char* label;
  const char* column;
};
const std::vector<ChangeItem>& changeItems(const std::string& holderKind) {
  static const std::vector<ChangeItem> company = {
      {"name", "名称", "name"},           {"address", "住所", "reg_address"},          {"legalName", "法定代表人", "legal_name"},
      {"legalIdNo", "法定代表人身份证号", "legal_id_no"}, {"legalMobile", "法定代表人手机", "legal_mobile"},
      {"regCapital", "注册资本", "reg_capital"}, {"serviceScope", "服务范围", "service_scope"}};
  static const std::vector<ChangeItem> training = {
      {"name", "名称", "name"},           {"address", "住所", "reg_address"},          {"legalName", "法定代表人", "legal_name"},
      {"legalIdNo", "法定代表人身份证号", "legal_id_no"}, {"legalMobile", "法定代表人手机", "legal_mobile"},
      {"regCapital", "注册资本", "reg_capital"}};
  static const std::vector<ChangeItem> none;
  if (holderKind == "company") return company;
  if (holderKind == "training_unit") return training;
  return none;
}

std::string valueText(const db::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "(空)";
  if (auto i = std::get_if<long long>(&v)) return std::to_string(*i);
  if (auto d = std::get_if<double>(&v)) return std::to_string(*d);
  return std::get<std::string>(v);
}

}  // namespace

// ---- effects -------------------------------------------------------------------------------------

long long UnitFilings::recordBranch(db::Conn& c, const core::Actor& a, const BranchRecord& r) {
  Checks k;
  k.text("name", "分公司名称", r.name);
  k.text("address", "住所", r.address, 200);
  k.region("regionCode", "分公司所在地", r.regionCode);
  k.text("headName", "负责人姓名", r.headName, 20);
  const std::string headIdNo = k.idNo("headIdNo", "负责人身份证号", r.headIdNo);
  const std::string headMobile = k.mobile("headMobile", "负责人手机", r.headMobile);
  k.serviceScope("serviceScope", "服务范围", r.serviceScope);
  k.date("setUpOn", "设立日期", r.setUpOn);
  const std::string filedOn = k.dateOrToday("filedOn", "备案日期", r.filedOn);
  k.e.throwIfAny();

  const CompanyRecord co = activeCompany(c, companies_, r.companyId);
  const SupervisingOrg org = supervisorOf(c, "regionCode", r.regionCode);
  const long long now = core::nowMs();
  BranchRow b{0, r.companyId, r.name, r.address, r.regionCode, r.headName, headIdNo, headMobile, r.serviceScope, r.setUpOn, filedOn,
              r.applicationId, org.id, org.path, "", now, now};
  auto id = store_.branchIdByName(c, r.companyId, r.name);
  if (id) {
    store_.updateBranch(c, *id, b);
    audit::record(c, a, "update", "company_branch", std::to_string(*id), "分公司备案,更新 " + co.name + " 的分公司:" + r.name);
  } else {
    id = store_.insertBranch(c, b, a.who.userId);
    audit::record(c, a, "create", "company_branch", std::to_string(*id), "分公司备案,登记 " + co.name + " 的分公司:" + r.name);
  }
  return *id;
}

long long UnitFilings::recordCrossRegion(db::Conn& c, const core::Actor& a, const CrossRegionRecord& r) {
  Checks k;
  k.text("licenceNo", "许可证编号", r.licenceNo, 40, false);
  k.region("serviceRegionCode", "服务所在地", r.serviceRegionCode);
  k.text("clientName", "客户单位", r.clientName);
  k.date("periodFrom", "服务开始日期", r.periodFrom);
  k.date("periodTo", "服务结束日期", r.periodTo);
  if (!k.e.has("periodFrom") && !k.e.has("periodTo") && r.periodTo < r.periodFrom) k.e.add("periodTo", "服务结束日期不能早于开始日期");
  k.text("leaderName", "项目负责人姓名", r.leaderName, 20);
  const std::string leaderIdNo = k.idNo("leaderIdNo", "项目负责人身份证号", r.leaderIdNo);
  const std::string leaderMobile = k.mobile("leaderMobile", "项目负责人手机", r.leaderMobile);
  if (r.guardIds.empty()) k.e.add("guardIds", "请选择派出的保安员");
  const std::string filedOn = k.dateOrToday("filedOn", "备案日期", r.filedOn);
  k.e.throwIfAny();

  const CompanyRecord co = activeCompany(c, companies_, r.companyId);
  std::string licenceNo = r.licenceNo;
  if (licenceNo.empty()) licenceNo = store_.activeCompanyLicence(c, r.companyId).value_or("");
  if (licenceNo.empty()) throw invalidField("licenceNo", "该公司未取得保安服务许可证");
  // Every guard sent is the company's employee now.
  std::vector<long long> guardIds;
  std::string strangers;
  for (long long id : r.guardIds) {
    if (std::find(guardIds.begin(), guardIds.end(), id) != guardIds.end()) continue;
    auto g = guards_.find(c, id);
    if (!g || !g->employed || g->employerKind != "company" || g->employerId != r.companyId)
      strangers += (strangers.empty() ? "" : "、") + (g ? g->person.name : "编号" + std::to_string(id));
    guardIds.push_back(id);
  }
  if (!strangers.empty()) throw invalidField("guardIds", "保安员 " + strangers + " 不是" + co.name + "的在职保安员");
  const SupervisingOrg service = supervisorOf(c, "serviceRegionCode", r.serviceRegionCode);

  const long long now = core::nowMs();
  CrossRegionRow f;
  f.companyId = r.companyId;
  f.licenceNo = licenceNo;
  f.serviceRegionCode = r.serviceRegionCode;
  f.clientName = r.clientName;
  f.periodFrom = r.periodFrom;
  f.periodTo = r.periodTo;
  f.leaderName = r.leaderName;
  f.leaderIdNo = leaderIdNo;
  f.leaderMobile = leaderMobile;
  f.filedOn = filedOn;
  f.applicationId = r.applicationId;
  f.orgId = co.orgId;
  f.orgPath = co.orgPath;
  f.serviceOrgId = service.id;
  f.serviceOrgPath = service.path;
  f.createdAt = f.updatedAt = now;
  const long long id = store_.insertCrossRegion(c, f, a.who.userId);
  for (long long g : guardIds) store_.addCrossRegionGuard(c, id, g);
  audit::record(c, a, "create", "cross_region_filing", std::to_string(id),
                "跨区域服务备案:" + co.name + " 在" + regionName(r.serviceRegionCode) + "为" + r.clientName + "服务(" + r.periodFrom + " 至 " +
                    r.periodTo + "),派出保安员 " + std::to_string(guardIds.size()) + " 名");
  return id;
}

long long UnitFilings::recordAnnualReport(db::Conn& c, const core::Actor& a, const AnnualReportRecord& r) {
  Checks k;
  const int thisYear = std::stoi(todayUnitFilings().substr(0, 4));
  if (r.year < 2010 || r.year > thisYear) k.e.add("year", "年度应在2010至" + std::to_string(thisYear) + "之间");
  k.text("operatingSummary", "经营情况", r.operatingSummary, kLongText, true, true);
  if (r.guardCount < 0) k.e.add("guardCount", "保安员人数不能为负数");
  if (r.certifiedCount < 0) k.e.add("certifiedCount", "持证人数不能为负数");
  else if (r.certifiedCount > r.guardCount) k.e.add("certifiedCount", "持证人数不能多于保安员人数");
  k.text("trainingSummary", "培训情况", r.trainingSummary, kLongText, true, true);
  if (r.clientCount < 0) k.e.add("clientCount", "服务单位数不能为负数");
  k.text("violations", "违法违规与事故情况", r.violations, kLongText, true, true);
  k.text("financeSummary", "财务摘要", r.financeSummary, kLongText, true, true);
  const std::string filedOn = k.dateOrToday("filedOn", "备案日期", r.filedOn);
  k.e.throwIfAny();

  auto co = companies_.find(c, r.companyId);
  if (!co) throw invalidField("companyId", "保安服务公司不存在");
  const long long now = core::nowMs();
  AnnualReportRow row;
  row.companyId = r.companyId;
  row.year = r.year;
  row.operatingSummary = r.operatingSummary;
  row.guardCount = r.guardCount;
  row.certifiedCount = r.certifiedCount;
  row.trainingSummary = r.trainingSummary;
  row.clientCount = r.clientCount;
  row.violations = r.violations;
  row.financeSummary = r.financeSummary;
  row.reportFileId = r.reportFileId;
  row.filedOn = filedOn;
  row.applicationId = r.applicationId;
  row.orgId = co->orgId;
  row.orgPath = co->orgPath;
  row.createdAt = row.updatedAt = now;
  const std::string what = co->name + " " + std::to_string(r.year) + " 年度报告";
  auto id = store_.reportIdOf(c, r.companyId, r.year);
  if (id) {
    store_.updateReport(c, *id, row);
    audit::record(c, a, "update", "annual_report", std::to_string(*id), "年度报告备案,替换 " + what);
  } else {
    id = store_.insertReport(c, row, a.who.userId);
    audit::record(c, a, "create", "annual_report", std::to_string(*id), "年度报告备案:" + what);
  }
  return *id;
}

InhouseFiled UnitFilings::recordInhouseFiling(db::Conn& c, const core::Actor& a, const InhouseFilingRecord& r, long long applicantUserId) {
  Checks k;
  k.text("name", "单位名称", r.name);
  std::string code = r.code;
  std::transform(code.begin(), code.end(), code.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  if (code.empty()) k.e.add("code", "统一社会信用代码不能为空");
  else if (auto m = core::checkCreditCode(code)) k.e.add("code", "统一社会信用代码" + *m);
  k.text("unitType", "单位类型", r.unitType, 40, false);
  k.region("regionCode", "所在地区", r.regionCode);
  k.text("address", "住所", r.address, 200, false);
  k.text("legalName", "法定代表人姓名", r.legalName, 20);
  const std::string legalIdNo = k.idNo("legalIdNo", "法定代表人身份证号", r.legalIdNo);
  const std::string legalMobile = k.mobile("legalMobile", "法定代表人手机", r.legalMobile);
  k.text("securityHeadName", "保安工作负责人姓名", r.securityHeadName, 20, false);
  const std::string headMobile = k.mobile("securityHeadMobile", "保安工作负责人手机", r.securityHeadMobile, false);
  const std::string filedOn = k.dateOrToday("filedOn", "备案日期", r.filedOn);
  const std::string startedOn = r.startedOn.empty() ? filedOn : r.startedOn;
  if (!r.startedOn.empty()) k.date("startedOn", "开始招用日期", r.startedOn);
  // The guards listed, each a person of at least 18 (条例 art. 16), each once.
  std::vector<GuardPerson> people;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < r.guards.size(); ++i) {
    const std::string row = "guards[" + std::to_string(i) + "]";
    const std::string who = "保安员名单第" + std::to_string(i + 1) + "行";
    const PersonRow& pr = r.guards[i];
    GuardPerson p;
    p.name = pr.name;
    k.text(row + ".name", who + ":姓名", pr.name, 20);
    core::IdNumberInfo info;
    p.idNo = k.idNo(row + ".idNo", who + ":身份证号", pr.idNo, &info);
    if (!k.e.has(row + ".idNo")) {
      if (core::ageOn(info.birthDate, todayUnitFilings()) < 18) k.e.add(row + ".idNo", who + ":保安员须年满18周岁(保安服务管理条例第十六条)");
      else if (!seen.insert(p.idNo).second) k.e.add(row + ".idNo", who + ":身份证号与前面的行重复");
      p.gender = info.gender;
      p.birthDate = info.birthDate;
    }
    p.mobile = k.mobile(row + ".mobile", who + ":手机号", pr.mobile);
    people.push_back(std::move(p));
  }
  k.e.throwIfAny();

  const SupervisingOrg org = supervisorOf(c, "regionCode", r.regionCode);
  auto existing = store_.inhouseByCode(c, code);
  if (existing && existing->filingStatus && *existing->filingStatus == "filed")
    throw conflict("该单位已备案(备案编号 " + existing->filingNo.value_or("") + "),不能重复备案");
  // A listed guard employed by another unit now: refused, naming the row.
  FieldErrors busy;
  std::vector<std::optional<GuardRow>> current;
  for (std::size_t i = 0; i < people.size(); ++i) {
    auto g = guards_.findByIdNo(c, people[i].idNo);
    if (g && g->employed && !(existing && g->employerKind == "inhouse" && g->employerId == existing->id))
      busy.add("guards[" + std::to_string(i) + "].idNo",
               "保安员名单第" + std::to_string(i + 1) + "行:" + people[i].name + " 当前在「" + g->employerName + "」在职,须先办理离职");
    current.push_back(std::move(g));
  }
  busy.throwIfAny();

  // The filing number: province abbreviation + 自招备 + year + sequence of the year.
  const std::string prefix = core::provinceAbbreviation(r.regionCode) + "自招备";
  const int year = std::stoi(filedOn.substr(0, 4));
  const long long seq = modules::nextInSequence(c, prefix, year);
  if (seq > 99999) throw conflict("本年度备案编号已用完");
  char digits[32];
  std::snprintf(digits, sizeof digits, "%04d-%05lld", year, seq);
  const std::string filingNo = prefix + digits;

  const long long now = core::nowMs();
  UnitFilingStore::InhouseFacts u{r.name, code, r.unitType, r.regionCode, r.address, r.legalName, legalIdNo, legalMobile,
                                  r.securityHeadName, headMobile, static_cast<long long>(people.size()), filingNo, filedOn,
                                  r.applicationId, org.id, org.path};
  long long unitId = 0;
  if (existing) {
    unitId = existing->id;
    store_.updateInhouseFiled(c, unitId, u, now);
    // Guards it already employs follow its (possibly new) name and org.
    guards_.followEmployer(c, {"inhouse", unitId, r.name, org.id, org.path});
  } else {
    unitId = store_.insertInhouse(c, u, a.who.userId, now);
  }
  const Employer employer{"inhouse", unitId, r.name, org.id, org.path};
  for (std::size_t i = 0; i < people.size(); ++i) {
    const auto& g = current[i];
    if (g && g->employed) continue;  // already this unit's
    if (g) {
      GuardPerson p = g->person;  // the record keeps its other facts; the list gives name and mobile
      p.name = people[i].name;
      p.mobile = people[i].mobile;
      guards_.updatePerson(c, g->id, p);
      guards_.hire(c, g->id, employer, startedOn);
      guards_.logChange(c, g->id, "rehire", a.who.userId);
    } else {
      const long long id = guards_.insert(c, people[i], employer, startedOn, a.who.userId);
      guards_.logChange(c, id, "create", a.who.userId);
    }
  }
  if (applicantUserId) users_.makeUnitAccount(c, applicantUserId, "inhouse_unit", unitId, org.id, org.path);
  audit::record(c, a, existing ? "update" : "create", "inhouse_unit", std::to_string(unitId),
                "自行招用保安员单位备案:" + r.name + "(备案编号 " + filingNo + "),保安员 " + std::to_string(people.size()) + " 名");
  return {unitId, filingNo};
}

void UnitFilings::revokeInhouseFiling(db::Conn& c, const core::Actor& a, long long unitId, const std::string& stoppedOn,
                                      const std::string& reason, const std::string& guardsDisposition) {
  Checks k;
  k.date("stoppedOn", "停止日期", stoppedOn);
  k.text("reason", "撤销原因", reason, 500, true, true);
  k.text("guardsDisposition", "保安员处置情况", guardsDisposition, 500, false, true);
  k.e.throwIfAny();
  auto unit = store_.inhouse(c, unitId);
  if (!unit) throw invalidField("unitId", "自行招用保安员单位不存在");
  if (!unit->filingStatus || *unit->filingStatus != "filed") throw conflict("「" + unit->name + "」没有有效的备案,不能撤销");
  const auto released = store_.employedGuards(c, "inhouse", unitId);
  for (long long g : released) {
    guards_.leave(c, g, stoppedOn);
    guards_.logChange(c, g, "leave", a.who.userId);
  }
  store_.revokeInhouse(c, unitId, stoppedOn, reason, guardsDisposition, core::nowMs());
  audit::record(c, a, "revoke", "inhouse_unit", std::to_string(unitId),
                "撤销自行招用保安员单位备案:" + unit->name + "(备案编号 " + unit->filingNo.value_or("") + "),停止日期 " + stoppedOn +
                    ",解除保安员 " + std::to_string(released.size()) + " 名,原因:" + reason);
}

long long UnitFilings::recordTrainingUnit(db::Conn& c, const core::Actor& a, const TrainingUnitRecord& r, long long applicantUserId) {
  Checks k;
  k.text("name", "名称", r.name);
  k.text("code", "统一社会信用代码", r.code, 40);
  k.region("regionCode", "所在地区", r.regionCode);
  k.text("address", "住所", r.address, 200, false);
  k.text("legalName", "法定代表人姓名", r.legalName, 20);
  const std::string legalIdNo = r.legalIdNo.empty() ? "" : k.idNo("legalIdNo", "法定代表人身份证号", r.legalIdNo);
  const std::string legalMobile = k.mobile("legalMobile", "法定代表人手机", r.legalMobile, false);
  k.text("principalName", "主要负责人姓名", r.principalName, 20, false);
  const std::string principalIdNo = r.principalIdNo.empty() ? "" : k.idNo("principalIdNo", "主要负责人身份证号", r.principalIdNo);
  const std::string principalMobile = k.mobile("principalMobile", "主要负责人手机", r.principalMobile, false);
  if (r.regCapital && *r.regCapital <= 0) k.e.add("regCapital", "注册资本应为正数(万元)");
  k.text("licenceNo", "许可证编号", r.licenceNo, 40);
  const std::string issuedOn = k.dateOrToday("issuedOn", "发证日期", r.issuedOn);
  k.text("issuerName", "发证机关", r.issuerName, 60, false);
  k.e.throwIfAny();

  const SupervisingOrg org = supervisorOf(c, "regionCode", r.regionCode);
  UnitFilingStore::TrainingFacts t{r.name, r.code, r.regionCode, r.address, r.legalName, legalIdNo, legalMobile, r.principalName,
                                   principalIdNo, principalMobile, r.regCapital, r.licenceNo, issuedOn, r.issuerName, r.issuerCode,
                                   r.applicationId, org.id, org.path};
  const long long now = core::nowMs();
  auto existing = store_.trainingByCode(c, r.code);
  long long id = 0;
  if (existing) {
    id = existing->id;
    store_.updateTraining(c, id, t, now);
    audit::record(c, a, "update", "training_unit", std::to_string(id), "保安培训许可证核发,更新保安培训单位:" + r.name + "(" + r.licenceNo + ")");
  } else {
    id = store_.insertTraining(c, t, a.who.userId, now);
    audit::record(c, a, "create", "training_unit", std::to_string(id), "保安培训许可证核发,登记保安培训单位:" + r.name + "(" + r.licenceNo + ")");
  }
  if (applicantUserId) users_.makeUnitAccount(c, applicantUserId, "training_unit", id, org.id, org.path);
  return id;
}

void UnitFilings::applyLicenceChange(db::Conn& c, const core::Actor& a, const std::string& holderKind, long long holderId,
                                     const json& changes) {
  const auto& items = changeItems(holderKind);
  if (items.empty()) throw invalidField("holderKind", "变更的持证单位类型无效");
  if (!changes.is_object() || changes.empty()) throw invalidField("changes", "请填写变更事项");
  Checks k;
  std::vector<std::pair<const ChangeItem*, db::Value>> updates;
  for (const auto& [key, value] : changes.items()) {
    const std::string field = "changes." + key;
    auto item = std::find_if(items.begin(), items.end(), [&](const ChangeItem& i) { return key == i.key; });
    if (item == items.end()) {
      k.e.add(field, "「" + key + "」不是可变更的项目");
      continue;
    }
    const std::string label = std::string("变更后的") + item->label;
    if (key == "regCapital") {
      if (!value.is_number_integer() || value.get<long long>() <= 0) k.e.add(field, label + "应为正整数(万元)");
      else updates.emplace_back(&*item, value.get<long long>());
      continue;
    }
    std::string text;
    if (key == "serviceScope" && value.is_array()) {
      for (const auto& code : value) {
        if (!code.is_string()) {
          text = "?";  // refused below
          break;
        }
        text += (text.empty() ? "" : ",") + code.get<std::string>();
      }
    } else if (value.is_string()) {
      text = value.get<std::string>();
    } else {
      k.e.add(field, label + "应为文本");
      continue;
    }
    const std::size_t before = k.e.all().size();
    if (key == "serviceScope") k.serviceScope(field, label, text);
    else if (key == "legalIdNo") text = k.idNo(field, label, text);
    else if (key == "legalMobile") text = k.mobile(field, label, text);
    else k.text(field, label, text, key == "address" ? 200 : key == "legalName" ? 20 : kShortText);
    if (k.e.all().size() == before) updates.emplace_back(&*item, text);
  }
  k.e.throwIfAny();

  const std::string table = holderKind == "company" ? "companies" : "training_units";
  std::vector<std::string> columns = {"name", "org_id", "org_path"};
  for (const auto& [item, v] : updates)
    if (std::find(columns.begin(), columns.end(), item->column) == columns.end()) columns.push_back(item->column);
  auto old = store_.holderColumns(c, table, columns, holderId);
  if (!old) throw invalidField("holderId", holderKind == "company" ? "保安服务公司不存在" : "保安培训单位不存在");
  const long long now = core::nowMs();
  std::string summary;
  for (const auto& [item, v] : updates) {
    const std::string before = old->isNull(item->column) ? "(空)" : valueText(old->values.at(old->index(item->column)));
    store_.setHolderColumn(c, table, item->column, v, holderId, now);
    summary += (summary.empty() ? "" : ";") + std::string(item->label) + ":" + before + " → " + valueText(v);
  }
  std::string name = old->str("name");
  for (const auto& [item, v] : updates)
    if (std::string(item->key) == "name") name = std::get<std::string>(v);
  // A company's guards carry its name.
  if (holderKind == "company" && name != old->str("name"))
    guards_.followEmployer(c, {"company", holderId, name, old->i64("org_id"), old->str("org_path")});
  audit::record(c, a, "update", holderKind, std::to_string(holderId), "许可证项目变更," + old->str("name") + ":" + summary);
}

UnitState UnitFilings::unitState(db::Conn& c, const core::Principal& p) const {
  UnitState s;
  s.kind = p.kind;
  if (p.kind == "company" && p.companyId) {
    s.unitId = p.companyId;
    if (auto co = companies_.find(c, p.companyId)) s.unitName = co->name;
    if (auto no = store_.activeCompanyLicence(c, p.companyId); no && !no->empty()) {
      s.licensed = true;
      s.licenceNo = *no;
    }
  } else if (p.kind == "training_unit" && p.unitId) {
    s.unitId = p.unitId;
    if (auto t = store_.training(c, p.unitId)) {
      s.unitName = t->name;
      s.licenceNo = t->licenceNo;
      s.licensed = t->licenceNo && !t->licenceNo->empty() && !t->revokedOn;
    }
  } else if (p.kind == "inhouse_unit" && p.unitId) {
    s.unitId = p.unitId;
    if (auto u = store_.inhouse(c, p.unitId)) {
      s.unitName = u->name;
      s.filingNo = u->filingNo;
      s.filed = u->filingStatus && *u->filingStatus == "filed";
    }
  }
  return s;
}

// ---- reads ---------------------------------------------------------------------------------------

namespace {
json branchJson(const BranchRow& b, bool full) {
  json j = {{"id", b.id},
            {"companyId", b.companyId},
            {"name", b.name},
            {"address", b.address},
            {"regionCode", b.regionCode},
            {"regionName", regionName(b.regionCode)},
            {"headName", b.headName},
            {"headIdNo", full ? b.headIdNo : core::maskIdNumber(b.headIdNo)},
            {"headMobile", full ? b.headMobile : core::maskMobile(b.headMobile)},
            {"setUpOn", b.setUpOn},
            {"filedOn", b.filedOn},
            {"applicationId", idOrNull(b.applicationId)},
            {"orgId", b.orgId},
            {"orgName", b.orgName},
            {"createdAt", core::toIso(b.createdAt)},
            {"updatedAt", core::toIso(b.updatedAt)}};
  scopeJson(j, b.serviceScope);
  return j;
}

json crossRegionJson(const CrossRegionRow& f, bool full) {
  json guards = json::array();
  for (const auto& g : f.guards) guards.push_back({{"id", g.id}, {"name", g.name}, {"idNo", full ? g.idNo : core::maskIdNumber(g.idNo)}});
  return {{"id", f.id},
          {"companyId", f.companyId},
          {"companyName", f.companyName},
          {"licenceNo", f.licenceNo},
          {"serviceRegionCode", f.serviceRegionCode},
          {"serviceRegionName", regionName(f.serviceRegionCode)},
          {"clientName", f.clientName},
          {"periodFrom", f.periodFrom},
          {"periodTo", f.periodTo},
          {"leaderName", f.leaderName},
          {"leaderIdNo", full ? f.leaderIdNo : core::maskIdNumber(f.leaderIdNo)},
          {"leaderMobile", full ? f.leaderMobile : core::maskMobile(f.leaderMobile)},
          {"guards", guards},
          {"filedOn", f.filedOn},
          {"applicationId", idOrNull(f.applicationId)},
          {"orgId", f.orgId},
          {"orgName", f.orgName},
          {"serviceOrgId", f.serviceOrgId},
          {"serviceOrgName", f.serviceOrgName},
          {"createdAt", core::toIso(f.createdAt)},
          {"updatedAt", core::toIso(f.updatedAt)}};
}

json reportJson(const AnnualReportRow& r) {
  return {{"id", r.id},
          {"companyId", r.companyId},
          {"year", r.year},
          {"operatingSummary", r.operatingSummary},
          {"guardCount", r.guardCount},
          {"certifiedCount", r.certifiedCount},
          {"trainingSummary", r.trainingSummary},
          {"clientCount", r.clientCount},
          {"violations", r.violations},
          {"financeSummary", r.financeSummary},
          {"reportFileId", textOrNull(r.reportFileId)},
          {"filedOn", r.filedOn},
          {"applicationId", idOrNull(r.applicationId)},
          {"orgId", r.orgId},
          {"orgName", r.orgName},
          {"createdAt", core::toIso(r.createdAt)},
          {"updatedAt", core::toIso(r.updatedAt)}};
}

json roundJson(const ReportRound& r) { return {{"year", r.year}, {"deadline", r.deadline}, {"updatedAt", core::toIso(r.updatedAt)}}; }
json missingJson(const MissingReport& m) {
  return {{"id", m.id},
          {"name", m.name},
          {"creditCode", m.creditCode},
          {"licenceNo", m.licenceNo},
          {"regionCode", m.regionCode},
          {"regionName", regionName(m.regionCode)},
          {"legalName", m.legalName},
          {"contactPhone", textOrNull(m.contactPhone)},
          {"orgId", m.orgId},
          {"orgName", m.orgName}};
}

// A year in a path: four digits, 2000–2100 (else 422 naming year).
int parseYear(const std::string& s) {
  if (s.size() != 4 || !std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch); }))
    throw invalidField("year", "年度应为四位数字,如 2025");
  const int y = std::stoi(s);
  if (y < 2000 || y > 2100) throw invalidField("year", "年度应在2000至2100之间");
  return y;
}
}  // namespace

json crossRegionAssignmentsJson(db::Conn& c, long long guardId) {
  json out = json::array();
  for (const auto& f : UnitFilingStore().crossRegionOfGuard(c, guardId))
    out.push_back({{"filingId", f.id},
                   {"serviceRegionCode", f.serviceRegionCode},
                   {"serviceRegionName", regionName(f.serviceRegionCode)},
                   {"clientName", f.clientName},
                   {"periodFrom", f.periodFrom},
                   {"periodTo", f.periodTo}});
  return out;
}

void UnitFilingService::requireCompany(db::Conn& c, const core::Principal& p, long long companyId) const {
  companies_->requireVisible(c, p, companyId);
}

json UnitFilingService::branches(const core::Principal& p, long long companyId, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    requireCompany(c, p, companyId);
    auto [rows, total] = store_.branchesOf(c, companyId, page);
    json items = json::array();
    for (const auto& b : rows) items.push_back(branchJson(b, p.has("company:pii")));
    return modules::pageJson(std::move(items), total, page);
  });
}

json UnitFilingService::crossRegionOfCompany(const core::Principal& p, long long companyId, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    requireCompany(c, p, companyId);
    CrossRegionFilter f;
    f.companyId = companyId;
    auto [rows, total] = store_.crossRegion(c, f, page);
    json items = json::array();
    for (const auto& r : rows) items.push_back(crossRegionJson(r, p.has("company:pii")));
    return modules::pageJson(std::move(items), total, page);
  });
}

json UnitFilingService::annualReports(const core::Principal& p, long long companyId, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    requireCompany(c, p, companyId);
    auto [rows, total] = store_.reportsOf(c, companyId, page);
    json items = json::array();
    for (const auto& r : rows) items.push_back(reportJson(r));
    return modules::pageJson(std::move(items), total, page);
  });
}

json UnitFilingService::crossRegionFilings(const core::Principal& p, const CrossRegionFilter& filter, const core::PageRequest& page) {
  CrossRegionFilter f = filter;
  f.scope = &p.scope;
  if (!f.serviceRegionCode.empty() && !core::RegionTable::instance().find(f.serviceRegionCode))
    throw invalidField("serviceRegionCode", "服务所在地不是有效的行政区划代码");
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.crossRegion(c, f, page);
    json items = json::array();
    for (const auto& r : rows) items.push_back(crossRegionJson(r, p.has("company:pii")));
    return modules::pageJson(std::move(items), total, page);
  });
}

json UnitFilingService::rounds() {
  return ctx_.db.read([&](db::Conn& c) {
    json items = json::array();
    for (const auto& r : store_.rounds(c)) items.push_back(roundJson(r));
    return json{{"items", items}};
  });
}

json UnitFilingService::setRound(const core::Actor& a, const std::string& yearText, const json& body) {
  const int year = parseYear(yearText);
  if (!body.is_object()) throw badRequest("请求体应为 JSON 对象");
  if (!body.contains("deadline") || body["deadline"].is_null()) throw invalidField("deadline", "截止日期不能为空");
  if (!body["deadline"].is_string()) throw AppError(400, "bad_request", "截止日期应为文本", {{"deadline", "截止日期应为文本"}});
  const std::string deadline = body["deadline"].get<std::string>();
  if (!core::isValidDate(deadline)) throw invalidField("deadline", "截止日期格式错误,应为 YYYY-MM-DD");
  if (deadline.substr(0, 4) <= yearText) throw invalidField("deadline", "截止日期应在该年度结束之后");
  return ctx_.db.write([&](db::Conn& c) {
    store_.setRound(c, year, deadline, a.who.userId, core::nowMs());
    audit::record(c, a, "update", "annual_report_round", yearText, "设置 " + yearText + " 年度报告截止日期为 " + deadline);
    return roundJson(*store_.round(c, year));
  });
}

json UnitFilingService::missingReports(const core::Principal& p, const std::string& yearText, const core::PageRequest& page) {
  const int year = parseYear(yearText);
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.missingReports(c, p.scope, year, page);
    json items = json::array();
    for (const auto& m : rows) items.push_back(missingJson(m));
    json out = modules::pageJson(std::move(items), total, page);
    const auto round = store_.round(c, year);
    out["year"] = year;
    out["deadline"] = round ? json(round->deadline) : json(nullptr);
    out["overdue"] = round && todayUnitFilings() > round->deadline;
    return out;
  });
}

modules::ExportFile UnitFilingService::exportMissing(const core::Actor& a, const std::string& yearText) {
  const int year = parseYear(yearText);
  using io::ColumnKind;
  const std::vector<modules::ExportColumn> columns = {
      {"name", "公司名称", ColumnKind::text, 30},      {"creditCode", "统一社会信用代码", ColumnKind::text, 22},
      {"licenceNo", "许可证编号", ColumnKind::text, 20}, {"regionName", "所在区域", ColumnKind::text, 24},
      {"legalName", "法定代表人", ColumnKind::text, 12}, {"contactPhone", "联系电话", ColumnKind::text, 16},
      {"orgName", "监管单位", ColumnKind::text, 16}};
  auto file = modules::exportXlsx(yearText + "年度报告未报送公司", columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) { store_.forEachMissing(c, a.who.scope, year, [&](const MissingReport& m) { sink(missingJson(m)); }); });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "annual_report_round", yearText,
                  "导出 " + yearText + " 年度报告未报送公司 " + std::to_string(file.rows) + " 家");
  });
  return file;
}

}  // namespace baoan::industry
