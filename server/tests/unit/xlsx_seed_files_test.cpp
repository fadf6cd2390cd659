// The seed files of the fuzz corpus (server/fuzz/corpus/, made by server/fuzz/make_corpus.sh) are real
// files from our writer and from LibreOffice Calc: each must read, so that fuzzing starts from deep
// inside the import path, and the LibreOffice ones must import as a user expects.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/import_table.h"
#include "io/xlsx_reader.h"
#include "test_files.h"

using namespace baoan::io;
using baoan::test_files::readFile;
namespace fs = std::filesystem;

namespace {

fs::path corpusDir() { return fs::path(__FILE__).parent_path().parent_path().parent_path() / "fuzz" / "corpus"; }

std::vector<ImportColumn> guardColumns() {
  return {{"name", "姓名", true},          {"idNo", "身份证号", true, true}, {"mobile", "手机号", true, true},
          {"hiredOn", "入职日期", true},   {"certificateDate", "发证日期"}};
}

std::string describe(const std::vector<ImportError>& errors) {
  std::string out;
  for (const auto& e : errors) out += std::to_string(e.row) + "|" + e.field + "|" + e.message + "\n";
  return out;
}

}  // namespace

TEST(XlsxSeedFiles, EverySeedReads) {
  std::size_t seen = 0;
  for (const auto& entry : fs::directory_iterator(corpusDir())) {
    SCOPED_TRACE(entry.path().filename().string());
    const ReadSheet s = XlsxReader(20001).readFirstSheet(readFile(entry.path()));
    EXPECT_GE(s.rows.size(), 2u);
    ++seen;
  }
  EXPECT_GE(seen, 6u);
}

TEST(XlsxSeedFiles, LibreOfficeCsvRosterImportsWithDatesAndRefusesNumbersForIds) {
  const ReadSheet s = XlsxReader(20001).readFirstSheet(readFile(corpusDir() / "libreoffice_csv.xlsx"));
  EXPECT_EQ(s.cell(1, 3).kind, ReadCell::Kind::date);
  EXPECT_EQ(s.cell(1, 3).text, "2024-01-01");
  EXPECT_EQ(s.cell(3, 3).text, "2022-03-15");  // typed 2022/3/15
  EXPECT_EQ(s.cell(2, 1).text, "610102198505203216");  // a formula ="…" keeps the digits as text

  ImportTable table(guardColumns());
  ImportErrors errors(table.columns());
  ASSERT_TRUE(table.read(s, errors));
  ASSERT_EQ(table.rows().size(), 3u);
  EXPECT_EQ(table.rows()[2].get("idNo"), "61052619921231002X");
  EXPECT_EQ(table.rows()[0].get("certificateDate"), "2024-02-01");
  EXPECT_EQ(describe(errors.sorted()),
            "2|idNo|第2行「身份证号」为数字格式,请将该列设置为文本格式后重新填写\n"
            "2|mobile|第2行「手机号」为数字格式,请将该列设置为文本格式后重新填写\n"
            "3|mobile|第3行「手机号」为数字格式,请将该列设置为文本格式后重新填写\n");
}

TEST(XlsxSeedFiles, OurTemplateSavedByLibreOfficeKeepsItsExampleRowIgnored) {
  const ReadSheet s = XlsxReader(20001).readFirstSheet(readFile(corpusDir() / "libreoffice_template.xlsx"));
  ImportTable table(guardColumns());
  table.ignoreRowsEqualTo({{"name", "张伟"}, {"idNo", "11010519491231002X"}, {"mobile", "13800000000"},
                           {"hiredOn", "2025-01-01"}, {"certificateDate", ""}});
  ImportErrors errors(table.columns());
  ASSERT_TRUE(table.read(s, errors));
  EXPECT_TRUE(table.rows().empty());
  EXPECT_EQ(describe(errors.sorted()), "2||没有可导入的数据行\n");
}
