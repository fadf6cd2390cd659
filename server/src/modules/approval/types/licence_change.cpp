// 保安服务(培训)许可证项目变更 (办法 art. 12): the holder names the changed items with their new values
// (the old ones come from the licence, filled in at submit). The city reviews; the province decides
// only when the 法定代表人 changes — a condition on the chain's steps (`onlyIf`), which an
// administrator can edit like any step. The grant changes the registry record and 换发 the licence.
#include "modules/approval/types/type_util.h"
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
}  // namespace

BusinessTypeSpec licenceChangeType() {
  BusinessTypeSpec t;
  t.code = "licence_change";
  t.group = "change";
  t.form = {t.code,
            {field("licenceId", "许可证", InputType::licence, true),
             choiceField("changes", "变更事项", InputType::changes, true,
                         {{"name", "名称"}, {"address", "住所"}, {"legalName", "法定代表人"}, {"regCapital", "注册资本(万元)"},
                          {"serviceScope", "服务范围"}}),
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
    for (auto& row : s.form["changes"]) row["oldValue"] = oldValue(*licence, row.value("item", ""));
  };
  return t;
}

}  // namespace baoan::approval
