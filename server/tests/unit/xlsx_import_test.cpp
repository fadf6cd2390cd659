// Unit tests for io/import_table: header matching, normalised values, number cells in text-only
// columns, the template's example row, and the error list a module builds with its form rules.
#include "io/import_table.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/form.h"
#include "core/validation.h"
#include "io/xlsx_writer.h"
#include "test_files.h"

using namespace baoan;
using namespace baoan::io;
using baoan::test_files::readFile;
using baoan::test_files::TempFile;
namespace fs = std::filesystem;

namespace {

std::string fixture(const std::string& name) {
  return readFile(fs::path(__FILE__).parent_path().parent_path() / "fixtures" / "xlsx" / name);
}

ReadCell text(const std::string& s) { return {ReadCell::Kind::text, s, 0}; }
ReadCell number(double d) { return {ReadCell::Kind::number, formatExcelNumber(d), d}; }

std::string describe(const std::vector<ImportError>& errors) {
  std::string out;
  for (const auto& e : errors)
    out += std::to_string(e.row) + "|" + e.field + "|" + e.column + "|" + e.message + "\n";
  return out;
}

// The guard import of a module: the same columns as its template.
std::vector<ImportColumn> guardImportColumns() {
  return {{"name", "姓名", true},
          {"gender", "性别"},
          {"idNumber", "身份证号", true, true},
          {"mobile", "手机号码", false, true},
          {"hireDate", "入职日期"},
          {"remark", "备注"}};
}

// What a module does with each row: the form rules of its create form.
void validateGuard(const ImportRow& row, ImportErrors& errors) {
  FieldErrors fe;
  const nlohmann::json body = row.toJson();  // Form keeps a reference: not a temporary
  core::Form form(body, fe);
  form.text("name", "姓名", {.required = true, .maxLength = 50});
  const std::string id = form.text("idNumber", "身份证号", {.required = true, .maxLength = 18});
  if (!id.empty())
    if (auto problem = core::checkIdNumber(id)) fe.add("idNumber", "身份证号" + *problem);
  const std::string mobile = form.text("mobile", "手机号码", {.maxLength = 20});
  std::string normalized;
  if (!mobile.empty())
    if (auto problem = core::normalizeMobile(mobile, normalized)) fe.add("mobile", "手机号码" + *problem);
  const std::string hire = form.text("hireDate", "入职日期");
  if (!hire.empty() && !core::isValidDate(hire)) fe.add("hireDate", "入职日期不是有效日期,应为 YYYY-MM-DD");
  errors.addFieldErrors(row.row, fe);
}

}  // namespace

// ---------------------------------------------------------------- fixtures

TEST(ImportTable, ExcelFileMapsEveryColumn) {
  const ReadSheet sheet = XlsxReader().readFirstSheet(fixture("excel_style.xlsx"));
  ImportTable table({{"name", "姓名", true},
                     {"idNumber", "身份证号", true, true},
                     {"hireDate", "入职日期"},
                     {"birthDate", "出生日期"},
                     {"salary", "月工资"},
                     {"active", "在职"},
                     {"remark", "备注"},
                     {"org", "所属公司"}});  // optional and absent
  ImportErrors errors(table.columns());
  ASSERT_TRUE(table.read(sheet, errors));
  EXPECT_TRUE(errors.empty()) << describe(errors.sorted());
  EXPECT_EQ(table.headerRow(), 1);
  EXPECT_FALSE(table.hasColumn("org"));
  ASSERT_EQ(table.rows().size(), 3u);

  const ImportRow& r2 = table.rows()[0];
  EXPECT_EQ(r2.row, 2);
  EXPECT_EQ(r2.values, (std::map<std::string, std::string>{{"name", "张三"},
                                                           {"idNumber", "610404199001011230"},
                                                           {"hireDate", "2024-01-01"},
                                                           {"birthDate", "1990-01-01"},
                                                           {"salary", "4500.5"},
                                                           {"active", "TRUE"},
                                                           {"remark", "王小明"},
                                                           {"org", ""}}));
  const ImportRow& r3 = table.rows()[1];
  EXPECT_EQ(r3.row, 3);
  EXPECT_EQ(r3.get("hireDate"), "2024-06-06 12:00:00");
  EXPECT_EQ(r3.get("birthDate"), "1985-05-20");
  EXPECT_EQ(r3.get("salary"), "5000");  // not "5000.0"
  EXPECT_EQ(r3.get("remark"), "A&B  保安");
  const ImportRow& r5 = table.rows()[2];
  EXPECT_EQ(r5.row, 5);  // Excel row numbers survive the empty row 4
  EXPECT_EQ(r5.get("idNumber"), "");
  EXPECT_EQ(r5.get("salary"), "9500.5");
  EXPECT_EQ(r5.get("remark"), "第一行\r\n第二行");
  EXPECT_EQ(r5.toJson(), (nlohmann::json{{"name", "咸阳市"}, {"salary", "9500.5"}, {"active", "#N/A"},
                                         {"remark", "第一行\r\n第二行"}}));
}

TEST(ImportTable, WpsFileRefusesNumbersInTextColumns) {
  const ReadSheet sheet = XlsxReader().readFirstSheet(fixture("wps_style.xlsx"));
  ImportTable table(guardImportColumns());
  ImportErrors errors(table.columns());
  ASSERT_TRUE(table.read(sheet, errors));

  // Row 6 holds only an empty string and spaces: skipped.
  ASSERT_EQ(table.rows().size(), 4u);
  EXPECT_EQ(table.rows()[0].values,
            (std::map<std::string, std::string>{{"name", "李四"},
                                                {"gender", "男"},
                                                {"idNumber", "610404199001011000"},
                                                {"mobile", "13800138000"},
                                                {"hireDate", "2022-01-01"},
                                                {"remark", "李四备注"}}));
  EXPECT_EQ(table.rows()[1].get("name"), "赵六");
  EXPECT_EQ(table.rows()[1].get("hireDate"), "2023-05-06");
  EXPECT_EQ(table.rows()[2].row, 4);
  EXPECT_EQ(table.rows()[2].get("gender"), "");
  EXPECT_EQ(table.rows()[2].get("remark"), "间隔");
  EXPECT_EQ(table.rows()[3].get("idNumber"), "610102198505203216");
  EXPECT_EQ(table.rows()[3].get("hireDate"), "2023-03-15");

  const std::vector<ImportError> expected = {
      {2, "idNumber", "身份证号", "第2行「身份证号」为数字格式,请将该列设置为文本格式后重新填写"},
      {2, "mobile", "手机号码", "第2行「手机号码」为数字格式,请将该列设置为文本格式后重新填写"},
      {5, "mobile", "手机号码", "第5行「手机号码」为数字格式,请将该列设置为文本格式后重新填写"},
  };
  EXPECT_EQ(describe(errors.sorted()), describe(expected));

  // The module's own rules run on every row; a cell already refused is not reported twice.
  for (const ImportRow& row : table.rows()) validateGuard(row, errors);
  EXPECT_EQ(describe(errors.sorted()), describe(expected));
  EXPECT_EQ(errors.rowCount(), 2u);
}

TEST(ImportTable, ModuleRulesReportEveryBadRowSorted) {
  const ReadSheet sheet = XlsxReader().readFirstSheet(fixture("excel_style.xlsx"));
  ImportTable table({{"name", "姓名", true}, {"idNumber", "身份证号", true, true}, {"hireDate", "入职日期"}});
  ImportErrors errors(table.columns());
  ASSERT_TRUE(table.read(sheet, errors));
  for (auto it = table.rows().rbegin(); it != table.rows().rend(); ++it) validateGuard(*it, errors);
  EXPECT_EQ(describe(errors.sorted()),
            "3|hireDate|入职日期|入职日期不是有效日期,应为 YYYY-MM-DD\n"
            "5|idNumber|身份证号|身份证号不能为空\n");
  EXPECT_EQ(errors.toJson(1), (nlohmann::json::array({{{"row", 3},
                                                        {"field", "hireDate"},
                                                        {"column", "入职日期"},
                                                        {"message", "入职日期不是有效日期,应为 YYYY-MM-DD"}}})));
}

// ---------------------------------------------------------------- templates

TEST(ImportTable, TemplateExampleRowIsIgnored) {
  const std::vector<Column> columns = {{"姓名", ColumnKind::text, 10, true, "2-50个字符"},
                                       {"性别"},
                                       {"身份证号", ColumnKind::text, 22, true, "18位"},
                                       {"手机号码", ColumnKind::text, 14},
                                       {"入职日期", ColumnKind::date, 12},
                                       {"备注", ColumnKind::text, 30}};
  const std::vector<Cell> example = {std::string("张三"), std::string("男"), std::string("610404199001011230"),
                                     std::string("13800138000"), Date{"2024-01-01"}, Cell{}};
  TempFile file("template.xlsx");
  writeTemplate(file.str(), "保安员", columns, example);
  const ReadSheet sheet = XlsxReader().readFirstSheet(readFile(file.str()));

  ImportTable table(guardImportColumns());
  table.ignoreExampleRow(example);
  ImportErrors errors(table.columns());
  ASSERT_TRUE(table.read(sheet, errors));  // "*姓名" matches "姓名"
  EXPECT_TRUE(table.rows().empty());
  EXPECT_EQ(describe(errors.sorted()), "2|||没有可导入的数据行\n");

  // The template filled in: example kept, two real rows added below it.
  ReadSheet filled = sheet;
  filled.rows.push_back({text("李四"), text("女"), text("610526199212310023"), text("13900139000"), text("2023-05-06")});
  filled.rows.push_back({text("王五"), {}, text("61040419900101101X")});
  ImportErrors errors2(table.columns());
  ASSERT_TRUE(table.read(filled, errors2));
  ASSERT_EQ(table.rows().size(), 2u);
  EXPECT_EQ(table.rows()[0].row, 3);
  EXPECT_EQ(table.rows()[1].row, 4);
  for (const ImportRow& row : table.rows()) validateGuard(row, errors2);
  EXPECT_EQ(describe(errors2.sorted()), "4|idNumber|身份证号|身份证号校验位错误\n");
}

// ---------------------------------------------------------------- headers

TEST(ImportTable, MissingRequiredColumnsStopTheImport) {
  ReadSheet sheet;
  sheet.rows = {{text("姓名"), text("电话")}, {text("张三"), text("123")}};
  ImportTable table(guardImportColumns());
  ImportErrors errors(table.columns());
  EXPECT_FALSE(table.read(sheet, errors));
  EXPECT_TRUE(table.rows().empty());
  EXPECT_EQ(describe(errors.sorted()), "1|idNumber|身份证号|缺少必填列「身份证号」\n");
}

TEST(ImportTable, EmptySheet) {
  ImportTable table(guardImportColumns());
  ImportErrors errors;
  EXPECT_FALSE(table.read(ReadSheet{}, errors));
  EXPECT_EQ(describe(errors.sorted()), "1|||表格为空,请按模板填写后上传\n");
  ReadSheet blank;
  blank.rows = {{}, {ReadCell{}}};
  ImportErrors errors2;
  EXPECT_FALSE(table.read(blank, errors2));
  EXPECT_EQ(errors2.size(), 1u);
}

TEST(ImportTable, HeaderBelowATitleRowWithOddSpellings) {
  ReadSheet sheet;
  sheet.rows = {{},
                {text("2024年保安员名单")},
                {text("＊ 姓 名"), text("身份证号\n"), text("　手机号码"), text("姓名"), text("无关列")},
                {text(" 张三 "), text("610404199001011230"), number(13800138000), text("重复列的值"), text("x")},
                {},
                {text("李四"), text("610526199212310023"), text("13900139000")}};
  ImportTable table(guardImportColumns());
  ImportErrors errors(table.columns());
  ASSERT_TRUE(table.read(sheet, errors));
  EXPECT_EQ(table.headerRow(), 3);
  ASSERT_EQ(table.rows().size(), 2u);
  EXPECT_EQ(table.rows()[0].row, 4);
  EXPECT_EQ(table.rows()[0].get("name"), "张三");  // trimmed; the first 姓名 column wins
  EXPECT_EQ(table.rows()[1].row, 6);
  EXPECT_EQ(table.rows()[1].get("mobile"), "13900139000");
  EXPECT_EQ(describe(errors.sorted()),
            "3|name|姓名|表头「姓名」重复\n"
            "4|mobile|手机号码|第4行「手机号码」为数字格式,请将该列设置为文本格式后重新填写\n");
}

TEST(ImportHeaders, Normalisation) {
  EXPECT_EQ(normalizeHeader("＊ 身份证号（选填）"), "身份证号(选填)");
  EXPECT_EQ(normalizeHeader("**姓名"), "姓名");
  EXPECT_EQ(normalizeHeader("\u3000姓\u00a0名 \t"), "姓名");
  EXPECT_EQ(normalizeHeader("QQ号"), "qq号");
  EXPECT_EQ(normalizeHeader("备注*"), "备注*");  // only a leading mark is dropped
  EXPECT_EQ(normalizeHeader(""), "");
}

TEST(ImportCells, Normalisation) {
  EXPECT_EQ(normalizeCell(ReadCell{}), "");
  EXPECT_EQ(normalizeCell(text("\u3000 张三\t")), "张三");
  EXPECT_EQ(normalizeCell(number(15)), "15");
  EXPECT_EQ(normalizeCell({ReadCell::Kind::date, "2024-01-01", 45292}), "2024-01-01");
  EXPECT_EQ(normalizeCell({ReadCell::Kind::date, "2024-01-01 00:00:00", 45292}), "2024-01-01");
  EXPECT_EQ(normalizeCell({ReadCell::Kind::date, "2024-01-01 08:30:00", 45292.35}), "2024-01-01 08:30:00");
  EXPECT_EQ(normalizeCell({ReadCell::Kind::boolean, "TRUE", 1}), "TRUE");
}

// ---------------------------------------------------------------- the error list

TEST(ImportErrors, SortsByRowThenColumnAndKeepsTheFirstPerCell) {
  ImportErrors errors({{"a", "甲"}, {"b", "乙"}, {"c", "丙"}});
  errors.add(3, "c", "c3");
  errors.add(2, "b", "b2");
  errors.add(ImportError{3, "", "", "row 3"});
  errors.add(2, "a", "a2");
  errors.add(3, "a", "a3");
  errors.add(2, "zzz", "unknown field");
  errors.add(2, "a", "a2 again");  // same cell: ignored
  EXPECT_TRUE(errors.has(2, "a"));
  EXPECT_FALSE(errors.has(4, "a"));
  EXPECT_EQ(errors.size(), 6u);
  EXPECT_EQ(errors.rowCount(), 2u);
  EXPECT_EQ(describe(errors.sorted()),
            "2|a|甲|a2\n"
            "2|b|乙|b2\n"
            "2|zzz||unknown field\n"
            "3|||row 3\n"
            "3|a|甲|a3\n"
            "3|c|丙|c3\n");
  EXPECT_EQ(errors.toJson().size(), 6u);
  EXPECT_EQ(errors.toJson(2).size(), 2u);
}

TEST(ImportErrors, FromAFormsFieldErrors) {
  FieldErrors fe;
  fe.add("name", "姓名不能为空");
  fe.add("mobile", "手机号码格式错误");
  ImportErrors errors(guardImportColumns());
  errors.addFieldErrors(7, fe);
  errors.addFieldErrors(8, FieldErrors{});
  EXPECT_EQ(describe(errors.sorted()),
            "7|name|姓名|姓名不能为空\n"
            "7|mobile|手机号码|手机号码格式错误\n");
}
