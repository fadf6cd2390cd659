#include "modules/industry/guard_service.h"
#include "modules/industry/guard_flags.h"

#include <algorithm>

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/error.h"
#include "core/form.h"
#include "modules/industry/industry_forms.h"
#include "modules/industry/unit_filings.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "core/regions.h"
#include "core/stat_bands.h"
#include "modules/system/org_service.h"
#include "modules/system/org_store.h"
#include "modules/tasks/task_service.h"

namespace baoan::industry {

using modules::textOrNull;
using nlohmann::json;

namespace {
const std::vector<std::string> kPhotoTypes = {"image/jpeg", "image/png"};

std::string today() { return core::toChinaDate(core::nowMs()); }

json employmentsJson(const std::vector<Employment>& employments) {
  json out = json::array();
  for (const auto& e : employments)
    out.push_back({{"employerKind", e.employerKind}, {"employerId", e.employerId}, {"employerName", e.employerName},
                   {"hiredOn", textOrNull(e.hiredOn)}, {"leftOn", textOrNull(e.leftOn)}});
  return out;
}

json deedsJson(const std::vector<GuardDeed>& deeds) {
  json out = json::array();
  for (const auto& d : deeds)
    out.push_back({{"id", d.id}, {"title", d.title}, {"occurredOn", d.occurredOn}, {"companyName", d.companyName}});
  return out;
}
}  // namespace

// Built field by field: an initializer list makes nlohmann build a temporary array per pair, which
// took 2.3 times as long and a fifth of a 100 000-row export.
json GuardService::toJson(GuardRow&& g, bool full) {
  GuardPerson& p = g.person;
  json j = json::object();
  j.emplace("id", g.id);
  j.emplace("idNo", full ? std::move(p.idNo) : core::maskIdNumber(p.idNo));
  j.emplace("genderName", p.gender == "male" ? "男" : "女");
  j.emplace("gender", std::move(p.gender));
  j.emplace("name", std::move(p.name));
  j.emplace("birthDate", std::move(p.birthDate));
  j.emplace("mobile", full ? std::move(p.mobile) : core::maskMobile(p.mobile));
  j.emplace("educationName", p.education ? json(core::dictName("educations", *p.education)) : json(nullptr));
  j.emplace("ethnicity", textOrNull(std::move(p.ethnicity)));
  j.emplace("education", textOrNull(std::move(p.education)));
  j.emplace("householdAddress", textOrNull(std::move(p.householdAddress)));
  j.emplace("currentAddress", textOrNull(std::move(p.currentAddress)));
  j.emplace("photoFileId", textOrNull(std::move(p.photoFileId)));
  j.emplace("certificateNo", textOrNull(std::move(p.certificateNo)));
  j.emplace("certificateDate", textOrNull(std::move(p.certificateDate)));
  j.emplace("realNameVerified", g.realNameVerified);
  j.emplace("appInitialized", g.appInitialized);
  j.emplace("employerKind", std::move(g.employerKind));
  j.emplace("employerId", g.employerId);
  j.emplace("employerName", std::move(g.employerName));
  j.emplace("employed", g.employed);
  j.emplace("hiredOn", textOrNull(std::move(g.hiredOn)));
  j.emplace("leftOn", textOrNull(std::move(g.leftOn)));
  j.emplace("orgId", g.orgId);
  j.emplace("orgName", std::move(g.orgName));
  j.emplace("createdAt", core::toIso(g.createdAt));
  j.emplace("updatedAt", core::toIso(g.updatedAt));
  return j;
}

GuardPerson GuardService::readPerson(const json& body, FieldErrors& errors, bool withIdNo) {
  core::Form form(body, errors);
  GuardPerson p;
  p.name = form.text(guardForm()["name"]);
  if (withIdNo) {
    p.idNo = form.text(guardForm()["idNo"]);
    std::transform(p.idNo.begin(), p.idNo.end(), p.idNo.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    if (!p.idNo.empty() && !errors.has("idNo")) {
      core::IdNumberInfo info;
      if (auto e = core::checkIdNumber(p.idNo, &info)) {
        errors.add("idNo", "身份证号" + *e);
      } else if (core::ageOn(info.birthDate, today()) < 18) {
        errors.add("idNo", "保安员须年满18周岁(保安服务管理条例第十六条)");
      } else {
        p.gender = info.gender;
        p.birthDate = info.birthDate;
      }
    }
  }
  const std::string mobile = form.text(guardForm()["mobile"]);
  if (!mobile.empty() && !errors.has("mobile"))
    if (auto e = core::normalizeMobile(mobile, p.mobile)) errors.add("mobile", "手机号" + *e);
  p.ethnicity = form.optionalText(guardForm()["ethnicity"]);
  if (p.ethnicity && !core::dictHas("ethnicities", *p.ethnicity)) errors.add("ethnicity", "民族的取值无效");
  p.education = form.optionalText(guardForm()["education"]);
  if (p.education) {
    if (!core::dictHas("educations", *p.education)) errors.add("education", "学历的取值无效");
    else if (*p.education == "primary") errors.add("education", "保安员须具有初中以上学历(保安服务管理条例第十六条)");
  }
  p.householdAddress = form.optionalText(guardForm()["householdAddress"]);
  p.currentAddress = form.optionalText(guardForm()["currentAddress"]);
  p.certificateNo = form.optionalText(guardForm()["certificateNo"]);
  const std::string certDate = form.pastDate(guardForm()["certificateDate"]);
  if (!certDate.empty()) p.certificateDate = certDate;
  p.photoFileId = form.optionalText(guardForm()["photoFileId"]);
  return p;
}

GuardService::GuardService(app::Context& ctx, files::FileService& files) : ctx_(ctx), files_(files) {
  files_.addOwnerKind("guard", [this](db::Conn& c, const core::Principal& p, long long id) { return visible(c, p, id); });
}

bool GuardService::visible(db::Conn& c, const core::Principal& p, long long id) {
  if (p.kind != "company") return store_.visible(c, p.scope, id);
  const auto employer = store_.employerOf(c, id);
  return employer && employer->first == "company" && employer->second == p.companyId;
}

void GuardService::followEmployer(db::Conn& c, const Employer& e) { GuardStore().followEmployer(c, e); }

bool GuardService::recordCertificate(db::Conn& c, const std::string& idNo, const std::string& number, const std::string& date) {
  return GuardStore().setCertificate(c, idNo, number, date);
}

long long GuardService::countEmployed(db::Conn& c, const std::string& employerKind, long long employerId) {
  return GuardStore().countEmployed(c, employerKind, employerId);
}

void GuardService::narrow(db::Conn& c, const core::Principal& p, GuardFilter& f, std::optional<long long> orgId) {
  if (orgId) f.orgPath = system::OrgService::visibleOrg(c, p, *orgId).path;
  const std::string none = "/0/";  // no org: no guard
  if (!f.regionCode.empty()) {
    // A guard is in the region of its employer, whose supervising org is the bureau of that region.
    const auto bureau = GuardStore().bureauPathOfRegion(c, f.regionCode);
    if (!bureau) f.orgPath = none;
    else if (!f.orgPath || core::isPathPrefix(*f.orgPath, *bureau)) f.orgPath = *bureau;
    else if (!core::isPathPrefix(*bureau, *f.orgPath)) f.orgPath = none;
  }
  // One bar of the chart by employer: that employer's guards (none when the 单位类型 filter says otherwise).
  if (f.employerGroup) {
    if (!f.employerKind.empty() && f.employerKind != f.employerGroup->first) f.orgPath = none;
    f.employerKind = f.employerGroup->first;
    f.employerId = f.employerGroup->second;
    f.employerGroup.reset();
  }
  // Its 其他 bar: the guards of every employer but the chart's top ones under the same filter.
  if (f.otherEmployers) {
    f.otherEmployers = false;
    const auto top = GuardStore().countByEmployer(c, f, &p.scope);
    for (std::size_t i = 0; i < top.size() && i < kTopEmployers; ++i) f.excludedEmployers.emplace_back(top[i].kind, top[i].id);
  }
}

json GuardService::stats(const core::Principal& p, GuardFilter f, std::optional<long long> orgId, const std::string& given) {
  const std::string groupBy = given.empty() ? "region" : given;  // the map's first view: by region
  const GuardDimension* dim = nullptr;
  for (const auto& d : guardDimensions())
    if (d.name == groupBy) dim = &d;
  if (!dim && groupBy != "region" && groupBy != "employer")
    throw invalidField("groupBy", "统计维度应为 region、employed、certified、gender、ageBand、education、employerKind 或 employer");
  return ctx_.db.read([&](db::Conn& c) {
    json groups = json::array();
    if (groupBy == "employer") {
      // The employers with the most guards, each a bar (key kind:id, the list's `employer` filter), the
      // rest together as 其他 (key other): the employer filter gives way to its groups.
      f.employerGroup.reset();
      f.otherEmployers = false;
      narrow(c, p, f, orgId);
      const auto all = store_.countByEmployer(c, f, &p.scope);
      long long total = 0, rest = 0;
      for (std::size_t i = 0; i < all.size(); ++i) {
        total += all[i].count;
        if (i >= kTopEmployers) rest += all[i].count;
        else groups.push_back({{"key", all[i].kind + ":" + std::to_string(all[i].id)}, {"label", all[i].name}, {"count", all[i].count}});
      }
      if (all.size() > kTopEmployers) groups.push_back({{"key", "other"}, {"label", "其他"}, {"count", rest}});
      return json{{"total", total}, {"groups", std::move(groups)}};
    }
    if (dim) {
      // The dimension's own filter gives way to its groups (each group is that filter set to its key).
      if (dim->name == "employed") f.employed.reset();
      if (dim->name == "certified") f.certified.reset();
      if (dim->name == "gender") f.gender.clear();
      if (dim->name == "ageBand") f.ageBand.clear();
      if (dim->name == "education") f.education.clear();
      if (dim->name == "employerKind") f.employerKind.clear();
      GuardFilter narrowed = f;
      narrow(c, p, narrowed, orgId);
      const std::string today = core::toChinaDate(core::nowMs());
      const auto counts = store_.countGroups(c, narrowed, &p.scope, *dim, today);
      for (std::size_t i = 0; i < counts.size(); ++i)
        groups.push_back({{"key", dim->groups[i].first}, {"label", dim->groups[i].second}, {"count", counts[i]}});
      return json{{"total", store_.count(c, narrowed, &p.scope)}, {"groups", std::move(groups)}};
    }
    // By region: the cities or counties of the region filter, else of the caller's own org; each the
    // list's total with that region filter.
    std::string base = f.regionCode;
    if (base.empty()) {
      const auto own = system::OrgStore().find(c, p.orgId);
      base = own ? own->regionCode : "610000";
    }
    for (const auto& code : core::statRegionsOf(base)) {
      GuardFilter one = f;
      one.regionCode = code;
      narrow(c, p, one, orgId);
      groups.push_back({{"key", code}, {"label", core::RegionTable::instance().find(code)->name}, {"count", store_.count(c, one, &p.scope)}});
    }
    narrow(c, p, f, orgId);
    return json{{"total", store_.count(c, f, &p.scope)}, {"groups", std::move(groups)}};
  });
}

GuardPage GuardService::list(const core::Principal& p, GuardFilter f, std::optional<long long> orgId, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    narrow(c, p, f, orgId);
    auto [rows, total] = store_.list(c, f, &p.scope, page);
    GuardPage out{std::move(rows), total, page, p.has("guard:pii")};
    out.flagged = flaggedGuards(c, out.rows);  // §9.3: police see the 问题人员 flag on the guard
    return out;
  });
}

GuardPage GuardService::find(db::Conn& c, const core::Principal& p, const GuardFilter& f, const core::PageRequest& page) {
  auto [rows, total] = GuardStore().list(c, f, &p.scope, page);
  return GuardPage{std::move(rows), total, page, p.has("guard:pii")};
}

json GuardService::get(const core::Actor& a, long long id) {
  const bool full = a.who.has("guard:pii");
  auto load = [&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound("保安员不存在");
    json j = toJson(*store_.find(c, id), full);
    j["employments"] = employmentsJson(store_.employments(c, id));
    j["goodDeeds"] = deedsJson(deeds_.ofGuard(c, id));
    j["crossRegionAssignments"] = crossRegionAssignmentsJson(c, id);  // 跨区域服务备案 that sent the guard
    j["currentTask"] = tasks::TaskService::currentTask(c, a.who, id);  // 一键搜's panel and the registry's detail
    // 问题人员 (§9.3): the guard's open flags from the background screening.
    j["flags"] = json::array();
    for (const auto& fl : guardFlags(c, id))
      j["flags"].push_back({{"id", fl.id}, {"state", fl.state}, {"reason", fl.reason}, {"flaggedAt", core::toIso(fl.flaggedAt)}});
    j["flagged"] = !j["flags"].empty();
    return j;
  };
  if (!full) return ctx_.db.read(load);
  return ctx_.db.write([&](db::Conn& c) {
    json j = load(c);
    audit::record(c, a, "view_pii", "guard", std::to_string(id), "查看保安员 " + j["name"].get<std::string>() + " 的完整个人信息");
    return j;
  });
}

modules::ExportFile GuardService::exportFile(const core::Actor& a, GuardFilter f, std::optional<long long> orgId,
                                             const std::string& conditions) {
  ctx_.db.read([&](db::Conn& c) { narrow(c, a.who, f, orgId); });
  return exportGuards(a, f, &a.who.scope, a.who.has("guard:pii"), conditions);
}

modules::ExportFile GuardService::portalExport(const core::Actor& a, GuardFilter f, const std::string& conditions) {
  f.employerKind = "company";
  f.employerId = a.who.companyId;
  return exportGuards(a, f, nullptr, true, conditions);
}

modules::ExportFile GuardService::exportGuards(const core::Actor& a, const GuardFilter& f, const core::DataScope* scope, bool full,
                                               const std::string& conditions) {
  using io::ColumnKind;
  const std::vector<modules::ExportColumn> columns = {
      {"name", "姓名", ColumnKind::text, 10},           {"genderName", "性别", ColumnKind::text, 6},
      {"idNo", "身份证号", ColumnKind::text, 22},       {"birthDate", "出生日期", ColumnKind::date, 12},
      {"ethnicity", "民族", ColumnKind::text, 8},       {"educationName", "学历", ColumnKind::text, 10},
      {"mobile", "手机号", ColumnKind::text, 14},       {"employerName", "所在单位", ColumnKind::text, 30},
      {"employed", "在职", ColumnKind::text, 6},        {"hiredOn", "入职日期", ColumnKind::date, 12},
      {"leftOn", "离职日期", ColumnKind::date, 12},     {"certificateNo", "保安员证编号", ColumnKind::text, 18},
      {"certificateDate", "发证日期", ColumnKind::date, 12}, {"realNameVerified", "实名认证", ColumnKind::text, 8},
      {"appInitialized", "App已初始化", ColumnKind::text, 10}, {"householdAddress", "户籍地址", ColumnKind::text, 36},
      {"currentAddress", "现住址", ColumnKind::text, 36}, {"orgName", "监管单位", ColumnKind::text, 16}};
  auto file = modules::exportXlsx("保安员", columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) { store_.forEach(c, f, scope, [&](GuardRow&& g) { sink(toJson(std::move(g), full)); }); });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "guard", "", "导出保安员 " + std::to_string(file.rows) + " 条(条件:" + conditions + ")");
  });
  return file;
}

Employer GuardService::ownCompany(db::Conn& c, const core::Principal& p) {
  auto co = companies_.find(c, p.companyId);
  if (!co) throw forbidden("企业账号未关联保安服务公司");
  if (co->status != "active") throw forbidden(co->status == "deregistered" ? "该公司已注销" : "该公司的保安服务许可证已吊销或注销");
  return {"company", co->id, co->name, co->orgId, co->orgPath};
}

GuardRow GuardService::ownGuard(db::Conn& c, const core::Principal& p, long long id) {
  auto g = store_.find(c, id);
  // Another company's guard does not exist for this company.
  if (!g || g->employerKind != "company" || g->employerId != p.companyId) throw notFound("保安员不存在");
  return *g;
}

GuardPage GuardService::portalList(const core::Principal& p, GuardFilter f, const core::PageRequest& page) {
  f.employerKind = "company";
  f.employerId = p.companyId;
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, f, nullptr, page);
    return GuardPage{std::move(rows), total, page, true};  // the company's own employees
  });
}

json GuardService::portalGet(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) { return toJson(ownGuard(c, p, id), true); });
}

void GuardService::rehire(db::Conn& c, long long id, const GuardPerson& person, const Employer& company, const std::string& hiredOn,
                          long long by) {
  store_.updatePerson(c, id, person);
  store_.hire(c, id, company, hiredOn);
  store_.logChange(c, id, "rehire", by);
}

json GuardService::hire(const core::Actor& a, const json& body) {
  FieldErrors errors;
  GuardPerson person = readPerson(body, errors, true);
  core::Form form(body, errors);
  const std::string hiredOn = form.pastDate(guardForm()["hiredOn"]);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    Employer company = ownCompany(c, a.who);
    long long id = 0;
    if (auto existing = store_.findByIdNo(c, person.idNo)) {
      id = existing->id;
      if (existing->employed) {
        if (existing->employerKind == "company" && existing->employerId == company.id)
          throw AppError(409, "conflict", "该保安员已是本公司在职人员", {{"idNo", "已是本公司在职人员"}});
        throw AppError(409, "conflict", "该保安员当前在「" + existing->employerName + "」在职,须先办理离职才能招用",
                       {{"idNo", "该身份证号的保安员在其他单位在职"}});
      }
      rehire(c, id, person, company, hiredOn, a.who.userId);
    } else {
      id = store_.insert(c, person, company, hiredOn, a.who.userId);
      store_.logChange(c, id, "create", a.who.userId);
    }
    if (person.photoFileId) files_.attach(c, a.who, *person.photoFileId, "guard", id, kPhotoTypes, "photoFileId", "照片");
    audit::record(c, a, "create", "guard", std::to_string(id), company.name + " 招用保安员 " + person.name);
    return toJson(*store_.find(c, id), true);
  });
}

json GuardService::update(const core::Actor& a, long long id, const json& body) {
  // Another company's guard does not exist for this company, whatever the form says.
  ctx_.db.read([&](db::Conn& c) { ownGuard(c, a.who, id); });
  FieldErrors errors;
  GuardPerson person = readPerson(body, errors, false);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    const GuardRow current = ownGuard(c, a.who, id);
    if (!current.employed) throw conflict("该保安员已离职,不能修改");
    if (person.photoFileId) files_.attach(c, a.who, *person.photoFileId, "guard", id, kPhotoTypes, "photoFileId", "照片");
    // The ID number, and the gender and birth date it tells, stay as registered.
    person.idNo = current.person.idNo;
    person.gender = current.person.gender;
    person.birthDate = current.person.birthDate;
    store_.updatePerson(c, id, person);
    store_.logChange(c, id, "update", a.who.userId);
    audit::record(c, a, "update", "guard", std::to_string(id), "修改保安员 " + person.name);
    return toJson(*store_.find(c, id), true);
  });
}

json GuardService::leave(const core::Actor& a, long long id, const json& body) {
  ctx_.db.read([&](db::Conn& c) { ownGuard(c, a.who, id); });
  FieldErrors errors;
  core::Form form(body, errors);
  std::string leftOn = form.pastDate(guardLeaveForm()["leftOn"]);
  errors.throwIfAny();
  if (leftOn.empty()) leftOn = today();
  return ctx_.db.write([&](db::Conn& c) {
    const GuardRow current = ownGuard(c, a.who, id);
    if (!current.employed) throw conflict("该保安员已离职");
    if (current.hiredOn && leftOn < *current.hiredOn) throw invalidField("leftOn", "离职日期不能早于入职日期");
    store_.leave(c, id, leftOn);
    store_.logChange(c, id, "leave", a.who.userId);
    audit::record(c, a, "leave", "guard", std::to_string(id), "保安员 " + current.person.name + " 离职");
    return toJson(*store_.find(c, id), true);
  });
}

}  // namespace baoan::industry
