#pragma once
// 打印 of §5.1.1: one application as a PDF — its header, every field of its form as the applicant
// filled it in (people as tables, materials by file name), and its approval log as §4.1.2 shows it.
// Knows no business type: it prints whatever form the case's type declares.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "modules/approval/application_form.h"
#include "modules/approval/approval_store.h"

namespace baoan::approval {

struct PrintedCase {
  std::string businessTypeName, caseNo, applicantName, statusName, submittedAt, stepName, printedBy, printedAt;
  const ApplicationForm* form = nullptr;
  nlohmann::json values;                             // the form's values
  std::map<std::string, std::string> fileNames;      // file id → its name
  std::vector<LogEntry> log;
};

// The PDF bytes (A4, CJK fonts).
std::string printApplication(const PrintedCase& p);

// A field's value as printed: option names for selects, the region's full name, file names; "" for none.
std::string displayValue(const FormField& f, const nlohmann::json& v, const std::map<std::string, std::string>& fileNames);

}  // namespace baoan::approval
