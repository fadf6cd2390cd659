#pragma once
// What the declarations under types/ share: reading a form's values, the licence a grant issues,
// and the common eligibility answers. Nothing here names a business type.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "modules/approval/business_type.h"
#include "modules/licences/licence_service.h"

namespace baoan::approval::types {

// A text value of the form ("" when absent or not text).
std::string text(const nlohmann::json& form, const char* key);
// The first row of a people field as an object ({} when none).
nlohmann::json firstPerson(const nlohmann::json& form, const char* key);
// "door,patrol" from a multiselect's codes.
std::string joinedCodes(const nlohmann::json& form, const char* key);
// The org id at the end of an org path ("/1/12/" → 12).
long long orgIdOf(const std::string& orgPath);

// The licence the final 同意 of a licence type issues, from the form's usual fields (name,
// address, regCapital, serviceScope, legalPerson), issued by the org of the chain's last step.
licences::IssueRequest licenceRequest(GrantContext& g);

// Eligibility: only `unitKind` accounts, and only while they hold no licence (设立许可).
std::optional<std::string> unlicensedOnly(const ApplicantState& s, const std::string& unitKind, const std::string& unitName);
// Only licensed accounts of the given kinds (the filings and changes of a licence holder).
std::optional<std::string> licensedOnly(const ApplicantState& s, std::initializer_list<const char*> kinds, const std::string& who);

}  // namespace baoan::approval::types
