#pragma once
// Reads a JSON request body field by field, collecting every problem with a Chinese message that
// names the field, so that a form shows all its errors at once (API.md: 422 validation_failed).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"

namespace baoan::core {

struct TextRule {
  bool required = false;
  std::size_t maxLength = 100;  // in characters, not bytes
  bool multiline = false;       // tab and line breaks allowed (remarks, reasons, contents)
};

// The text fields of a form, declared once: what the service enforces and what `baoan forms` prints
// for the test that compares them with docs/openapi.yaml (`schema` names the component the form
// implements; its string properties' maxLength must equal these, field by field).
struct TextField {
  std::string key;    // JSON name
  std::string label;  // Chinese name used in messages
  TextRule rule;
};

struct FormSpec {
  std::string schema;  // the OpenAPI component, e.g. "OrgUpdate"
  std::vector<TextField> fields;
  // The field named `key`; a key the form does not declare is a programming error (std::logic_error).
  const TextField& operator[](std::string_view key) const;
};

class Form {
 public:
  Form(const nlohmann::json& body, FieldErrors& errors) : body_(body), errors_(errors) {}
  // Trimmed text; "" when absent. Wrong types, over-long values and control characters are reported.
  std::string text(const std::string& key, const std::string& label, TextRule rule = {});
  std::string text(const TextField& f) { return text(f.key, f.label, f.rule); }
  // The field's rule without `required`: "" → nullopt.
  std::optional<std::string> optionalText(const TextField& f) {
    return optionalText(f.key, f.label, f.rule.maxLength, f.rule.multiline);
  }
  std::optional<std::string> optionalText(const std::string& key, const std::string& label, std::size_t maxLength = 200,
                                          bool multiline = false);
  // A YYYY-MM-DD date not after today (China time): "" when absent and not required.
  std::string pastDate(const TextField& f);
  std::optional<long long> id(const std::string& key, const std::string& label, bool required);
  std::optional<bool> boolean(const std::string& key, const std::string& label, bool required);
  std::vector<std::string> strings(const std::string& key, const std::string& label);
  std::vector<long long> ids(const std::string& key, const std::string& label);
  const nlohmann::json* object(const std::string& key, const std::string& label);
  bool has(const std::string& key) const { return body_.contains(key) && !body_.at(key).is_null(); }
  FieldErrors& errors() { return errors_; }

 private:
  const nlohmann::json& body_;
  FieldErrors& errors_;
};

// A form shows personal data masked to those who may not see it in full. When such a user saves
// the form unchanged, the masked text comes back: it stands for the stored value, which is kept.
void restoreMaskedValue(nlohmann::json& body, const std::string& key, const std::string& current);

// page=1&size=20 (API.md: size capped at 200). Absent = page 1 of 20; a page or size that is not a
// whole number from 1 (page: up to kMaxPage) answers 400 naming the parameter.
constexpr int kMaxPage = 10000000;
constexpr int kMaxPageSize = 200;
struct PageRequest {
  int page = 1;
  int size = 20;
  long long offset() const { return static_cast<long long>(page - 1) * size; }
};
PageRequest parsePage(const std::string& page, const std::string& size);

}  // namespace baoan::core
