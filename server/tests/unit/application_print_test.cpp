// 打印 of an application (approval/application_print): the materials themselves are in the print — a
// PDF material's pages as vectors (its text stays text), a PNG on a page of its own — bounded per
// file and in all with a line saying what was left out, and a file poppler cannot open prints as
// 文件无法预览 instead of failing. Read back with poppler-glib.
#include <gtest/gtest.h>

#include <cairo.h>
#include <poppler.h>

#include <map>
#include <optional>
#include <string>

#include "io/pdf.h"
#include "modules/approval/application_print.h"

using namespace baoan;
using namespace baoan::approval;
using nlohmann::json;

namespace {
// A PDF of `pages` pages whose text names the page: "营业执照正本 第N页 XKCD-4711".
std::string materialPdf(int pages) {
  io::pdf::Document d;
  for (int i = 1; i <= pages; ++i) {
    if (i > 1) d.newPage();
    d.paragraph("营业执照正本 第" + std::to_string(i) + "页 XKCD-4711", {io::pdf::Family::serif, 20, true});
  }
  return d.finish();
}

cairo_status_t appendPng(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A 300×200 PNG: a red field with a blue bar.
std::string materialPng(int w = 300, int h = 200) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0.9, 0.1, 0.1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.9);
  cairo_rectangle(cr, 20, 20, w / 2.0, 40);
  cairo_fill(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(s, appendPng, &out);
  cairo_surface_destroy(s);
  return out;
}

struct ReadBack {
  int pages = 0;
  std::string text;  // all pages, white space removed
  int images = 0;    // images placed on the pages
};

ReadBack readBack(const std::string& pdf) {
  GBytes* bytes = g_bytes_new(pdf.data(), pdf.size());
  GError* error = nullptr;
  PopplerDocument* doc = poppler_document_new_from_bytes(bytes, nullptr, &error);
  g_bytes_unref(bytes);
  if (!doc) {
    ADD_FAILURE() << "the print does not open: " << (error ? error->message : "");
    if (error) g_error_free(error);
    return {};
  }
  ReadBack r;
  r.pages = poppler_document_get_n_pages(doc);
  for (int i = 0; i < r.pages; ++i) {
    PopplerPage* page = poppler_document_get_page(doc, i);
    char* text = poppler_page_get_text(page);
    for (const char* c = text; c && *c; ++c)
      if (!g_ascii_isspace(*c)) r.text += *c;
    g_free(text);
    GList* images = poppler_page_get_image_mapping(page);
    r.images += static_cast<int>(g_list_length(images));
    poppler_page_free_image_mapping(images);
    g_object_unref(page);
  }
  g_object_unref(doc);
  return r;
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

FormField fileField(const std::string& key, const std::string& label) {
  FormField f;
  f.key = key;
  f.label = label;
  f.type = InputType::file;
  return f;
}

const ApplicationForm kForm{"test", {fileField("licenceFiles", "营业执照"), fileField("photoFiles", "场所照片")}};

// A case with the files (id → name, bytes); the form names them in the order given.
PrintedCase printedCase(const std::map<std::string, std::pair<std::string, std::string>>& files, const json& values) {
  PrintedCase p;
  p.businessTypeName = "保安服务公司设立许可";
  p.caseNo = "XK20261208000001";
  p.applicantName = "咸阳测试保安服务有限公司";
  p.statusName = "待受理";
  p.printedBy = "王建国(咸阳市公安局)";
  p.printedAt = "2026-12-08 10:00:00";
  p.form = &kForm;
  p.values = values;
  auto contents = std::make_shared<std::map<std::string, std::string>>();
  for (const auto& [id, f] : files) {
    p.fileNames[id] = f.first;
    (*contents)[id] = f.second;
  }
  p.fileContent = [contents](const std::string& id) -> std::optional<std::string> {
    auto it = contents->find(id);
    if (it == contents->end()) return std::nullopt;
    return it->second;
  };
  return p;
}

const json kValues = {{"licenceFiles", {"f1"}}, {"photoFiles", {"f2"}}};
}  // namespace

TEST(ApplicationPrint, PdfMaterialPagesAndImagesArePrintedAfterTheLog) {
  const auto withFiles = printedCase({{"f1", {"营业执照.pdf", materialPdf(3)}}, {"f2", {"场所.png", materialPng()}}}, kValues);
  PrintedCase listOnly = printedCase({}, json::object());  // as before: no material content
  const ReadBack before = readBack(printApplication(listOnly));
  const ReadBack r = readBack(printApplication(withFiles));
  EXPECT_EQ(r.pages, before.pages + 4) << "three pages of the PDF and one of the image";
  // the material's own text, once per page, as text (vector), not as a picture of it
  for (int i = 1; i <= 3; ++i) EXPECT_EQ(count(r.text, "营业执照正本第" + std::to_string(i) + "页XKCD-4711"), 1) << r.text;
  EXPECT_EQ(count(r.text, "附件1营业执照:营业执照.pdf(第"), 3) << "each page captioned";
  EXPECT_NE(r.text.find("附件2场所照片:场所.png"), std::string::npos);
  EXPECT_NE(r.text.find("附件1,共3页"), std::string::npos) << "the list of materials says what is printed";
  EXPECT_EQ(r.images, 1) << "the PNG, drawn as an image";
  EXPECT_NE(r.text.find("审批日志"), std::string::npos);
  EXPECT_LT(r.text.find("审批日志"), r.text.find("营业执照正本第1页")) << "attachments after the log";
}

TEST(ApplicationPrint, PagesBeyondTheLimitsAreLeftOutWithALineSayingSo) {
  auto perFile = printedCase({{"f1", {"营业执照.pdf", materialPdf(3)}}, {"f2", {"场所.png", materialPng()}}}, kValues);
  perFile.maxPagesPerFile = 2;
  const ReadBack a = readBack(printApplication(perFile));
  EXPECT_EQ(count(a.text, "XKCD-4711"), 2);
  EXPECT_NE(a.text.find("(第2/3页;其余1页未打印)"), std::string::npos) << a.text;
  EXPECT_NE(a.text.find("只打印前2页(每个文件最多打印2页),其余1页未打印"), std::string::npos) << a.text;
  EXPECT_EQ(a.images, 1);

  auto total = printedCase({{"f1", {"营业执照.pdf", materialPdf(3)}}, {"f2", {"场所.png", materialPng()}}}, kValues);
  total.maxPages = 3;
  const ReadBack b = readBack(printApplication(total));
  EXPECT_EQ(count(b.text, "XKCD-4711"), 3);
  EXPECT_EQ(b.images, 0) << "the PNG is over the limit";
  EXPECT_NE(b.text.find("未打印:附件已达3页的打印上限"), std::string::npos) << b.text;
  EXPECT_NE(b.text.find("以下1个材料文件超出附件打印上限(最多3页),未打印,请在系统中查看:场所照片:场所.png"), std::string::npos) << b.text;
}

TEST(ApplicationPrint, UnreadableMaterialsPrintAsNotPreviewable) {
  const std::string good = materialPdf(2);
  const std::map<std::string, std::string> hostile = {
      {"garbage.pdf", "%PDF-1.7\n" + std::string(2000, '\xff') + "\n%%EOF\n"},
      {"truncated.pdf", good.substr(0, good.size() / 3)},
      {"no-trailer.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [2 0 R] /Count 999999999 >> endobj\n"},
      {"bad.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, '\0')},
      {"huge.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x7f\xff\0\0\x7f\xff\x08\x02\0\0\0", 29)},
  };
  for (const auto& [name, bytes] : hostile) {
    const bool png = name.ends_with(".png");
    auto p = printedCase({{"f1", {name, bytes}}}, png ? json{{"photoFiles", {"f1"}}} : json{{"licenceFiles", {"f1"}}});
    std::string out;
    ASSERT_NO_THROW(out = printApplication(p)) << name;
    const ReadBack r = readBack(out);
    EXPECT_GT(r.pages, 0) << name;
    EXPECT_NE(r.text.find("审批日志"), std::string::npos) << name;
    // poppler may mend a damaged file (truncated.pdf): then its pages are printed; otherwise the line
    const bool mended = r.text.find("XKCD-4711") != std::string::npos;
    EXPECT_TRUE(mended || r.text.find("文件无法预览") != std::string::npos) << name << ": " << r.text;
    if (name != "truncated.pdf") EXPECT_FALSE(mended) << name;
  }
  // a file whose bytes are gone
  auto gone = printedCase({{"f1", {"营业执照.pdf", materialPdf(1)}}}, json{{"licenceFiles", {"f1"}}});
  gone.fileContent = [](const std::string&) { return std::optional<std::string>(); };
  EXPECT_NE(readBack(printApplication(gone)).text.find("文件无法预览(文件内容已丢失)"), std::string::npos);
}
