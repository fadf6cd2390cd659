#pragma once
// The application form of each business type, as data (GET /business-types/{code}/form): the SPA
// renders every form from it and the server validates against the same declaration. A business
// type without a declared form cannot be applied for yet.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/error.h"

namespace baoan::approval {

enum class InputType { text, textarea, number, date, region, idNo, mobile, creditCode, select, multiselect, file, people };

struct FormField {
  std::string key;
  std::string label;
  InputType type = InputType::text;
  bool required = false;
  std::size_t maxLength = 100;  // text; people: rows
  std::vector<core::CodeName> options;  // select, multiselect
  long long min = 0;                    // number
  long long max = 0;
};

struct ApplicationForm {
  std::string businessType;
  std::vector<FormField> fields;
  // The portal account kinds that may apply ("applicant": signed up, no licence; "company": licensed),
  // and why the others may not.
  std::vector<std::string> accountKinds;
  std::string notForOthers;
};

// The form of a business type, or nullptr when none is declared yet.
const ApplicationForm* applicationForm(const std::string& businessType);
nlohmann::json formJson(const ApplicationForm& f);

// A person named in a form (法定代表人, 主要管理人员 …): what the background check runs on.
struct Person {
  std::string name, idNo, mobile, role;
};

struct ReadForm {
  nlohmann::json values;               // normalised (trimmed, ID numbers upper case, mobiles bare)
  std::vector<std::string> fileIds;    // every file named by a file field
};

// Validates `form` against the declaration; a draft only checks what is filled in, a submission
// also that every required field is there. 422 naming form.<key> (people: form.<key>[i].<column>).
ReadForm readForm(const ApplicationForm& f, const nlohmann::json& form, bool submitting);

// The persons of a form: the legal person and every row of its people fields.
std::vector<Person> personsOf(const ApplicationForm& f, const nlohmann::json& values);

}  // namespace baoan::approval
