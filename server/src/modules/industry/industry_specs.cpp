// Manual §3 行业信息: the registry entities described as specs (registry_spec.h). What is particular
// to each beyond fields and filters is a hook into the services: a company's portal account, an
// employer's guards and good deeds following its edits, an in-house unit kept while it employs.
#include "modules/industry/industry_specs.h"

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/stat_bands.h"
#include "modules/industry/registry_store.h"
#include "modules/dto_util.h"
#include "modules/industry/company_service.h"
#include "modules/industry/good_deed_service.h"
#include "modules/industry/guard_service.h"

namespace baoan::industry {

using nlohmann::json;

namespace {
// An employer's guards carry its name and are supervised by its org: both follow an edit.
std::function<void(db::Conn&, long long, const Values&, long long, const std::string&)> guardsFollow(std::string kind) {
  return [kind](db::Conn& c, long long id, const Values& v, long long orgId, const std::string& orgPath) {
    GuardService::followEmployer(c, {kind, id, std::get<std::string>(v.at("name")), orgId, orgPath});
    if (kind == "company") GoodDeedService::followCompany(c, id, orgPath);
  };
}
}  // namespace

EntitySpec associationSpec() {
  EntitySpec s;
  s.module = "association";
  s.resource = "associations";
  s.table = registryTable("associations");
  s.title = "保安协会";
  s.fields = {
      {"name", "name", "协会名称", FieldType::text, true, 60},
      {"presidentName", "president_name", "会长姓名", FieldType::text, true, 20},
      {"presidentIdNo", "president_id_no", "会长身份证号", FieldType::idNo, true, 18, true},
      {"foundedOn", "founded_on", "成立日期", FieldType::pastDate, false, 10},
      {"phone", "phone", "联系电话", FieldType::phone, false, 20},
      {"regionCode", "region_code", "所属区域", FieldType::region, true, 12},
      {"address", "address", "地址", FieldType::text, false, 200},
      {"memberCount", "member_count", "会员单位数", FieldType::integer, false, 10},
      {"remark", "remark", "备注", FieldType::multiline, false, 500, false, {}, false},
  };
  s.filters = {{"name", "name", "协会名称"},
               {"presidentIdNo", "president_id_no", "会长身份证号", FilterKind::equals},
               {"foundedFrom", "founded_on", "成立日期起", FilterKind::dateFrom},
               {"foundedTo", "founded_on", "成立日期止", FilterKind::dateTo}};
  s.uniqueColumns = {"name"};
  return s;
}

EntitySpec companySpec() {
  EntitySpec s;
  s.module = "company";
  s.resource = "companies";
  s.table = registryTable("companies");
  s.title = "保安服务公司";
  s.fields = {
      {"name", "name", "公司名称", FieldType::text, true, 60},
      {"creditCode", "credit_code", "统一社会信用代码", FieldType::creditCode, true, 18},
      {"regAddress", "reg_address", "注册地址", FieldType::text, true, 200},
      {"regionCode", "region_code", "所属区域", FieldType::region, true, 12},
      {"bizAddress", "biz_address", "经营地址", FieldType::text, false, 200, false, {}, false},
      {"regCapital", "reg_capital", "注册资本(万元)", FieldType::integer, false, 10},
      {"foundedOn", "founded_on", "成立日期", FieldType::pastDate, false, 10},
      {"serviceScope", "service_scope", "服务范围", FieldType::options, false, 200, false, core::dictCodeNames("serviceScopes"), false},
      {"licenceNo", "licence_no", "许可证编号", FieldType::text, false, 40},
      {"contactName", "contact_name", "联系人", FieldType::text, false, 20},
      {"contactPhone", "contact_phone", "联系电话", FieldType::phone, false, 20},
      {"lng", "lng", "经度", FieldType::decimal, false, 20, false, {}, false},
      {"lat", "lat", "纬度", FieldType::decimal, false, 20, false, {}, false},
      {"legalName", "legal_name", "法人姓名", FieldType::text, true, 20},
      {"legalIdNo", "legal_id_no", "法人身份证号", FieldType::idNo, true, 18, true, {}, false},
      {"legalMobile", "legal_mobile", "法人手机", FieldType::mobile, true, 20, true},
  };
  s.filters = {{"name", "name", "公司名称"},
               {"creditCode", "credit_code", "统一社会信用代码"},
               {"status", "status", "状态", FilterKind::equals},
               {"regionCode", "region_code", "所属区域", FilterKind::region},
               // the region itself, not the regions within it: the companies filed at a city's own level
               // (统计管理 8.4's row of the city beside its districts)
               {"regionExact", "region_code", "所属区域(本级)", FilterKind::equals}};
  // The map's 公司统计 (§7.3): each filter below is a dimension of GET /stats/companies, its keys the groups.
  s.filters.push_back({"licenceStatus", "", "许可证状态", FilterKind::choice,
                       {{"valid", "持有许可证"}, {"none", "未登记许可证"}, {"licence_revoked", "许可证已吊销"},
                        {"licence_cancelled", "许可证已注销"}, {"deregistered", "已注销"}},
                       [](const std::string& key) {
                         if (key == "valid") return db::Query("(t.status = 'active' AND t.licence_no IS NOT NULL AND t.licence_no <> '')");
                         if (key == "none") return db::Query("(t.status = 'active' AND (t.licence_no IS NULL OR t.licence_no = ''))");
                         return db::Query("t.status = ?", key);
                       }});
  auto bands = [](const std::vector<core::Band>& list) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& b : list) out.emplace_back(b.key, b.label);
    return out;
  };
  // A band [min, max] of a number, or (`none`) the number not filled in.
  auto bandTerm = [](const std::vector<core::Band>& list, std::string expr) {
    return [&list, expr](const std::string& key) {
      if (key == "none" && !core::findBand(list, key)) return db::Query("(" + expr + " IS NULL)");
      const core::Band& b = *core::findBand(list, key);
      db::Query q("(" + expr + " IS NOT NULL");
      if (b.min) q.append(" AND " + expr + " >= ?", *b.min);
      if (b.max) q.append(" AND " + expr + " <= ?", *b.max);
      return q.append(")");
    };
  };
  auto capital = bands(core::capitalBands());
  capital.emplace_back("none", "未填写");
  s.filters.push_back({"capitalBand", "", "注册资本", FilterKind::choice, capital, bandTerm(core::capitalBands(), "t.reg_capital")});
  s.filters.push_back({"guardBand", "", "在职保安员人数", FilterKind::choice, bands(core::guardBands()),
                       bandTerm(core::guardBands(), RegistryStore::derivedColumn("company_guards"))});
  s.filters.push_back({"initialized", "", "初始化状态", FilterKind::choice, {{"true", "已初始化"}, {"false", "未初始化"}},
                       [](const std::string& key) { return db::Query("t.initialized = ?", key == "true"); }});
  // 有进行中任务 (§7.3 "with tasks running now"): a published task, not cancelled, with start ≤ now < end
  // (the 进行中 of the task list, TaskStore::statusCondition).
  s.filters.push_back({"hasRunningTask", "", "进行中任务", FilterKind::choice, {{"true", "有进行中任务"}, {"false", "无进行中任务"}},
                       [](const std::string& key) {
                         const long long now = core::nowMs();
                         return db::Query(key == "true" ? "EXISTS (" : "NOT EXISTS (")
                             .append("SELECT 1 FROM tasks rt WHERE rt.company_id = t.id AND rt.cancelled_at IS NULL "
                                     "AND rt.start_at <= ? AND rt.end_at > ?)", now, now);
                       }});
  s.statsPath = "/api/v1/stats/companies";
  s.statsPermission = "company_center:view";
  s.uniqueColumns = {"credit_code"};
  s.deletable = false;
  s.extraColumns = {"status", "deregistered_on", "deregister_reason", "initialized", "initialized_at", "company_guards"};
  s.validate = [](const Values& v, FieldErrors& e) {
    auto num = [&](const char* col) { return std::get_if<double>(&v.at(col)); };
    if (auto lng = num("lng"); lng && (*lng < 73 || *lng > 136)) e.add("lng", "经度应在中国境内(73~136)");
    if (auto lat = num("lat"); lat && (*lat < 3 || *lat > 54)) e.add("lat", "纬度应在中国境内(3~54)");
  };
  s.decorate = [](json& j, const Record& r) {
    const db::Row& v = r.values;
    j["status"] = v.str("status");
    j["statusName"] = core::dictName("companyStatuses", v.str("status"));
    j["deregisteredOn"] = modules::textOrNull(v.optStr("deregistered_on"));
    j["deregisterReason"] = modules::textOrNull(v.optStr("deregister_reason"));
    j["initialized"] = v.boolean("initialized");
    j["initializedAt"] = modules::isoOrNull(v.optI64("initialized_at"));
    j["guardCount"] = v.i64("company_guards");
  };
  s.afterUpdate = guardsFollow("company");
  return s;
}

EntitySpec companySpec(system::UserService& users) {
  EntitySpec s = companySpec();
  s.prepareCreate = [] { return auth::CredentialsService::initialPasswordHash(); };
  s.afterCreate = [&users](db::Conn& c, long long id, const std::string& hash) { CompanyService::openPortalAccount(c, users, id, hash); };
  return s;
}

// Every field read as text (all but numbers and code lists) with its length: the registry's forms
// as `baoan forms` lists them, derived from the same declarations the service validates with.
core::FormSpec formOf(const EntitySpec& spec, std::string schema) {
  core::FormSpec f{std::move(schema), {}};
  for (const auto& field : spec.fields) {
    if (field.type == FieldType::integer || field.type == FieldType::decimal || field.type == FieldType::options) continue;
    f.fields.push_back({field.key, field.label, {field.required, field.maxLength, field.type == FieldType::multiline}});
  }
  return f;
}

std::vector<const core::FormSpec*> registryForms() {
  static const std::vector<core::FormSpec> forms = {formOf(associationSpec(), "AssociationInput"),
                                                    formOf(companySpec(), "CompanyInput"),
                                                    formOf(inhouseSpec(), "InhouseUnitInput"),
                                                    formOf(trainingSpec(), "TrainingUnitInput")};
  std::vector<const core::FormSpec*> out;
  for (const auto& f : forms) out.push_back(&f);
  return out;
}

EntitySpec inhouseSpec() {
  EntitySpec s;
  s.module = "inhouse_unit";
  s.resource = "inhouse-units";
  s.table = registryTable("inhouse_units");
  s.title = "自行招用保安员单位";
  s.fields = {
      {"name", "name", "单位名称", FieldType::text, true, 60},
      {"code", "code", "单位编码", FieldType::creditCode, true, 18},
      {"regionCode", "region_code", "所属区域", FieldType::region, true, 12},
      {"address", "address", "单位地址", FieldType::text, false, 200},
      {"phone", "phone", "单位电话", FieldType::phone, false, 20},
      {"legalName", "legal_name", "法人姓名", FieldType::text, true, 20},
      {"legalIdNo", "legal_id_no", "法人身份证号", FieldType::idNo, true, 18, true, {}, false},
      {"legalMobile", "legal_mobile", "法人手机", FieldType::mobile, true, 20, true, {}, false},
      {"deptName", "dept_name", "保安部门名称", FieldType::text, false, 40},
      {"deptHead", "dept_head", "保安部门负责人", FieldType::text, false, 20},
      {"deptHeadMobile", "dept_head_mobile", "保安部门负责人手机", FieldType::mobile, false, 20, true, {}, false},
      {"guardCount", "guard_count", "保安员人数", FieldType::integer, false, 10},
      {"principalName", "principal_name", "单位负责人姓名", FieldType::text, false, 20},
      {"principalIdNo", "principal_id_no", "单位负责人身份证号", FieldType::idNo, false, 18, true, {}, false},
      {"principalMobile", "principal_mobile", "单位负责人手机", FieldType::mobile, false, 20, true, {}, false},
  };
  s.filters = {{"name", "name", "单位名称"}, {"code", "code", "单位编码"}};
  s.uniqueColumns = {"code"};
  // Its 备案 (issue 12, UnitFilings::recordInhouseFiling / revokeInhouseFiling): number, date, state.
  s.extraColumns = {"unit_type", "filing_no", "filed_on", "filing_status", "revoked_on", "revoke_reason"};
  s.decorate = [](json& j, const Record& r) {
    const db::Row& v = r.values;
    j["unitType"] = modules::textOrNull(v.optStr("unit_type"));
    j["filingNo"] = modules::textOrNull(v.optStr("filing_no"));
    j["filedOn"] = modules::textOrNull(v.optStr("filed_on"));
    const auto status = v.optStr("filing_status");
    j["filingStatus"] = modules::textOrNull(status);
    j["filingStatusName"] = !status ? "未备案" : *status == "filed" ? "已备案" : "已撤销";
    j["revokedOn"] = modules::textOrNull(v.optStr("revoked_on"));
    j["revokeReason"] = modules::textOrNull(v.optStr("revoke_reason"));
  };
  s.beforeDelete = [](db::Conn& c, long long id) {
    if (GuardService::countEmployed(c, "inhouse", id) > 0) throw conflict("该单位还有在职保安员,不能删除");
  };
  s.afterUpdate = guardsFollow("inhouse");
  return s;
}

EntitySpec trainingSpec() {
  EntitySpec s;
  s.module = "training_unit";
  s.resource = "training-units";
  s.table = registryTable("training_units");
  s.title = "保安培训单位";
  // Exactly the fields of manual §3.4.1.
  s.fields = {
      {"name", "name", "单位名称", FieldType::text, true, 60},
      {"code", "code", "单位编码", FieldType::text, true, 40},
      {"crossRegion", "cross_region", "跨区经营市县", FieldType::text, false, 200, false, {}, false},
      {"regAddress", "reg_address", "注册地址", FieldType::text, false, 200},
      {"leaderMobile", "leader_mobile", "主要负责人手机号", FieldType::mobile, false, 20, true, {}, false},
      {"principalIdNo", "principal_id_no", "校长公民身份证号码", FieldType::idNo, false, 18, true, {}, false},
      {"principalName", "principal_name", "校长姓名", FieldType::text, false, 20},
      {"principalMobile", "principal_mobile", "校长手机号", FieldType::mobile, false, 20, true},
      {"regCapital", "reg_capital", "注册资金(万元)", FieldType::integer, false, 10},
      {"licenceNo", "licence_no", "保安培训许可证编码", FieldType::text, false, 40},
      {"issuerCode", "issuer_code", "保安培训许可证发证机关编码", FieldType::text, false, 40, false, {}, false},
      {"issuerName", "issuer_name", "保安培训许可证发证机关名称", FieldType::text, false, 60, false, {}, false},
      {"issuedOn", "issued_on", "保安培训许可证颁发日期", FieldType::pastDate, false, 10},
      {"revokedBy", "revoked_by", "保安培训许可证吊销机关", FieldType::text, false, 60, false, {}, false},
      {"revokedOn", "revoked_on", "保安培训许可证吊销日期", FieldType::date, false, 10},
  };
  s.filters = {{"code", "code", "单位编号"},
               {"name", "name", "单位名称"},
               {"issuedFrom", "issued_on", "颁发日期起", FilterKind::dateFrom},
               {"issuedTo", "issued_on", "颁发日期止", FilterKind::dateTo}};
  s.uniqueColumns = {"code"};
  s.validate = [](const Values& v, FieldErrors& e) {
    const auto* issued = std::get_if<std::string>(&v.at("issued_on"));
    const auto* revoked = std::get_if<std::string>(&v.at("revoked_on"));
    if (revoked && issued && *revoked <= *issued) e.add("revokedOn", "吊销日期必须晚于颁发日期");
    if (revoked && !issued) e.add("issuedOn", "填写吊销日期时必须填写颁发日期");
    if (revoked && !std::get_if<std::string>(&v.at("revoked_by"))) e.add("revokedBy", "填写吊销日期时必须填写吊销机关");
  };
  return s;
}

}  // namespace baoan::industry
