#include "modules/approval/types/type_util.h"

#include <algorithm>

namespace baoan::approval::types {

using nlohmann::json;

std::string text(const json& form, const char* key) {
  const json v = form.value(key, json());
  return v.is_string() ? v.get<std::string>() : std::string();
}

json firstPerson(const json& form, const char* key) {
  const json v = form.value(key, json());
  return v.is_array() && !v.empty() && v[0].is_object() ? v[0] : json::object();
}

std::string joinedCodes(const json& form, const char* key) {
  std::string out;
  const json v = form.value(key, json());
  if (v.is_array())
    for (const auto& code : v)
      if (code.is_string()) {
        if (!out.empty()) out += ',';
        out += code.get_ref<const std::string&>();
      }
  return out;
}

long long orgIdOf(const std::string& path) {
  const auto end = path.find_last_not_of('/');
  if (end == std::string::npos) return 0;
  const auto start = path.find_last_of('/', end);
  return std::stoll(path.substr(start + 1, end - start));
}

licences::IssueRequest licenceRequest(GrantContext& g) {
  licences::IssueRequest req;
  req.businessType = g.row.businessType;
  req.applicationId = g.row.id;
  req.holderName = g.row.applicantName;
  req.legalName = text(firstPerson(g.form, "legalPerson"), "name");
  req.address = text(g.form, "address");
  if (g.form.value("regCapital", json()).is_number_integer()) req.regCapital = g.form["regCapital"].get<long long>();
  req.serviceScope = joinedCodes(g.form, "serviceScope");
  auto issuer = g.fx.store.orgAtLevel(g.c, g.row.regionCode, g.chain.steps.back().level);
  req.issuerOrgId = issuer ? issuer->first : 0;
  req.orgId = orgIdOf(g.row.orgPath);
  return req;
}

std::optional<std::string> unlicensedOnly(const ApplicantState& s, const std::string& unitKind, const std::string& unitName) {
  if (s.unitKind != unitKind) return "仅" + unitName + "可申请";
  if (s.licensed) return "已取得许可证的" + unitName + "无需再申请设立许可";
  return std::nullopt;
}

std::optional<std::string> licensedOnly(const ApplicantState& s, std::initializer_list<const char*> kinds, const std::string& who) {
  if (std::none_of(kinds.begin(), kinds.end(), [&](const char* k) { return s.unitKind == k; })) return "仅" + who + "可申请";
  if (!s.licensed) return "取得许可证后方可申请";
  return std::nullopt;
}

}  // namespace baoan::approval::types
