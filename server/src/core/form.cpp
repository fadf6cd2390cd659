#include "core/form.h"

#include "core/clock.h"
#include "core/validation.h"

#include <stdexcept>

namespace baoan::core {

const TextField& FormSpec::operator[](std::string_view key) const {
  for (const auto& f : fields)
    if (f.key == key) return f;
  throw std::logic_error("form " + schema + " has no field " + std::string(key));
}

std::string Form::text(const std::string& key, const std::string& label, TextRule rule) {
  std::string value;
  if (body_.contains(key) && !body_.at(key).is_null()) {
    const auto& v = body_.at(key);
    if (!v.is_string()) {
      errors_.addTypeError(key, label + "格式错误,应为文本");
      return {};
    }
    value = trim(v.get<std::string>());
  }
  if (value.empty()) {
    if (rule.required) errors_.add(key, label + "不能为空");
    return {};
  }
  if (hasControlCharacters(value, rule.multiline))
    errors_.add(key, label + (rule.multiline ? "包含不可见的控制字符" : "包含换行符或不可见的控制字符"));
  else if (utf8Length(value) > rule.maxLength)
    errors_.add(key, label + "不能超过" + std::to_string(rule.maxLength) + "个字符");
  return value;
}

std::string Form::pastDate(const TextField& f) {
  std::string d = text(f);
  if (d.empty() || errors_.has(f.key)) return d;
  if (!isValidDate(d)) errors_.add(f.key, f.label + "不是有效日期,应为 YYYY-MM-DD");
  else if (d > toChinaDate(nowMs())) errors_.add(f.key, f.label + "不能晚于今天");
  return d;
}

std::optional<std::string> Form::optionalText(const std::string& key, const std::string& label, std::size_t maxLength,
                                              bool multiline) {
  std::string v = text(key, label, {false, maxLength, multiline});
  if (v.empty()) return std::nullopt;
  return v;
}

std::optional<long long> Form::id(const std::string& key, const std::string& label, bool required) {
  if (!has(key)) {
    if (required) errors_.add(key, "请选择" + label);
    return std::nullopt;
  }
  const auto& v = body_.at(key);
  if (v.is_number_integer() && v.get<long long>() > 0) return v.get<long long>();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (!s.empty() && s.size() < 19 && s.find_first_not_of("0123456789") == std::string::npos && std::stoll(s) > 0)
      return std::stoll(s);
  }
  errors_.addTypeError(key, label + "格式错误");
  return std::nullopt;
}

std::optional<bool> Form::boolean(const std::string& key, const std::string& label, bool required) {
  if (!has(key)) {
    if (required) errors_.add(key, "请选择" + label);
    return std::nullopt;
  }
  const auto& v = body_.at(key);
  if (v.is_boolean()) return v.get<bool>();
  errors_.addTypeError(key, label + "格式错误,应为是或否");
  return std::nullopt;
}

std::vector<std::string> Form::strings(const std::string& key, const std::string& label) {
  std::vector<std::string> out;
  if (!has(key)) return out;
  const auto& v = body_.at(key);
  if (!v.is_array()) {
    errors_.addTypeError(key, label + "格式错误,应为列表");
    return out;
  }
  for (const auto& item : v) {
    if (!item.is_string()) {
      errors_.addTypeError(key, label + "格式错误");
      return {};
    }
    if (hasControlCharacters(item.get<std::string>(), false)) {
      errors_.add(key, label + "包含不可见的控制字符");
      return {};
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<long long> Form::ids(const std::string& key, const std::string& label) {
  std::vector<long long> out;
  if (!has(key)) return out;
  const auto& v = body_.at(key);
  if (!v.is_array()) {
    errors_.addTypeError(key, label + "格式错误,应为列表");
    return out;
  }
  for (const auto& item : v) {
    if (!item.is_number_integer() || item.get<long long>() <= 0) {
      errors_.addTypeError(key, label + "格式错误");
      return {};
    }
    out.push_back(item.get<long long>());
  }
  return out;
}

const nlohmann::json* Form::object(const std::string& key, const std::string& label) {
  if (!has(key)) return nullptr;
  if (!body_.at(key).is_object()) {
    errors_.addTypeError(key, label + "格式错误");
    return nullptr;
  }
  return &body_.at(key);
}

void restoreMaskedValue(nlohmann::json& body, const std::string& key, const std::string& current) {
  if (!body.contains(key) || !body.at(key).is_string() || current.empty()) return;
  const std::string sent = body.at(key).get<std::string>();
  if (sent.find('*') == std::string::npos) return;
  if (sent == maskIdNumber(current) || sent == maskMobile(current)) body[key] = current;
}

PageRequest parsePage(const std::string& page, const std::string& size) {
  // Absent means the first page of 20; anything given must be a whole number from 1. A page that is
  // not one (0, -1, abc, 2147483648) is refused rather than quietly read as page 1.
  auto parse = [](const std::string& s, const char* key, const std::string& rule, int fallback, long long max) {
    if (s.empty()) return fallback;
    const bool digits = s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos;
    const long long v = digits ? std::stoll(s) : 0;
    if (v < 1 || v > max) throw AppError(400, "bad_request", rule, {{key, rule}});
    return static_cast<int>(v);
  };
  PageRequest p;
  p.page = parse(page, "page", "页码应为1到" + std::to_string(kMaxPage) + "之间的整数", 1, kMaxPage);
  // API.md: the size is capped at 200; a larger one is a page of 200.
  p.size = std::min(parse(size, "size", "每页条数应为不小于1的整数", 20, 999999999), kMaxPageSize);
  return p;
}

}  // namespace baoan::core
