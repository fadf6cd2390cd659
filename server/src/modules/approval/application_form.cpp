#include "modules/approval/application_form.h"

#include <algorithm>
#include <map>

#include "core/dictionaries.h"
#include "core/form.h"
#include "core/regions.h"
#include "core/validation.h"

namespace baoan::approval {

using nlohmann::json;

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
  }
  return "text";
}

FormField text(std::string key, std::string label, bool required, std::size_t maxLength, InputType t = InputType::text) {
  return {std::move(key), std::move(label), t, required, maxLength, {}, 0, 0};
}
FormField of(std::string key, std::string label, InputType t, bool required) {
  return {std::move(key), std::move(label), t, required, t == InputType::people ? 20u : 100u, {}, 0, 0};
}
FormField people(std::string key, std::string label, bool required, std::size_t rows) {
  return {std::move(key), std::move(label), InputType::people, required, rows, {}, 0, 0};
}

// 保安服务公司设立许可 (条例 arts. 8–9, 办法 arts. 5–7).
ApplicationForm companyLicenceForm() {
  FormField capital{"regCapital", "注册资本(万元)", InputType::number, true, 10, {}, 100, 10000000};
  FormField scope{"serviceScope", "服务范围", InputType::multiselect, true, 200, core::dictCodeNames("serviceScopes"), 0, 0};
  return {"company_licence",
          {text("name", "公司名称", true, 60),
           of("creditCode", "统一社会信用代码", InputType::creditCode, true),
           of("regionCode", "所属区域", InputType::region, true),
           text("address", "住所", true, 200),
           capital,
           scope,
           people("legalPerson", "法定代表人", true, 1),
           people("managers", "主要管理人员", true, 20),
           people("technicians", "专业技术人员", false, 50),
           text("facilities", "场所和设施", true, 1000, InputType::textarea),
           text("organisation", "组织机构和管理制度", true, 1000, InputType::textarea),
           of("businessLicenceFiles", "营业执照", InputType::file, true),
           of("resumeFiles", "法定代表人和主要管理人员的身份证明及履历", InputType::file, true),
           of("capitalFiles", "注册资本证明", InputType::file, true),
           of("technicianFiles", "专业技术人员资格证明", InputType::file, false),
           of("facilityFiles", "场所和设施证明", InputType::file, true),
           of("rulesFiles", "组织机构和管理制度", InputType::file, true),
           of("charterFiles", "公司章程", InputType::file, true)},
          {"applicant"},
          "已取得保安服务许可证的公司无需再申请设立许可"};
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
    case InputType::region:
      if (!core::RegionTable::instance().find(s)) errors.add(at, f.label + "不是有效的行政区划代码");
      break;
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
  static const std::vector<FormField> columns = {text("name", "姓名", true, 20), of("idNo", "身份证号", InputType::idNo, true),
                                                 of("mobile", "手机号", InputType::mobile, false), text("role", "职务", false, 30)};
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
}  // namespace

const ApplicationForm* applicationForm(const std::string& businessType) {
  static const std::vector<ApplicationForm> forms = {companyLicenceForm()};
  for (const auto& f : forms)
    if (f.businessType == businessType) return &f;
  return nullptr;
}

json formJson(const ApplicationForm& f) {
  json fields = json::array();
  for (const auto& x : f.fields) {
    json j = {{"key", x.key}, {"label", x.label}, {"type", typeCode(x.type)}, {"required", x.required}};
    if (x.type == InputType::text || x.type == InputType::textarea) j["maxLength"] = x.maxLength;
    if (x.type == InputType::people) j["maxRows"] = x.maxLength;
    if (x.type == InputType::number) {
      j["min"] = x.min;
      j["max"] = x.max;
    }
    if (!x.options.empty()) {
      json options = json::array();
      for (const auto& o : x.options) options.push_back({{"code", o.code}, {"name", o.name}});
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
  for (const auto& field : f.fields) {
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
