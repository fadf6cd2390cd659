#include "modules/approval/business_type.h"

namespace baoan::approval {

using nlohmann::json;

const std::vector<BusinessTypeSpec>& businessTypeSpecs() {
  static const std::vector<BusinessTypeSpec> specs = {
      companyLicenceType(), trainingLicenceType(), branchFilingType(),  inhouseFilingType(),      crossRegionFilingType(),
      annualReportType(),   licenceChangeType(),   inhouseRevocationType(), examRegistrationType(),
      certificateIssuanceType(),
  };
  return specs;
}

const BusinessTypeSpec* findSpec(std::string_view code) {
  for (const auto& s : businessTypeSpecs())
    if (s.code == code) return &s;
  return nullptr;
}

std::optional<std::string> lateFiling(const LateRule& rule, const json& form, core::DayNumber today, const core::WorkingCalendar& calendar) {
  const json v = form.value(rule.dateField, json());
  if (!v.is_string()) return std::nullopt;
  const auto from = core::parseDate(v.get<std::string>());
  if (!from) return std::nullopt;
  const core::DayNumber last = rule.days == 0 ? *from - 1
                               : rule.workingDays ? calendar.addWorkingDays(*from, rule.days)
                                                  : *from + rule.days;
  if (today <= last) return std::nullopt;
  return "逾期备案:" + rule.rule + "(期限至" + core::formatDate(last) + "," + core::formatDate(today) + "提交)";
}

std::optional<std::pair<std::string, long long>> licenceHolder(const core::Principal& p) {
  if (p.kind == "company" && p.companyId) return std::make_pair(std::string("company"), static_cast<long long>(p.companyId));
  if (p.kind == "training_unit" && p.unitId) return std::make_pair(std::string("training_unit"), static_cast<long long>(p.unitId));
  return std::nullopt;
}

std::string keyValueOf(const BusinessTypeSpec& spec, const json& form) {
  if (!spec.keyField) return "";
  const json v = form.value(spec.keyField->first, json());
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return "";
}

}  // namespace baoan::approval
