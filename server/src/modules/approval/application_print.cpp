#include "modules/approval/application_print.h"

#include "core/clock.h"
#include "core/regions.h"
#include "io/pdf.h"

namespace baoan::approval {

using nlohmann::json;
namespace pdf = io::pdf;

namespace {
std::string optionName(const FormField& f, const std::string& code) {
  for (const auto& o : f.options)
    if (o.code == code) return std::string(o.name);
  return code;
}

std::string joined(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

std::string str(const json& v, const char* key) {
  return v.is_object() && v.contains(key) && v.at(key).is_string() ? v.at(key).get<std::string>() : std::string();
}

void heading(pdf::Document& d, const std::string& text) {
  d.ensureSpace(14);
  d.space(4);
  d.paragraph(text, {pdf::Family::sans, 12, true});
  d.space(2);
}

// The people fields as one table each (姓名 | 身份证号 | 手机号 | 职务).
void peopleTable(pdf::Document& d, const FormField& f, const json& rows) {
  heading(d, f.label);
  pdf::Table t{{30, 52, 36, d.contentWidth() - 118}, {"姓名", "公民身份号码", "手机号", "职务"}, {}};
  if (rows.is_array())
    for (const auto& r : rows) t.rows.push_back({str(r, "name"), str(r, "idNo"), str(r, "mobile"), str(r, "role")});
  if (t.rows.empty()) t.rows.push_back({"(无)", "", "", ""});
  d.table(t);
}
}  // namespace

std::string displayValue(const FormField& f, const json& v, const std::map<std::string, std::string>& fileNames) {
  if (v.is_null()) return "";
  switch (f.type) {
    case InputType::number: return v.is_number() ? std::to_string(v.get<long long>()) : "";
    case InputType::select: return v.is_string() ? optionName(f, v.get<std::string>()) : "";
    case InputType::region: return v.is_string() ? core::RegionTable::instance().fullName(v.get<std::string>()) : "";
    case InputType::multiselect: {
      std::vector<std::string> names;
      if (v.is_array())
        for (const auto& c : v)
          if (c.is_string()) names.push_back(optionName(f, c.get<std::string>()));
      return joined(names, "、");
    }
    case InputType::file: {
      std::vector<std::string> names;
      if (v.is_array())
        for (const auto& id : v) {
          if (!id.is_string()) continue;
          auto it = fileNames.find(id.get<std::string>());
          names.push_back(it == fileNames.end() ? "(文件已删除)" : it->second);
        }
      return joined(names, "\n");
    }
    case InputType::people: {
      std::vector<std::string> names;
      if (v.is_array())
        for (const auto& p : v) names.push_back(str(p, "name"));
      return joined(names, "、");
    }
    default: return v.is_string() ? v.get<std::string>() : v.dump();
  }
}

std::string printApplication(const PrintedCase& p) {
  pdf::Document d({18, 18, 18, 18});
  d.setTitle(p.businessTypeName + "申请 " + p.caseNo);
  d.setAuthor("保安服务监管信息系统");
  d.paragraph(p.businessTypeName + "申请表", {pdf::Family::serif, 18, true, pdf::Align::center, pdf::kBlack, 1.0, 2});
  d.space(4);
  const double w = d.contentWidth();
  pdf::Table head{{28, w / 2 - 28, 28, w / 2 - 28}, {}, {}};
  head.labelColumns = {0, 2};
  head.rows = {{"办件编号", p.caseNo, "办理状态", p.statusName},
               {"申请人", p.applicantName, "提交时间", p.submittedAt},
               {"当前环节", p.stepName.empty() ? "—" : p.stepName, "打印时间", p.printedAt}};
  d.table(head);

  heading(d, "一、申请信息");
  pdf::Table fields{{52, w - 52}, {}, {}};
  fields.labelColumns = {0};
  std::vector<const FormField*> peopleFields, fileFields;
  if (p.form)
    for (const auto& f : p.form->fields) {
      if (f.type == InputType::people) peopleFields.push_back(&f);
      else if (f.type == InputType::file) fileFields.push_back(&f);
      else fields.rows.push_back({f.label, displayValue(f, p.values.value(f.key, json()), p.fileNames)});
    }
  if (!fields.rows.empty()) d.table(fields);
  for (const auto* f : peopleFields) peopleTable(d, *f, p.values.value(f->key, json()));

  heading(d, "二、申请材料");
  pdf::Table files{{52, w - 52}, {"材料", "文件"}, {}};
  for (const auto* f : fileFields) {
    const std::string names = displayValue(*f, p.values.value(f->key, json()), p.fileNames);
    files.rows.push_back({f->label, names.empty() ? "(未提交)" : names});
  }
  d.table(files);

  heading(d, "三、审批日志");
  pdf::Table log{{36, 52, w - 88}, {"审批时间", "审批人", "内容信息"}, {}};
  for (const auto& e : p.log) {
    std::string who = e.userName + (e.onBehalfOf ? "(代" + *e.onBehalfOf + ")" : "");
    if (e.postName) who += "[" + *e.postName + "]";
    // As §4.1.2 shows it: the opinion of an 同意, "指派" for an assignment, else the action and its opinion.
    const bool hasOpinion = e.opinion && !e.opinion->empty();
    std::string content = e.action == "assign" ? "指派" : e.action == "approve" && hasOpinion ? *e.opinion : e.actionName;
    if (hasOpinion && e.action != "assign" && e.action != "approve") content += ":" + *e.opinion;
    if (e.publicNote && !e.publicNote->empty()) content += "\n(告知申请人)" + *e.publicNote;
    std::string at = core::toIso(e.at).substr(0, 19);
    at[10] = ' ';
    log.rows.push_back({at, who, content});
  }
  if (log.rows.empty()) log.rows.push_back({"", "", "(暂无)"});
  log.cellStyle.size = 9.5;
  d.table(log);
  d.space(4);
  d.paragraph("打印人:" + p.printedBy, {pdf::Family::sans, 9, false, pdf::Align::right});
  return d.finish();
}

}  // namespace baoan::approval
