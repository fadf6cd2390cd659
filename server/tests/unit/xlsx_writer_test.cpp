// Unit tests for io/xlsx_writer: exports written in constant memory read back with io/xlsx_reader
// (Chinese text, 18-digit ID numbers as text, dates, datetimes, numbers, empty cells), import
// templates, and the issue's memory requirement: 100 000 rows × 12 columns grow RSS by < 64 MB.
#include "io/xlsx_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "io/xlsx_reader.h"
#include "test_files.h"

using namespace baoan::io;
using baoan::test_files::commandOutput;
using baoan::test_files::readFile;
using baoan::test_files::TempFile;
namespace fs = std::filesystem;

namespace {

using Kind = ReadCell::Kind;

// One entry of a zip, through python3's zipfile (the unit tests do not link liborcus themselves).
// Empty when python3 is missing.
std::string zipEntry(const std::string& zip, const std::string& entry) {
  const std::string cmd = "python3 -c \"import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])"
                          ".decode('utf-8'))\" '" + zip + "' '" + entry + "' 2>/dev/null";
  return commandOutput(cmd);
}

// AddressSanitizer (the asan preset) keeps freed blocks in a 256 MB quarantine and slows everything
// down: RSS growth says nothing about the code there, so the memory bound is only asserted without it.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// kB value of a /proc/self/status line ("VmRSS:", "VmHWM:"); -1 when unavailable.
long statusKb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(key.size()));
  return -1;
}

// Resets VmHWM to the current RSS (Linux ≥ 4.0); false when not allowed.
bool resetPeakRss() {
  std::ofstream f("/proc/self/clear_refs");
  if (!f) return false;
  f << "5";
  f.flush();
  return f.good();
}

std::vector<Column> guardColumns() {
  return {
      {"姓名", ColumnKind::text, 10, true},
      {"身份证号", ColumnKind::text, 22, true},
      {"入职日期", ColumnKind::date, 12},
      {"最后登录", ColumnKind::datetime, 20},
      {"年龄", ColumnKind::integer, 8},
      {"月工资", ColumnKind::decimal, 10},
      {"备注", ColumnKind::text, 30},
  };
}

// 2024-06-06 12:34:56 in Asia/Shanghai = 04:34:56 UTC.
constexpr std::int64_t kLoginMs = 1717648496000LL;

}  // namespace

TEST(XlsxWriter, RoundTripThroughTheReader) {
  TempFile file("roundtrip.xlsx");
  XlsxWriter w(file.str(), "保安员");
  w.setColumns(guardColumns());
  w.addRow({std::string("张三"), std::string("610404199001011230"), Date{"2024-01-01"}, DateTime{kLoginMs},
            std::int64_t{35}, 4500.5, std::string("含 & < > \" ' 的备注")});
  // Empty cells in the middle and at the end.
  w.addRow({std::string("李四"), Cell{}, Date{""}, Cell{}, std::int64_t{0}, Cell{}, std::string()});
  // An 18-digit number given as text stays text; an ID ending in X too.
  w.addRow({std::string("王五"), std::string("61052619921231002X"), Date{"1990-01-01"}, DateTime{0}, std::int64_t{-7},
            0.1 + 0.2, std::string("第一行\n第二行")});
  EXPECT_EQ(w.rowCount(), 3u);
  EXPECT_EQ(w.close(), 3u);
  EXPECT_EQ(w.close(), 3u);  // idempotent

  const ReadSheet s = XlsxReader().readFirstSheet(readFile(file.str()));
  EXPECT_EQ(s.name, "保安员");
  ASSERT_EQ(s.rows.size(), 4u);

  // Header: required columns carry the red "*" as part of a rich string.
  EXPECT_EQ(s.cell(0, 0).text, "*姓名");
  EXPECT_EQ(s.cell(0, 1).text, "*身份证号");
  EXPECT_EQ(s.cell(0, 2).text, "入职日期");
  EXPECT_EQ(s.cell(0, 6).text, "备注");

  EXPECT_EQ(s.cell(1, 0).kind, Kind::text);
  EXPECT_EQ(s.cell(1, 0).text, "张三");
  EXPECT_EQ(s.cell(1, 1).kind, Kind::text);
  EXPECT_EQ(s.cell(1, 1).text, "610404199001011230");
  EXPECT_EQ(s.cell(1, 2).kind, Kind::date);
  EXPECT_EQ(s.cell(1, 2).text, "2024-01-01");
  EXPECT_DOUBLE_EQ(s.cell(1, 2).number, 45292);
  EXPECT_EQ(s.cell(1, 3).kind, Kind::date);
  EXPECT_EQ(s.cell(1, 3).text, "2024-06-06 12:34:56");
  EXPECT_EQ(s.cell(1, 4).kind, Kind::number);
  EXPECT_EQ(s.cell(1, 4).text, "35");
  EXPECT_EQ(s.cell(1, 5).text, "4500.5");
  EXPECT_DOUBLE_EQ(s.cell(1, 5).number, 4500.5);
  EXPECT_EQ(s.cell(1, 6).text, "含 & < > \" ' 的备注");

  ASSERT_EQ(s.rows[2].size(), 5u);  // trailing empty cells dropped
  EXPECT_EQ(s.cell(2, 0).text, "李四");
  EXPECT_TRUE(s.cell(2, 1).empty());
  EXPECT_TRUE(s.cell(2, 2).empty());
  EXPECT_TRUE(s.cell(2, 3).empty());
  EXPECT_EQ(s.cell(2, 4).kind, Kind::number);
  EXPECT_EQ(s.cell(2, 4).text, "0");

  EXPECT_EQ(s.cell(3, 1).text, "61052619921231002X");
  EXPECT_EQ(s.cell(3, 2).text, "1990-01-01");
  EXPECT_EQ(s.cell(3, 3).text, "1970-01-01 08:00:00");
  EXPECT_EQ(s.cell(3, 4).text, "-7");
  EXPECT_EQ(s.cell(3, 5).text, "0.3");
  EXPECT_EQ(s.cell(3, 6).text, "第一行\n第二行");
}

TEST(XlsxWriter, SheetLayoutHasFrozenHeaderAutofilterAndFormats) {
  TempFile file("layout.xlsx");
  {
    XlsxWriter w(file.str(), "保安员");
    w.setColumns(guardColumns());
    w.addRow({std::string("张三"), std::string("610404199001011230"), Date{"2024-01-01"}});
    w.addRow({std::string("李四")});
    w.close();
  }
  const std::string sheet = zipEntry(file.str(), "xl/worksheets/sheet1.xml");
  if (sheet.empty()) GTEST_SKIP() << "python3 not available to unzip";
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("ySplit=\"1\""), std::string::npos);
  EXPECT_NE(sheet.find("<autoFilter ref=\"A1:G3\"/>"), std::string::npos);
  // constant_memory writes strings inline: the ID number is a string cell, never a number.
  EXPECT_NE(sheet.find("t=\"inlineStr\"><is><t>610404199001011230</t>"), std::string::npos);
  // The required mark: a red bold "*" run before the header text.
  EXPECT_NE(sheet.find("<r><rPr><b/><sz val=\"11\"/><color rgb=\"FFFF0000\"/><rFont val=\"宋体\"/><family val=\"2\"/>"
                       "</rPr><t>*</t></r>"),
            std::string::npos);
  const std::string styles = zipEntry(file.str(), "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"yyyy-mm-dd\""), std::string::npos);
  EXPECT_NE(styles.find("<xf numFmtId=\"49\""), std::string::npos);  // built-in "@" (文本)
  EXPECT_EQ(styles.find("formatCode=\"@\""), std::string::npos);
  EXPECT_NE(styles.find("<b/>"), std::string::npos);
  const std::string workbook = zipEntry(file.str(), "xl/workbook.xml");
  EXPECT_NE(workbook.find("_xlnm._FilterDatabase"), std::string::npos);
}

TEST(XlsxWriter, EdgeValues) {
  TempFile file("edge.xlsx");
  XlsxWriter w(file.str(), "导出");
  w.setColumns({{"文本"}, {"整数", ColumnKind::integer}, {"日期", ColumnKind::date}, {"小数", ColumnKind::decimal}});
  const std::int64_t big = 9007199254740993LL;  // 2^53 + 1: more digits than Excel keeps
  w.addRow({std::string("a\x01" "b\xff" "c"), big, Date{"2023-02-30"}, std::numeric_limits<double>::quiet_NaN()});
  w.addRow({std::string("=1+1"), std::int64_t{999999999999999LL}, Date{"1899-12-31"}, -0.5});
  w.addRow({Cell{}, std::int64_t{-1000000000000000LL}});
  EXPECT_EQ(w.close(), 3u);

  const ReadSheet s = XlsxReader().readFirstSheet(readFile(file.str()));
  EXPECT_EQ(s.cell(1, 0).text, "ab\xEF\xBF\xBD" "c");  // control character dropped, bad byte → U+FFFD
  EXPECT_EQ(s.cell(1, 1).kind, Kind::text);               // 16 digits: text, every digit kept
  EXPECT_EQ(s.cell(1, 1).text, "9007199254740993");
  EXPECT_EQ(s.cell(1, 2).kind, Kind::text);  // not a date: written as the text given
  EXPECT_EQ(s.cell(1, 2).text, "2023-02-30");
  EXPECT_TRUE(s.cell(1, 3).empty());           // NaN left empty
  EXPECT_EQ(s.cell(2, 0).kind, Kind::text);    // a formula-looking string stays a string
  EXPECT_EQ(s.cell(2, 0).text, "=1+1");
  EXPECT_EQ(s.cell(2, 1).kind, Kind::number);
  EXPECT_EQ(s.cell(2, 1).text, "999999999999999");
  EXPECT_EQ(s.cell(2, 2).text, "1899-12-31");  // before 1900-03-01: text
  EXPECT_EQ(s.cell(2, 3).text, "-0.5");
  EXPECT_EQ(s.cell(3, 1).kind, Kind::text);
  EXPECT_EQ(s.cell(3, 1).text, "-1000000000000000");
}

// OOXML's own escapes: a carriage return is written as _x000D_ (XML would turn it into a line feed),
// and text that looks like an escape keeps its "_" through _x005F_, so Excel and our reader show it as typed.
TEST(XlsxWriter, TextThatLooksLikeAnEscapeAndCarriageReturnsRoundTrip) {
  TempFile file("escapes.xlsx");
  XlsxWriter w(file.str(), "导出");
  w.setColumns({{"备注"}});
  w.addRow({std::string("编号_x0041_结束")});
  w.addRow({std::string("第一行\r\n第二行")});
  w.addRow({std::string(" 前后有空格 ")});
  w.close();
  const ReadSheet s = XlsxReader().readFirstSheet(readFile(file.str()));
  EXPECT_EQ(s.cell(1, 0).text, "编号_x0041_结束");
  EXPECT_EQ(s.cell(2, 0).text, "第一行\r\n第二行");
  EXPECT_EQ(s.cell(3, 0).text, " 前后有空格 ");
  const std::string sheet = zipEntry(file.str(), "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("编号_x005F_x0041_结束"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<t xml:space=\"preserve\"> 前后有空格 </t>"), std::string::npos) << sheet;
}

TEST(XlsxWriter, EmptyExportHasTheHeaderOnly) {
  TempFile file("empty.xlsx");
  XlsxWriter w(file.str(), "保安员");
  w.setColumns(guardColumns());
  EXPECT_EQ(w.close(), 0u);
  const ReadSheet s = XlsxReader().readFirstSheet(readFile(file.str()));
  ASSERT_EQ(s.rows.size(), 1u);
  EXPECT_EQ(s.rows[0].size(), 7u);
}

TEST(XlsxWriter, RefusesBadSheetNamesPathsAndMisuse) {
  TempFile file("bad.xlsx");
  try {
    XlsxWriter w(file.str(), "名单[1]");
    FAIL() << "expected XlsxError";
  } catch (const XlsxError& e) {
    EXPECT_STREQ(e.what(), "工作表名称无效");
  }
  EXPECT_THROW(XlsxWriter(file.str(), std::string(32, 'a')), XlsxError);
  try {
    XlsxWriter w("/nonexistent-dir/x.xlsx", "导出");
    FAIL() << "expected XlsxError";
  } catch (const XlsxError& e) {
    EXPECT_STREQ(e.what(), "无法创建导出文件");
  }
  XlsxWriter w(file.str(), "导出");
  EXPECT_THROW(w.addRow({std::string("x")}), std::logic_error);
  w.setColumns({{"名称"}});
  EXPECT_THROW(w.setColumns({{"名称"}}), std::logic_error);
  w.close();
  EXPECT_THROW(w.addRow({std::string("x")}), std::logic_error);
}

TEST(XlsxWriter, UnclosedWriterStillLeavesAReadableFile) {
  TempFile file("unclosed.xlsx");
  {
    XlsxWriter w(file.str(), "导出");
    w.setColumns({{"名称"}});
    w.addRow({std::string("甲")});
  }
  const ReadSheet s = XlsxReader().readFirstSheet(readFile(file.str()));
  EXPECT_EQ(s.cell(1, 0).text, "甲");
}

TEST(XlsxTemplate, HeaderExampleRowAndInstructions) {
  TempFile file("template.xlsx");
  auto columns = guardColumns();
  columns[0].note = "2-50个字符";
  columns[1].note = "18位公民身份号码,末位可为X";
  writeTemplate(file.str(), "保安员", columns,
                {std::string("张三"), std::string("610404199001011230"), Date{"2024-01-01"}, Cell{}, std::int64_t{30},
                 4500.0, std::string("示例行,可覆盖")});
  const std::string data = readFile(file.str());
  const ReadSheet s = XlsxReader().readFirstSheet(data);
  EXPECT_EQ(s.name, "保安员");
  ASSERT_EQ(s.rows.size(), 2u);
  EXPECT_EQ(s.cell(0, 0).text, "*姓名");
  EXPECT_EQ(s.cell(0, 1).text, "*身份证号");
  EXPECT_EQ(s.cell(0, 4).text, "年龄");
  EXPECT_EQ(s.cell(1, 0).text, "张三");
  EXPECT_EQ(s.cell(1, 1).kind, Kind::text);
  EXPECT_EQ(s.cell(1, 1).text, "610404199001011230");
  EXPECT_EQ(s.cell(1, 2).kind, Kind::date);
  EXPECT_EQ(s.cell(1, 2).text, "2024-01-01");
  EXPECT_TRUE(s.cell(1, 3).empty());
  EXPECT_EQ(s.cell(1, 4).text, "30");
  EXPECT_EQ(s.cell(1, 5).text, "4500");

  const ReadSheet notes = XlsxReader().readSheet(data, "填写说明");
  EXPECT_EQ(notes.cell(0, 0).text, "列名");
  EXPECT_EQ(notes.cell(0, 1).text, "是否必填");
  EXPECT_EQ(notes.cell(0, 2).text, "格式");
  EXPECT_EQ(notes.cell(0, 3).text, "填写要求");
  EXPECT_EQ(notes.cell(1, 0).text, "姓名");
  EXPECT_EQ(notes.cell(1, 1).text, "必填");
  EXPECT_EQ(notes.cell(1, 2).text, "文本");
  EXPECT_EQ(notes.cell(1, 3).text, "2-50个字符");
  EXPECT_EQ(notes.cell(2, 3).text, "18位公民身份号码,末位可为X");
  EXPECT_EQ(notes.cell(3, 0).text, "入职日期");
  EXPECT_EQ(notes.cell(3, 1).text, "选填");
  EXPECT_EQ(notes.cell(3, 2).text, "日期(yyyy-mm-dd)");
  EXPECT_EQ(notes.cell(9, 0).text, "说明:");

  // Whole text columns are formatted "@" so that an ID typed into the template stays text.
  const std::string sheet = zipEntry(file.str(), "xl/worksheets/sheet1.xml");
  if (sheet.empty()) GTEST_SKIP() << "python3 not available to unzip";
  EXPECT_NE(sheet.find("<col min=\"2\" max=\"2\" width=\"22.7109375\" style="), std::string::npos) << sheet;
}

// The issue: exporting 100 000 rows must not grow the server's memory by more than 64 MB.
TEST(XlsxWriter, HundredThousandRowsInConstantMemory) {
  TempFile file("big.xlsx");
  const long before = statusKb("VmRSS:");
  ASSERT_GT(before, 0) << "/proc/self/status not readable";
  const bool peakReset = resetPeakRss();
  long sampledPeak = before;

  const auto t0 = std::chrono::steady_clock::now();
  {
    XlsxWriter w(file.str(), "保安员");
    w.setColumns({{"姓名", ColumnKind::text, 10, true},
                  {"身份证号", ColumnKind::text, 22, true},
                  {"性别"},
                  {"手机号码", ColumnKind::text, 14},
                  {"所属公司", ColumnKind::text, 30},
                  {"住址", ColumnKind::text, 40},
                  {"入职日期", ColumnKind::date},
                  {"发证日期", ColumnKind::date},
                  {"最后登录", ColumnKind::datetime, 20},
                  {"年龄", ColumnKind::integer},
                  {"月工资", ColumnKind::decimal},
                  {"备注", ColumnKind::text, 30}});
    for (int i = 0; i < 100000; ++i) {
      char id[32];
      std::snprintf(id, sizeof id, "6104041990%08d", i);
      char mobile[32];
      std::snprintf(mobile, sizeof mobile, "138%08d", i);
      w.addRow({std::string("保安员") + std::to_string(i), std::string(id), std::string(i % 2 ? "男" : "女"),
                std::string(mobile), std::string("陕西某某保安服务有限公司第") + std::to_string(i % 97) + "分公司",
                std::string("陕西省咸阳市渭城区文汇东路") + std::to_string(i) + "号", Date{"2024-01-31"},
                Date{"2020-02-29"}, DateTime{kLoginMs + i * 1000LL}, std::int64_t{20 + i % 40},
                3000.0 + (i % 1000) * 1.25, std::string(i % 10 ? "" : "持证上岗")});
      if (i % 10000 == 0) sampledPeak = std::max(sampledPeak, statusKb("VmRSS:"));
    }
    sampledPeak = std::max(sampledPeak, statusKb("VmRSS:"));
    EXPECT_EQ(w.close(), 100000u);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const long peak = std::max(sampledPeak, peakReset ? statusKb("VmHWM:") : 0L);
  const long growthKb = peak - before;
  std::cout << "[ xlsx ] 100000 x 12 export: " << seconds << " s, RSS growth " << growthKb / 1024.0 << " MB (peak "
            << (peakReset ? "VmHWM" : "sampled") << "), file " << fs::file_size(file.str()) / 1024 << " KiB\n";
  // Speed is the benchmark's business (bench/); the memory bound is a behaviour of the export.
  if (kSanitized) {
    std::cout << "[ xlsx ] AddressSanitizer build: RSS bound not asserted (quarantine)\n";
  } else {
    EXPECT_LT(growthKb, 64 * 1024);
  }

  // And the file reads back.
  const auto t1 = std::chrono::steady_clock::now();
  const ReadSheet s = XlsxReader(100001, 12).readFirstSheet(readFile(file.str()));
  const double readSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  std::cout << "[ xlsx ] read back: " << readSeconds << " s\n";
  ASSERT_EQ(s.rows.size(), 100001u);
  EXPECT_EQ(s.cell(100000, 0).text, "保安员99999");
  EXPECT_EQ(s.cell(100000, 1).text, "610404199000099999");
  EXPECT_EQ(s.cell(100000, 6).text, "2024-01-31");
  EXPECT_EQ(s.cell(100000, 7).text, "2020-02-29");
  EXPECT_EQ(s.cell(100000, 10).text, "4248.75");
  EXPECT_EQ(s.cell(99991, 11).text, "持证上岗");
}
