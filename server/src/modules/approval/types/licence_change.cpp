// 保安服务(培训)许可证项目变更 (办法 art. 12): the holder names the changed items (名称, 住所, 法定代表人,
// 注册资本, and a company's 服务范围 — its new value the names of the serviceScopes dictionary, "门卫、巡逻")
// with their new values (the old ones come from the licence, filled in at submit). The city reviews; the province decides
// only when the 法定代表人 changes — a condition on the chain's steps (`onlyIf`), which an
// administrator can edit like any step. The grant changes the registry record and 换发 the licence.
#include <algorithm>
#include <cstring>
#include <sstream>
#include <vector>

#include "core/dictionaries.h"
#include "modules/approval/types/type_util.h"
#include "modules/industry/unit_filings.h"
#include "modules/licences/licence_service.h"
#include "modules/licences/licence_store.h"

namespace baoan::approval {

using nlohmann::json;

namespace {
// The item's value on the licence, as the change shows it next to the new one.
std::string oldValue(const licences::LicenceRow& l, const std::string& item) {
  if (item == "name") return l.holderName;
  if (item == "address") return l.address;
  if (item == "legalName") return l.legalName;
  if (item == "regCapital") return l.regCapital ? std::to_string(*l.regCapital) : "";
  if (item == "serviceScope") return l.serviceScope;
  return "";
}

// A 服务范围 as typed or picked ("门卫、巡逻", "door,patrol", mixed; separated by 、 , ， ; or spaces) →
// the dictionary's codes in its order, without repeats; nullopt with the unknown part when one is not there.
struct LicenceChangeScope {
  std::vector<std::string> codes;
  std::string unknown;
};
LicenceChangeScope licenceChangeScope(const std::string& text) {
  std::string spaced = text;
  for (const char* sep : {"、", "，", "；", ",", ";"})
    for (std::size_t at = spaced.find(sep); at != std::string::npos; at = spaced.find(sep, at)) spaced.replace(at, std::strlen(sep), " ");
  std::vector<std::string> wanted;
  std::istringstream in(spaced);
  LicenceChangeScope out;
  for (std::string token; in >> token;) {
    std::string code;
    for (const auto& item : core::dictCodeNames("serviceScopes"))
      if (token == item.code || token == item.name) code = item.code;
    if (code.empty()) {
      if (out.unknown.empty()) out.unknown = token;
    } else {
      wanted.push_back(code);
    }
  }
  for (const auto& item : core::dictCodeNames("serviceScopes"))
    if (std::find(wanted.begin(), wanted.end(), item.code) != wanted.end()) out.codes.push_back(std::string(item.code));
  return out;
}
std::string licenceChangeScopeNames(const std::vector<std::string>& codes) {
  std::string names;
  for (const auto& code : codes) names += (names.empty() ? "" : "、") + core::dictName("serviceScopes", code);
  return names;
}
std::string licenceChangeScopeCodes(const std::vector<std::string>& codes) {
  std::string joined;
  for (const auto& code : codes) joined += (joined.empty() ? "" : ",") + code;
  return joined;
}
}  // namespace

BusinessTypeSpec licenceChangeType() {
  BusinessTypeSpec t;
  t.code = "licence_change";
  t.group = "change";
  FormField changes = choiceField("changes", "变更事项", InputType::changes, true,
                                  {{"name", "名称"},
                                   {"address", "住所"},
                                   {"legalName", "法定代表人"},
                                   {"regCapital", "注册资本(万元)"},
                                   {"serviceScope", "服务范围(保安服务公司)"}});
  changes.valueDictionaries = {{"serviceScope", "serviceScopes"}};  // picked from the service kinds
  t.form = {t.code,
            {field("licenceId", "许可证", InputType::licence, true), std::move(changes),
             peopleField("legalPerson", "新任法定代表人(变更法定代表人时填写)", false, 1),
             textField("reason", "变更原因", true, 1000, InputType::textarea),
             field("evidenceFiles", "变更证明材料", InputType::file, true)}};
  auto province = [](Step s) {
    s.onlyIf = "changes:legalName";
    return s;
  };
  t.grantedName = "准予变更";
  t.steps = {makeStep("市经办民警审查", "city_handler", 8, StepKind::review, true), makeStep("市保安处领导审核", "city_security_leader", 7),
             province(makeStep("省厅科长指派", "province_section_chief", 2, StepKind::assign)),
             province(makeStep("省厅民警审查", "province_officer", 7)),
             province(makeStep("省厅保安处副处长审批", "province_deputy_director", 6))};
  t.keyField = std::nullopt;
  t.whyNot = [](const ApplicantState& s) { return types::licensedOnly(s, {"company", "training_unit"}, "持有许可证的单位"); };
  t.prepare = [](SubmitContext& s) {
    const json id = s.form.value("licenceId", json());
    auto licence = id.is_number_integer() ? licences::LicenceStore().find(s.c, id.get<long long>()) : std::nullopt;
    if (!licence) throw invalidField("form.licenceId", "许可证不存在");
    std::size_t i = 0;
    for (auto& row : s.form["changes"]) {
      const std::string item = row.value("item", "");
      row["oldValue"] = oldValue(*licence, item);
      // 服务范围: a company's only; its new value becomes the dictionary's names (as the licence prints them).
      if (item == "serviceScope") {
        const std::string at = "form.changes[" + std::to_string(i) + "].newValue";
        if (licence->holderKind.value_or("") != "company") throw invalidField(at, "只有保安服务公司许可证可以变更服务范围");
        const auto scope = licenceChangeScope(row.value("newValue", ""));
        if (!scope.unknown.empty()) throw invalidField(at, "服务范围「" + scope.unknown + "」无效,应为门卫、巡逻、守护、押运、随身护卫、安全检查、安全技术防范、安全风险评估中的一项或几项");
        if (scope.codes.empty()) throw invalidField(at, "服务范围的新值不能为空");
        row["newValue"] = licenceChangeScopeNames(scope.codes);
      }
      ++i;
    }
  };
  // The registry record takes the new values and the licence is 换发 (same number, new document).
  t.grant = [](GrantContext& g) {
    const auto old = types::pickedLicence(g);
    if (!old.holderKind || !old.holderId) throw conflict("许可证未关联登记的单位,无法变更");
    json changes = json::object();
    licences::IssueRequest facts;
    facts.businessType = old.businessType;
    facts.applicationId = g.row.id;
    facts.holderName = old.holderName;
    facts.legalName = old.legalName;
    facts.address = old.address;
    facts.regCapital = old.regCapital;
    facts.serviceScope = old.serviceScope;
    for (const auto& row : g.form.value("changes", json::array())) {
      const std::string item = row.value("item", ""), value = row.value("newValue", "");
      if (item == "name") facts.holderName = value;
      if (item == "address") facts.address = value;
      if (item == "legalName") facts.legalName = value;
      if (item == "serviceScope") {
        const auto scope = licenceChangeScope(value);
        if (!scope.unknown.empty() || scope.codes.empty()) throw invalidField("form.changes", "服务范围的新值无效");
        facts.serviceScope = licenceChangeScopeCodes(scope.codes);
        changes[item] = facts.serviceScope;
      } else if (item == "regCapital") {
        long long capital = 0;
        if (std::sscanf(value.c_str(), "%lld", &capital) != 1 || capital <= 0) throw invalidField("form.changes", "注册资本的新值应为正整数(万元)");
        facts.regCapital = capital;
        changes[item] = capital;
      } else {
        changes[item] = value;
      }
    }
    // A new legal person brings their ID number and mobile along.
    const auto legal = types::firstPerson(g.form, "legalPerson");
    if (changes.contains("legalName") && !types::text(legal, "idNo").empty()) {
      changes["legalIdNo"] = types::text(legal, "idNo");
      if (!types::text(legal, "mobile").empty()) changes["legalMobile"] = types::text(legal, "mobile");
    }
    g.fx.filings.applyLicenceChange(g.c, g.a, *old.holderKind, *old.holderId, changes);
    const auto renewed = g.fx.licences.replace(g.c, g.a, old.id, facts);
    g.issued = IssuedDocument{licences::licenceTypeName(old.businessType), renewed.number};  // 换发: same number
  };
  return t;
}

}  // namespace baoan::approval
