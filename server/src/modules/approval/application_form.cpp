#include "modules/approval/application_form.h"

#include "modules/approval/business_type.h"

#include <algorithm>
#include <map>

#include "core/dictionaries.h"
#include "core/form.h"
#include "core/regions.h"
#include "core/validation.h"

namespace baoan::approval {

using nlohmann::json;

FormField textField(std::string key, std::string label, bool required, std::size_t maxLength, InputType t) {
  return {std::move(key), std::move(label), t, required, maxLength, {}, 0, 0};
}
FormField field(std::string key, std::string label, InputType t, bool required) {
  const bool rows = t == InputType::people || t == InputType::guards || t == InputType::changes;
  return {std::move(key), std::move(label), t, required, rows ? 20u : 100u, {}, 0, 0};
}
FormField peopleField(std::string key, std::string label, bool required, std::size_t rows) {
  return {std::move(key), std::move(label), InputType::people, required, rows, {}, 0, 0};
}
FormField numberField(std::string key, std::string label, bool required, long long min, long long max) {
  return {std::move(key), std::move(label), InputType::number, required, 20, {}, min, max};
}
FormField choiceField(std::string key, std::string label, InputType t, bool required, std::vector<core::CodeName> options) {
  return {std::move(key), std::move(label), t, required, 200, std::move(options), 0, 0};
}

namespace {
const char* typeCode(InputType t) {
  switch (t) {
    case InputType::text: return "text";
    case InputType::textarea: return "textarea";
    case InputType::number: return "number";
    case InputType::date: return "date";
    case InputType::region: return "region";
    case InputType::idNo: return "idNo";
    case InputType::mobile: return "mobile";
    case InputType::creditCode: return "creditCode";
    case InputType::select: return "select";
    case InputType::multiselect: return "multiselect";
    case InputType::file: return "file";
    case InputType::people: return "people";
    case InputType::licence: return "licence";
    case InputType::guards: return "guards";
    case InputType::changes: return "changes";
  }
  return "text";
}

bool blank(const json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().empty()) || (v.is_array() && v.empty());
}

// One value of a scalar field, checked by its type; the normalised value, or null.
json readScalar(const FormField& f, const json& body, const std::string& at, FieldErrors& errors) {
  core::Form form(body, errors);
  switch (f.type) {
    case InputType::number: {
      const json& v = body.at(f.key);
      if (!v.is_number_integer()) {
        errors.addTypeError(at, f.label + "应为整数");
        return nullptr;
      }
      const long long n = v.get<long long>();
      if (n < f.min || (f.max && n > f.max))
        errors.add(at, f.label + "应在" + std::to_string(f.min) + "到" + std::to_string(f.max) + "之间");
      return n;
    }
    case InputType::multiselect: {
      auto codes = form.strings(f.key, f.label);
      for (const auto& code : codes)
        if (std::none_of(f.options.begin(), f.options.end(), [&](const core::CodeName& o) { return o.code == code; }))
          errors.add(at, f.label + "的取值「" + code + "」无效");
      return codes;
    }
    default: break;
  }
  std::string s = form.text(f.key, f.label, {false, f.maxLength, f.type == InputType::textarea});
  if (s.empty() || errors.has(f.key)) return s.empty() ? json(nullptr) : json(s);
  switch (f.type) {
    case InputType::date:
      if (!core::isValidDate(s)) errors.add(at, f.label + "不是有效日期,应为 YYYY-MM-DD");
      break;
    case InputType::region: {
      const auto* region = core::RegionTable::instance().find(s);
      if (!region) errors.add(at, f.label + "不是有效的行政区划代码");
      else if (f.regionLevel == "town" && region->level != "town") errors.add(at, f.label + "应选到乡镇(街道)");
      break;
    }
    case InputType::idNo:
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (auto e = core::checkIdNumber(s)) errors.add(at, f.label + *e);
      break;
    case InputType::mobile: {
      std::string bare;
      if (auto e = core::normalizeMobile(s, bare)) errors.add(at, f.label + *e);
      else s = bare;
      break;
    }
    case InputType::creditCode:
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (auto e = core::checkCreditCode(s)) errors.add(at, f.label + *e);
      break;
    case InputType::select:
      if (std::none_of(f.options.begin(), f.options.end(), [&](const core::CodeName& o) { return o.code == s; }))
        errors.add(at, f.label + "的取值无效");
      break;
    default: break;
  }
  return s;
}

json readFiles(const FormField& f, const json& v, const std::string& at, FieldErrors& errors, std::vector<std::string>& ids) {
  if (!v.is_array()) {
    errors.addTypeError(at, f.label + "应为已上传文件的编号列表");
    return nullptr;
  }
  if (v.size() > 20) errors.add(at, f.label + "最多20个文件");
  json out = json::array();
  for (const auto& id : v) {
    if (!id.is_string() || id.get<std::string>().empty() || id.get<std::string>().size() > 64) {
      errors.addTypeError(at, f.label + "应为已上传文件的编号列表");
      return nullptr;
    }
    out.push_back(id);
    ids.push_back(id.get<std::string>());
  }
  return out;
}

json readPeople(const FormField& f, const json& v, const std::string& at, FieldErrors& errors) {
  if (!v.is_array()) {
    errors.addTypeError(at, f.label + "应为人员列表");
    return nullptr;
  }
  if (v.size() > f.maxLength) errors.add(at, f.label + "最多" + std::to_string(f.maxLength) + "人");
  static const std::vector<FormField> columns = {textField("name", "姓名", true, 20), field("idNo", "身份证号", InputType::idNo, true),
                                                 field("mobile", "手机号", InputType::mobile, false), textField("role", "职务", false, 30)};
  json out = json::array();
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string row = at + "[" + std::to_string(i) + "]";
    const std::string who = f.label + "第" + std::to_string(i + 1) + "行";
    if (!v[i].is_object()) {
      errors.addTypeError(row, who + "格式不正确");
      continue;
    }
    json person = json::object();
    for (const auto& c : columns) {
      FieldErrors own;
      json value = v[i].contains(c.key) && !v[i].at(c.key).is_null() ? readScalar(c, v[i], c.key, own) : json(nullptr);
      if (own.empty() && c.required && blank(value)) own.add(c.key, c.label + "不能为空");
      for (const auto& [k, m] : own.all()) {
        if (own.malformed()) errors.addTypeError(row + "." + k, who + ":" + m);
        else errors.add(row + "." + k, who + ":" + m);
      }
      person[c.key] = value;
    }
    if (person["idNo"].is_string()) {
      auto [it, fresh] = seen.emplace(person["idNo"].get<std::string>(), i);
      if (!fresh) errors.add(row + ".idNo", who + ":身份证号与第" + std::to_string(it->second + 1) + "行重复");
    }
    out.push_back(std::move(person));
  }
  return out;
}
// A picked record: a positive id (licence: one; guards: a list without repeats).
json readIds(const FormField& f, const json& v, const std::string& at, FieldErrors& errors, std::vector<long long>& ids) {
  auto one = [&](const json& x) { return x.is_number_integer() && x.get<long long>() > 0; };
  if (f.type == InputType::licence) {
    if (!one(v)) {
      errors.addTypeError(at, f.label + "应为所选许可证的编号");
      return nullptr;
    }
    ids.push_back(v.get<long long>());
    return v;
  }
  if (!v.is_array() || !std::all_of(v.begin(), v.end(), one)) {
    errors.addTypeError(at, f.label + "应为所选保安员的编号列表");
    return nullptr;
  }
  if (v.size() > f.maxLength) errors.add(at, f.label + "最多" + std::to_string(f.maxLength) + "人");
  std::vector<long long> mine;
  for (const auto& x : v) {
    if (std::find(mine.begin(), mine.end(), x.get<long long>()) != mine.end()) {
      errors.add(at, f.label + "有重复的保安员");
      return nullptr;
    }
    mine.push_back(x.get<long long>());
  }
  ids.insert(ids.end(), mine.begin(), mine.end());
  return v;
}

// The rows of a licence change: {item, newValue}, one row per item; an oldValue sent by the client is
// dropped (the server fills it in from the licence at submit).
json readChanges(const FormField& f, const json& v, const std::string& at, FieldErrors& errors) {
  if (!v.is_array()) {
    errors.addTypeError(at, f.label + "应为变更事项列表");
    return nullptr;
  }
  if (v.size() > f.options.size()) errors.add(at, f.label + "最多" + std::to_string(f.options.size()) + "项");
  json out = json::array();
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string row = at + "[" + std::to_string(i) + "]";
    const std::string which = f.label + "第" + std::to_string(i + 1) + "项";
    if (!v[i].is_object() || !v[i].value("item", json()).is_string() || !v[i].value("newValue", json()).is_string()) {
      errors.addTypeError(row, which + "应为 {item, newValue}");
      continue;
    }
    const std::string item = v[i]["item"].get<std::string>();
    const auto option = std::find_if(f.options.begin(), f.options.end(), [&](const core::CodeName& o) { return o.code == item; });
    if (option == f.options.end()) {
      errors.add(row + ".item", which + ":变更事项「" + item + "」无效");
      continue;
    }
    if (std::find(seen.begin(), seen.end(), item) != seen.end()) errors.add(row + ".item", which + ":" + std::string(option->name) + "重复");
    seen.push_back(item);
    FieldErrors own;
    const FormField valueField = textField("newValue", std::string(option->name) + "的新值", true, 200);
    json value = readScalar(valueField, v[i], "newValue", own);
    if (own.empty() && blank(value)) own.add("newValue", valueField.label + "不能为空");
    for (const auto& [k, m] : own.all()) errors.add(row + "." + k, which + ":" + m);
    out.push_back(json{{"item", item}, {"itemName", std::string(option->name)}, {"newValue", value}});
  }
  return out;
}
}  // namespace

const ApplicationForm* applicationForm(const std::string& businessType) {
  const auto* spec = findSpec(businessType);
  return spec && !spec->form.fields.empty() ? &spec->form : nullptr;
}

json formJson(const ApplicationForm& f) {
  json fields = json::array();
  for (const auto& x : f.fields) {
    json j = {{"key", x.key}, {"label", x.label}, {"type", typeCode(x.type)}, {"required", x.required}};
    if (x.type == InputType::text || x.type == InputType::textarea) j["maxLength"] = x.maxLength;
    if (x.type == InputType::people || x.type == InputType::guards) j["maxRows"] = x.maxLength;
    if (x.type == InputType::region && !x.regionLevel.empty()) j["level"] = x.regionLevel;
    if (x.type == InputType::number) {
      j["min"] = x.min;
      j["max"] = x.max;
    }
    if (!x.options.empty()) {
      json options = json::array();
      for (const auto& o : x.options) {
        json option = {{"code", o.code}, {"name", o.name}};
        for (const auto& [item, dictionary] : x.valueDictionaries)
          if (item == o.code) option["dictionary"] = dictionary;
        options.push_back(std::move(option));
      }
      j["options"] = std::move(options);
    }
    fields.push_back(std::move(j));
  }
  return {{"businessType", f.businessType}, {"fields", std::move(fields)}};
}

ReadForm readForm(const ApplicationForm& f, const json& form, bool submitting) {
  FieldErrors errors;
  ReadForm out{json::object(), {}};
  if (!form.is_object()) {
    errors.addTypeError("form", "申请表应为对象");
    errors.throwIfAny();
  }
  for (const auto& field : f.fields) {
    const std::string at = "form." + field.key;
    json value = nullptr;
    if (form.contains(field.key) && !form.at(field.key).is_null()) {
      FieldErrors own;
      if (field.type == InputType::file) value = readFiles(field, form.at(field.key), at, errors, out.fileIds);
      else if (field.type == InputType::people) value = readPeople(field, form.at(field.key), at, errors);
      else if (field.type == InputType::licence) value = readIds(field, form.at(field.key), at, errors, out.licenceIds);
      else if (field.type == InputType::guards) value = readIds(field, form.at(field.key), at, errors, out.guardIds);
      else if (field.type == InputType::changes) value = readChanges(field, form.at(field.key), at, errors);
      else {
        value = readScalar(field, form, field.key, own);
        for (const auto& [k, m] : own.all()) {
          if (own.malformed()) errors.addTypeError(at, m);
          else errors.add(at, m);
        }
      }
    }
    if (submitting && field.required && blank(value) && !errors.has(at))
      errors.add(at, field.type == InputType::file ? "请上传" + field.label : field.label + "不能为空");
    out.values[field.key] = std::move(value);
  }
  errors.throwIfAny();
  return out;
}

std::vector<Person> personsOf(const ApplicationForm& f, const json& values) {
  std::vector<Person> out;
  auto str = [&](const char* k) { return values.contains(k) && values.at(k).is_string() ? values.at(k).get<std::string>() : std::string(); };
  for (const auto& field : f.fields) {
    // A person's own application (exam registration): the form's name and ID number are the person.
    if (field.type == InputType::idNo && field.key == "idNo" && !str("idNo").empty())
      out.push_back({str("name"), str("idNo"), str("mobile"), "报名人员"});
    if (field.type != InputType::people || !values.contains(field.key) || !values.at(field.key).is_array()) continue;
    for (const auto& p : values.at(field.key)) {
      auto str = [&](const char* k) { return p.contains(k) && p.at(k).is_string() ? p.at(k).get<std::string>() : std::string(); };
      std::string role = str("role");
      if (role.empty()) role = field.label;
      out.push_back({str("name"), str("idNo"), str("mobile"), role});
    }
  }
  return out;
}

}  // namespace baoan::approval
