#pragma once
// The application form of each business type, as data (GET /business-types/{code}/form): the SPA
// renders every form from it and the server validates against the same declaration. A business
// type without a declared form cannot be applied for yet.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog.h"
#include "core/error.h"

namespace baoan::approval {

// licence: the id of one of the applicant's valid licences (a picker, never typed); guards: ids of
// guards the applicant employs; changes: rows {item, newValue} of a licence change, items from
// `options` (the server adds each row's oldValue at submit).
enum class InputType { text, textarea, number, date, region, idNo, mobile, creditCode, select, multiselect, file, people, licence, guards, changes };

struct FormField {
  std::string key;
  std::string label;
  InputType type = InputType::text;
  bool required = false;
  std::size_t maxLength = 100;  // text; people, guards, changes: rows
  std::vector<core::CodeName> options;  // select, multiselect
  long long min = 0;                    // number
  long long max = 0;
  std::string regionLevel;              // region: "town" when the value must name a 乡镇/街道 (12 digits)
  // changes: the items whose new value is names of a dictionary joined by "、" (item code → dictionary
  // key), which the form offers as a multiple choice
  std::vector<std::pair<std::string, std::string>> valueDictionaries;
};

struct ApplicationForm {
  std::string businessType;
  std::vector<FormField> fields;
};

// Builders of the declarations (types/*.cpp).
FormField textField(std::string key, std::string label, bool required, std::size_t maxLength, InputType t = InputType::text);
FormField field(std::string key, std::string label, InputType t, bool required);
FormField peopleField(std::string key, std::string label, bool required, std::size_t rows);
FormField numberField(std::string key, std::string label, bool required, long long min, long long max);
FormField choiceField(std::string key, std::string label, InputType t, bool required, std::vector<core::CodeName> options);

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
  std::vector<long long> licenceIds;   // every licence picked (the service checks they are the applicant's)
  std::vector<long long> guardIds;     // every guard picked (… employed by the applicant)
};

// Validates `form` against the declaration; a draft only checks what is filled in, a submission
// also that every required field is there. 422 naming form.<key> (people: form.<key>[i].<column>).
ReadForm readForm(const ApplicationForm& f, const nlohmann::json& form, bool submitting);

// The persons of a form: the legal person and every row of its people fields.
std::vector<Person> personsOf(const ApplicationForm& f, const nlohmann::json& values);

}  // namespace baoan::approval
