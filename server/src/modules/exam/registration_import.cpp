// 批量报名 (issue 13): a company, training school or in-house unit registers many people from one xlsx
// list. The photos and certificates are uploaded first on the same page (POST /files, the photos with
// ?accept=id_photo); the list names each person's files by file name, and the server takes the
// account's own newest unattached upload of that name. Every row is checked as the single form is —
// the form's rules, 条例 arts. 16–17, the photo, an open registration, the station — and nothing is
// registered unless every row is good; the report names each bad row and column.
#include <map>

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/regions.h"
#include "core/validation.h"
#include "io/import_table.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"
#include "modules/audit/audit_log.h"
#include "modules/exam/registration_service.h"

namespace baoan::exam {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxRows = 500;

const std::vector<io::ImportColumn>& columns() {
  static const std::vector<io::ImportColumn> c = {
      {"name", "姓名", true},
      {"idNo", "公民身份号码", true, true},
      {"ethnicity", "民族", true},
      {"education", "文化程度", true},
      {"householdRegion", "户籍地(乡镇街道)", true, true},
      {"householdAddress", "户籍地址", true},
      {"currentAddress", "现住址", true},
      {"mobile", "手机号", true, true},
      {"photo", "照片文件名", true},
      {"medicalFiles", "体检证明文件名", true},
      {"educationFiles", "学历证明文件名", true},
      {"armedEscort", "报考武装守护押运", false},
      {"noCrimeFiles", "无犯罪记录证明文件名", false},
  };
  return c;
}

std::vector<io::Column> templateColumns() {
  using io::ColumnKind;
  return {{"姓名", ColumnKind::text, 10, true, "必填"},
          {"公民身份号码", ColumnKind::text, 22, true, "必填,18位,请保持文本格式;性别、出生日期由号码确定,年满18周岁"},
          {"民族", ColumnKind::text, 8, true, "必填,如:汉族"},
          {"文化程度", ColumnKind::text, 10, true, "必填,初中及以上:初中、高中、中专、大专、本科、硕士研究生、博士研究生"},
          {"户籍地(乡镇街道)", ColumnKind::text, 30, true, "必填,乡镇(街道)的12位区划代码,或全称如:陕西省咸阳市渭城区新兴路街道"},
          {"户籍地址", ColumnKind::text, 30, true, "必填"},
          {"现住址", ColumnKind::text, 30, true, "必填"},
          {"手机号", ColumnKind::text, 14, true, "必填,11位手机号码"},
          {"照片文件名", ColumnKind::text, 18, true, "必填,在本页先上传的证件照(JPG,358×441像素,浅色背景)的文件名"},
          {"体检证明文件名", ColumnKind::text, 18, true, "必填,先上传的县级以上医院体检证明(PDF/JPG/PNG)的文件名"},
          {"学历证明文件名", ColumnKind::text, 18, true, "必填,先上传的学历证明的文件名"},
          {"报考武装守护押运", ColumnKind::text, 10, false, "选填:是 / 否,默认否"},
          {"无犯罪记录证明文件名", ColumnKind::text, 18, false, "报考武装守护押运时必填"}};
}

std::vector<io::Cell> exampleRow() {
  return {std::string("张伟"), std::string("11010519491231002X"), std::string("汉族"), std::string("高中"),
          std::string("陕西省咸阳市渭城区新兴路街道"), std::string("咸阳市渭城区新兴路1号"), std::string("咸阳市渭城区文林路2号"),
          std::string("13800000000"), std::string("张伟.jpg"), std::string("张伟体检.pdf"), std::string("张伟学历.pdf"),
          std::string("否"), std::monostate{}};
}

// A 乡镇/街道 by its code or its full name ("陕西省咸阳市渭城区新兴路街道"); "" when none.
std::string townCode(const std::string& text) {
  const auto& table = core::RegionTable::instance();
  if (const auto* r = table.find(text)) return r->level == "town" ? r->code : "";
  static const std::map<std::string, std::string> byName = [&table] {
    std::map<std::string, std::string> m;
    std::vector<const core::Region*> todo = table.children("610000");
    while (!todo.empty()) {
      const core::Region* r = todo.back();
      todo.pop_back();
      if (r->level == "town") m[table.fullName(r->code)] = r->code;
      else for (const auto* c : table.children(r->code)) todo.push_back(c);
    }
    return m;
  }();
  auto it = byName.find(text);
  return it == byName.end() ? "" : it->second;
}

std::string educationCode(const std::string& text) {
  for (const auto& e : core::findDictionary("educations")->items)
    if (e.name == text || e.code == text) return std::string(e.code);
  return text;
}

}  // namespace

modules::ExportFile RegistrationService::importTemplate() {
  const std::string path = modules::tempFilePath(".xlsx");
  io::writeTemplate(path, "考试报名", templateColumns(), exampleRow());
  return {path, "保安员资格考试批量报名模板.xlsx"};
}

json RegistrationService::importRegistrations(const core::Actor& a, const std::string& xlsx, int& status) {
  const std::string kind = registrant(a.who);
  if (kind == "person" || kind == "officer") throw forbidden("批量报名由保安服务公司、保安培训单位或自行招用保安员单位办理");
  const io::ReadSheet sheet = io::readUploadedSheet(xlsx, kMaxRows + 1);
  io::ImportTable table(columns());
  table.ignoreExampleRow(exampleRow());
  io::ImportErrors errors(table.columns());
  struct Good {
    int row;
    approval::ReadForm read;
  };
  std::vector<Good> good;
  if (table.read(sheet, errors)) {
    // Every file name of the list, resolved at once among the account's own unattached uploads.
    std::vector<std::string> names;
    for (const auto& r : table.rows())
      for (const char* k : {"photo", "medicalFiles", "educationFiles", "noCrimeFiles"})
        if (!r.get(k).empty()) names.push_back(r.get(k));
    const auto uploaded = ctx_.db.read([&](db::Conn& c) { return store_.uploadsNamed(c, a.who.userId, names); });
    std::map<std::string, int> seen;  // ID number → first row
    for (const auto& r : table.rows()) {
      FieldErrors fe;
      json form = r.toJson();
      form["education"] = educationCode(r.get("education"));
      if (!r.get("householdRegion").empty()) {
        const std::string town = townCode(r.get("householdRegion"));
        if (town.empty()) fe.add("householdRegion", "户籍地应为陕西省的乡镇(街道):12位区划代码或全称");
        form["householdRegion"] = town;
      }
      form["armedEscort"] = r.get("armedEscort") == "是" ? "yes" : "no";
      for (const auto& [key, label] : std::vector<std::pair<const char*, const char*>>{
               {"photo", "照片"}, {"medicalFiles", "体检证明"}, {"educationFiles", "学历证明"}, {"noCrimeFiles", "无犯罪记录证明"}}) {
        const std::string name = r.get(key);
        form.erase(key);
        if (name.empty()) continue;
        auto it = uploaded.find(name);
        if (it == uploaded.end()) fe.add(key, std::string(label) + "文件「" + name + "」未上传:请先在本页上传,文件名与表格一致");
        else form[key] = json::array({it->second});
      }
      if (fe.empty()) {
        try {
          approval::ReadForm read = approval::readForm(*approval::applicationForm("exam_registration"), form, true);
          checkPerson(a.who, kind, read.values, fe, "");
          const std::string idNo = read.values.value("idNo", "");
          if (auto [it, fresh] = seen.emplace(idNo, r.row); !fresh) fe.add("idNo", "公民身份号码与第" + std::to_string(it->second) + "行重复");
          if (fe.empty()) good.push_back({r.row, std::move(read)});
        } catch (const AppError& e) {
          for (const auto& [k, m] : e.fields) fe.add(k.rfind("form.", 0) == 0 ? k.substr(5) : k, m);
          if (e.fields.empty()) fe.add("", e.what());
        }
      }
      errors.addFieldErrors(r.row, fe);
    }
    // What the database says (an open registration, art. 17, the station), for the rows good so far.
    ctx_.db.read([&](db::Conn& c) {
      for (const auto& g : good)
        if (const auto problem = admit(c, a.who, kind, g.read.values).problem) errors.add(g.row, problem->field, problem->message);
    });
  }
  if (!errors.empty()) {
    status = 422;
    return {{"imported", 0}, {"errors", errors.toJson(1000)}, {"errorCount", errors.size()}};
  }
  status = 200;
  return ctx_.db.write([&](db::Conn& c) {
    json items = json::array();
    for (const auto& g : good) {
      json made = registerIn(c, a, kind, g.read.values, g.read.fileIds);
      made["row"] = g.row;
      made["name"] = g.read.values.value("name", "");
      items.push_back(std::move(made));
    }
    audit::record(c, a, "import", "exam_registration", "", "批量考试报名 " + std::to_string(items.size()) + " 人");
    return json{{"imported", items.size()}, {"items", items}, {"errors", json::array()}};
  });
}

}  // namespace baoan::exam
