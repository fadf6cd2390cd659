#include "modules/approval/application_print.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "core/clock.h"
#include "core/regions.h"
#include "io/pdf.h"
#include "modules/files/file_service.h"

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

// One uploaded file of a material, opened for the print, and how much of it is printed.
struct PrintAttachment {
  std::string fieldKey, label, fileName;
  std::string image;                    // the bytes of a JPG or PNG
  std::unique_ptr<pdf::SourcePdf> pdf;  // an opened PDF
  std::string unreadable;               // why it cannot be shown; "" when it can
  int printedPages = 0;                 // 0 for a file left out (over the limit) or unreadable
  std::string note;                     // its 打印 column in the list of materials
};

std::string attachmentName(std::size_t n) { return "附件" + std::to_string(n); }

void openAttachment(PrintAttachment& a, std::optional<std::string> bytes, const PrintedCase& p) {
  if (!bytes) {
    a.unreadable = "文件内容已丢失";
    return;
  }
  const std::string type = files::sniffContentType(*bytes);
  if (type == "image/jpeg" || type == "image/png") {
    a.image = std::move(*bytes);
  } else if (type == "application/pdf") {
    if (p.pdfDrawable && !p.pdfDrawable(*bytes, p.maxPagesPerFile)) {
      spdlog::warn("print: material file {} failed its trial drawing (damaged, or over the memory or time limit)", a.fileName);
      a.unreadable = "文件已损坏,或内容过于复杂无法绘制";
      return;
    }
    try {
      a.pdf = std::make_unique<pdf::SourcePdf>(*bytes);
      if (a.pdf->pageCount() == 0) a.unreadable = "文件中没有页面";
    } catch (const std::exception& e) {
      spdlog::warn("print: material file {} cannot be opened: {}", a.fileName, e.what());
      a.unreadable = "文件已损坏、已加密或格式不受支持";
    }
  } else {
    a.unreadable = "不是 PDF、JPG 或 PNG 文件";
  }
  if (!a.unreadable.empty()) a.pdf.reset();
}

// Decides how many pages of the n-th attachment fit into what is left (`left`) and writes its note.
void budgetAttachment(PrintAttachment& a, std::size_t n, int& left, const PrintedCase& p) {
  if (!a.unreadable.empty()) {
    a.note = attachmentName(n) + ",文件无法预览(" + a.unreadable + ")";
    return;
  }
  const int pages = a.pdf ? a.pdf->pageCount() : 1;
  a.printedPages = std::min({pages, p.maxPagesPerFile, left});
  left -= a.printedPages;
  if (a.printedPages == 0) {
    a.note = "未打印:附件已达 " + std::to_string(p.maxPages) + " 页的打印上限";
    a.pdf.reset();
    a.image.clear();
    return;
  }
  a.note = attachmentName(n) + (a.pdf ? ",共 " + std::to_string(pages) + " 页" : ",图片");
  if (a.printedPages < pages)
    a.note += ",只打印前 " + std::to_string(a.printedPages) + " 页(" +
              (a.printedPages == p.maxPagesPerFile ? "每个文件最多打印 " + std::to_string(p.maxPagesPerFile) + " 页"
                                                  : "附件最多打印 " + std::to_string(p.maxPages) + " 页") +
              "),其余 " + std::to_string(pages - a.printedPages) + " 页未打印";
}

// Every file of every material field, in the order of the form, opened and budgeted.
std::vector<PrintAttachment> planAttachments(const PrintedCase& p, const std::vector<const FormField*>& fileFields) {
  std::vector<PrintAttachment> out;
  int left = p.maxPages;
  for (const auto* f : fileFields) {
    const json ids = p.values.value(f->key, json());
    if (!ids.is_array()) continue;
    for (const auto& id : ids) {
      const auto file = id.is_string() ? p.fileNames.find(id.get<std::string>()) : p.fileNames.end();
      if (file == p.fileNames.end()) continue;  // only the files the case owns
      PrintAttachment a{f->key, f->label, file->second, {}, nullptr, {}, 0, {}};
      openAttachment(a, p.fileContent ? p.fileContent(file->first) : std::nullopt, p);
      budgetAttachment(a, out.size() + 1, left, p);
      out.push_back(std::move(a));
    }
  }
  return out;
}

// 二、申请材料: each file of each material with what the print shows of it.
void materialsList(pdf::Document& d, const std::vector<const FormField*>& fileFields, const std::vector<PrintAttachment>& files) {
  const double w = d.contentWidth();
  pdf::Table t{{40, w - 100, 60}, {"材料", "文件", "打印"}, {}};
  for (const auto* f : fileFields) {
    bool any = false;
    for (const auto& a : files)
      if (a.fieldKey == f->key) {
        t.rows.push_back({any ? "" : f->label, a.fileName, a.note});
        any = true;
      }
    if (!any) t.rows.push_back({f->label, "(未提交)", ""});
  }
  d.table(t);
}

// A new page headed by the attachment's caption; returns the height left below it (mm).
double attachmentPage(pdf::Document& d, const PrintAttachment& a, std::size_t n, const std::string& pageNote) {
  d.newPage();
  d.paragraph(attachmentName(n) + "  " + a.label + ":" + a.fileName + pageNote, {pdf::Family::sans, 10, true});
  d.space(2);
  return d.pageHeight() - d.margins().bottom - d.cursor();
}

void printImageAttachment(pdf::Document& d, const PrintAttachment& a, std::size_t n) {
  const double h = attachmentPage(d, a, n, "");
  try {
    d.image(d.margins().left, d.cursor(), d.contentWidth(), h, a.image);
  } catch (const std::exception& e) {
    spdlog::warn("print: image {} cannot be drawn: {}", a.fileName, e.what());
    d.paragraph("文件无法预览(图片无法解码,或超过 " + std::to_string(pdf::kMaxImagePixels / 1'000'000) + " 百万像素)");
  }
}

void printPdfAttachment(pdf::Document& d, const PrintAttachment& a, std::size_t n) {
  const int pages = a.pdf->pageCount();
  for (int i = 0; i < a.printedPages; ++i) {
    std::string note = "(第 " + std::to_string(i + 1) + " / " + std::to_string(pages) + " 页";
    if (i + 1 == a.printedPages && a.printedPages < pages) note += ";其余 " + std::to_string(pages - a.printedPages) + " 页未打印";
    const double h = attachmentPage(d, a, n, note + ")");
    try {
      d.pdfPage(*a.pdf, i, d.margins().left, d.cursor(), d.contentWidth(), h);
    } catch (const std::exception& e) {
      spdlog::warn("print: page {} of {} cannot be drawn: {}", i + 1, a.fileName, e.what());
      d.paragraph("本页无法预览");
    }
  }
}

void printUnreadableAttachment(pdf::Document& d, const PrintAttachment& a, std::size_t n) {
  attachmentPage(d, a, n, "");
  d.paragraph("文件无法预览(" + a.unreadable + ")");
}

// The attachments, each on pages of its own, then the line naming the files left out.
void printAttachments(pdf::Document& d, const std::vector<PrintAttachment>& files, const PrintedCase& p) {
  std::vector<std::string> leftOut;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& a = files[i];
    if (!a.unreadable.empty()) printUnreadableAttachment(d, a, i + 1);
    else if (a.printedPages == 0) leftOut.push_back(a.label + ":" + a.fileName);
    else if (a.pdf) printPdfAttachment(d, a, i + 1);
    else printImageAttachment(d, a, i + 1);
  }
  if (leftOut.empty()) return;
  d.newPage();
  std::string text = "以下 " + std::to_string(leftOut.size()) + " 个材料文件超出附件打印上限(最多 " + std::to_string(p.maxPages) +
                     " 页),未打印,请在系统中查看:";
  for (const auto& f : leftOut) text += "\n" + f;
  d.paragraph(text, {pdf::Family::sans, 10.5, true});
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
  const std::vector<PrintAttachment> attachments = planAttachments(p, fileFields);
  materialsList(d, fileFields, attachments);

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
  printAttachments(d, attachments, p);
  return d.finish();
}

}  // namespace baoan::approval
