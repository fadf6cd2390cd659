#pragma once
// 打印 of §5.1.1: one application as a PDF — its header, every field of its form as the applicant
// filled it in (people as tables, materials listed by file name), its approval log as §4.1.2 shows
// it, and then the materials themselves as attachments: a JPG or PNG on a page of its own, the pages
// of a PDF drawn as vectors (poppler), each page captioned with the material and the file. Bounded:
// at most maxPagesPerFile pages of one file and maxPages in all; the list of materials says what was
// left out, and a file that cannot be read prints as 文件无法预览 instead of failing the print.
// Knows no business type: it prints whatever form the case's type declares.
#include <functional>
#include <map>
#include <optional>
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
  // The bytes of an uploaded file of the case (ids from fileNames only); nullopt when they are gone.
  std::function<std::optional<std::string>(const std::string& fileId)> fileContent;
  int maxPagesPerFile = 50, maxPages = 200;  // pages of attachments: per file, in all
  // Whether an uploaded PDF may be drawn (its first maxPagesPerFile pages): the server asks a child
  // process with limits (io/pdf_trial.h); unset, every PDF poppler opens is drawn.
  std::function<bool(const std::string& bytes, int pages)> pdfDrawable;
};

// The PDF bytes (A4, CJK fonts).
std::string printApplication(const PrintedCase& p);

// A field's value as printed: option names for selects, the region's full name, file names; "" for none.
std::string displayValue(const FormField& f, const nlohmann::json& v, const std::map<std::string, std::string>& fileNames);

}  // namespace baoan::approval
