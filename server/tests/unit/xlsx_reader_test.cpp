// Unit tests for io/xlsx_reader on hand-made files that mimic what Excel and WPS save
// (server/tests/fixtures/xlsx/make_fixtures.py builds them), on broken files, and on the number
// format / date helpers of io/xlsx_common.
#include "io/xlsx_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

using namespace baoan::io;
namespace fs = std::filesystem;

namespace {

using Kind = ReadCell::Kind;

const std::string kInvalid = "文件不是有效的 Excel(.xlsx) 文件";

std::string fixture(const std::string& name) {
  const fs::path path = fs::path(__FILE__).parent_path().parent_path() / "fixtures" / "xlsx" / name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The message of the XlsxError that reading `data` throws ("" when it does not throw).
std::string errorOf(const std::string& data, std::size_t maxRows = 10000, std::size_t maxColumns = 256) {
  try {
    XlsxReader(maxRows, maxColumns).readFirstSheet(data);
  } catch (const XlsxError& e) {
    return e.what();
  }
  return {};
}

void expectCell(const ReadSheet& s, std::size_t row, std::size_t col, Kind kind, const std::string& text) {
  SCOPED_TRACE("row " + std::to_string(row + 1) + " col " + std::to_string(col + 1));
  EXPECT_EQ(s.cell(row, col).kind, kind);
  EXPECT_EQ(s.cell(row, col).text, text);
}

}  // namespace

// ---------------------------------------------------------------- Excel-style file

TEST(XlsxReaderExcel, SharedStringsRichAndPhoneticRunsDatesNumbers) {
  const ReadSheet s = XlsxReader().readFirstSheet(fixture("excel_style.xlsx"));
  EXPECT_EQ(s.name, "保安员");
  ASSERT_EQ(s.rows.size(), 5u);  // formatted-only rows 6 and 7 are not data

  const char* headers[] = {"姓名", "身份证号", "入职日期", "出生日期", "月工资", "在职", "备注"};
  for (std::size_t c = 0; c < 7; ++c) expectCell(s, 0, c, Kind::text, headers[c]);

  expectCell(s, 1, 0, Kind::text, "张三");  // two rich runs
  expectCell(s, 1, 1, Kind::text, "610404199001011230");
  expectCell(s, 1, 2, Kind::date, "2024-01-01");  // numFmtId 14
  EXPECT_DOUBLE_EQ(s.cell(1, 2).number, 45292);
  expectCell(s, 1, 3, Kind::date, "1990-01-01");  // custom yyyy/m/d;@
  expectCell(s, 1, 4, Kind::number, "4500.5");    // money format is not a date
  EXPECT_DOUBLE_EQ(s.cell(1, 4).number, 4500.5);
  expectCell(s, 1, 5, Kind::boolean, "TRUE");
  EXPECT_DOUBLE_EQ(s.cell(1, 5).number, 1);
  expectCell(s, 1, 6, Kind::text, "王小明");  // <rPh> readings skipped

  expectCell(s, 2, 0, Kind::text, "王小明");
  expectCell(s, 2, 1, Kind::text, "610102198505203216");
  expectCell(s, 2, 2, Kind::date, "2024-06-06 12:00:00");  // numFmtId 22 shows the time
  expectCell(s, 2, 3, Kind::date, "1985-05-20");           // yyyy"年"m"月"d"日"
  expectCell(s, 2, 4, Kind::number, "5000");
  expectCell(s, 2, 5, Kind::boolean, "FALSE");
  expectCell(s, 2, 6, Kind::text, "A&B  保安");  // runs joined, spaces kept, phonetic run skipped

  EXPECT_TRUE(s.rows[3].empty());  // row 4 is absent from the file
  ASSERT_EQ(s.rows[4].size(), 7u);
  expectCell(s, 4, 0, Kind::text, "咸阳市");
  EXPECT_TRUE(s.cell(4, 1).empty());
  EXPECT_TRUE(s.cell(4, 3).empty());
  expectCell(s, 4, 4, Kind::number, "9500.5");  // cached formula result
  expectCell(s, 4, 5, Kind::text, "#N/A");      // error value
  expectCell(s, 4, 6, Kind::text, "第一行\r\n第二行");  // _x000D_ decoded
  EXPECT_TRUE(s.cell(99, 99).empty());
}

// ---------------------------------------------------------------- WPS-style file

TEST(XlsxReaderWps, InlineStringsFormulaStringsNumbersAndGaps) {
  const std::string data = fixture("wps_style.xlsx");
  const ReadSheet s = XlsxReader().readFirstSheet(data);
  EXPECT_EQ(s.name, "人员名单");
  ASSERT_EQ(s.rows.size(), 6u);

  const char* headers[] = {"＊姓名", " 性别", "*身份证号", "手机号码", "入职日期", "备 注"};
  for (std::size_t c = 0; c < 6; ++c) expectCell(s, 0, c, Kind::text, headers[c]);

  expectCell(s, 1, 0, Kind::text, "李四");
  expectCell(s, 1, 1, Kind::text, "男");
  expectCell(s, 1, 2, Kind::number, "610404199001011000");  // the digits Excel kept
  expectCell(s, 1, 3, Kind::number, "13800138000");
  expectCell(s, 1, 4, Kind::date, "2022-01-01");
  expectCell(s, 1, 5, Kind::text, "李四备注");  // t="str" formula result

  expectCell(s, 2, 0, Kind::text, "赵六");  // rich runs in an inline string
  expectCell(s, 2, 2, Kind::text, "610526199212310023");
  expectCell(s, 2, 3, Kind::text, "13900139000");
  expectCell(s, 2, 4, Kind::text, "2023-05-06");  // a date typed as text stays text

  ASSERT_EQ(s.rows[3].size(), 6u);  // A, C and F
  expectCell(s, 3, 0, Kind::text, "钱七");
  EXPECT_TRUE(s.cell(3, 1).empty());
  expectCell(s, 3, 2, Kind::text, "610404199001011011");
  EXPECT_TRUE(s.cell(3, 3).empty());
  EXPECT_TRUE(s.cell(3, 4).empty());
  expectCell(s, 3, 5, Kind::text, "间隔");

  // Cells without an address follow one another.
  expectCell(s, 4, 0, Kind::text, "孙八");
  expectCell(s, 4, 1, Kind::text, "男");
  expectCell(s, 4, 2, Kind::text, "610102198505203216");
  expectCell(s, 4, 3, Kind::number, "13700137000");
  expectCell(s, 4, 4, Kind::date, "2023-03-15");  // custom yyyy"年"m"月"d"日"

  // An empty inline string is empty; spaces are kept as text (the import trims them).
  ASSERT_EQ(s.rows[5].size(), 2u);
  EXPECT_TRUE(s.cell(5, 0).empty());
  expectCell(s, 5, 1, Kind::text, "   ");

  const ReadSheet second = XlsxReader().readSheet(data, "Sheet2");
  EXPECT_EQ(second.name, "Sheet2");
  expectCell(second, 0, 0, Kind::text, "第二个工作表");
}

// ---------------------------------------------------------------- broken files and limits

TEST(XlsxReaderErrors, RefusesWhatIsNotAWorkbook) {
  EXPECT_EQ(errorOf(fixture("not_a_zip.xlsx")), kInvalid);
  EXPECT_EQ(errorOf(fixture("zip_without_workbook.xlsx")), kInvalid);
  EXPECT_EQ(errorOf(fixture("truncated.xlsx")), kInvalid);
  EXPECT_EQ(errorOf(""), kInvalid);
  // Valid zips with broken sheet XML: refused as a whole, never read in part.
  EXPECT_EQ(errorOf(fixture("xml_cut_in_tag.xlsx")), kInvalid);
  EXPECT_EQ(errorOf(fixture("xml_unclosed.xlsx")), kInvalid);
  EXPECT_EQ(errorOf(fixture("xml_doctype.xlsx")), kInvalid);
  EXPECT_EQ(errorOf("PK\x03\x04"), kInvalid);
  EXPECT_EQ(errorOf(fixture("ole2_xls.xlsx")),
            "文件不是有效的 Excel(.xlsx) 文件,可能是旧版 .xls 格式或设置了打开密码,请另存为不加密的 .xlsx 文件后重新上传");
  try {
    XlsxReader().readFirstSheet(fixture("zip_without_workbook.xlsx"));
  } catch (const XlsxError& e) {
    EXPECT_EQ(e.detail(), "no workbook part xl/workbook.xml");
  }
  try {
    XlsxReader().readFirstSheet(fixture("xml_unclosed.xlsx"));
  } catch (const XlsxError& e) {
    EXPECT_EQ(e.detail(), "xml: truncated document at byte 1999");  // the sheet part's length
  }
  try {
    XlsxReader().readFirstSheet(fixture("xml_doctype.xlsx"));
  } catch (const XlsxError& e) {
    EXPECT_EQ(e.detail().rfind("xml: DOCTYPE and other declarations are not allowed", 0), 0u) << e.detail();
  }
  try {
    XlsxReader().readSheet(fixture("wps_style.xlsx"), "不存在");
    FAIL() << "expected XlsxError";
  } catch (const XlsxError& e) {
    EXPECT_STREQ(e.what(), "文件中没有名为「不存在」的工作表");
  }
}

TEST(XlsxReaderErrors, MaxRowsAndColumns) {
  const std::string excel = fixture("excel_style.xlsx");
  EXPECT_EQ(errorOf(excel, 4), "超过最大行数 4");  // data down to row 5
  EXPECT_EQ(errorOf(excel, 5), "");
  EXPECT_EQ(errorOf(excel, 100, 6), "超过最大列数 6");  // data in column G
  EXPECT_EQ(errorOf(excel, 100, 7), "");
}

TEST(XlsxReaderErrors, ForgedUncompressedSizeIsRefusedBeforeInflating) {
  std::string data = fixture("excel_style.xlsx");
  // Central directory entry of the sheet: claim 2 GB uncompressed.
  const std::string name = "xl/worksheets/sheet1.xml";
  std::size_t pos = 0;
  bool patched = false;
  while ((pos = data.find(name, pos)) != std::string::npos) {
    if (pos >= 46 && std::memcmp(data.data() + pos - 46, "PK\x01\x02", 4) == 0) {
      const std::uint32_t huge = 0x7FFFFFFF;
      std::memcpy(data.data() + pos - 46 + 24, &huge, 4);  // little-endian host
      patched = true;
    }
    pos += name.size();
  }
  ASSERT_TRUE(patched);
  EXPECT_EQ(errorOf(data), kInvalid);
}

// Damaged files must end in XlsxError, never in a crash or another exception.
TEST(XlsxReaderErrors, DamagedFilesFailCleanly) {
  for (const char* name : {"excel_style.xlsx", "wps_style.xlsx"}) {
    const std::string good = fixture(name);
    for (std::size_t len = 0; len < good.size(); len += 97) {
      try {
        XlsxReader().readFirstSheet(good.substr(0, len));
      } catch (const XlsxError&) {
      }
    }
    std::mt19937 rng(20240601);
    for (int round = 0; round < 400; ++round) {
      std::string bad = good;
      const int flips = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < flips; ++k) bad[rng() % bad.size()] = static_cast<char>(rng() & 0xFF);
      try {
        XlsxReader().readFirstSheet(bad);
      } catch (const XlsxError&) {
      }
    }
  }
  SUCCEED();
}

// ---------------------------------------------------------------- number formats and dates

TEST(XlsxNumberFormats, BuiltinIds) {
  EXPECT_EQ(classifyBuiltinNumberFormat(0), NumberFormatClass::general);
  EXPECT_EQ(classifyBuiltinNumberFormat(14), NumberFormatClass::date);
  EXPECT_EQ(classifyBuiltinNumberFormat(17), NumberFormatClass::date);
  EXPECT_EQ(classifyBuiltinNumberFormat(20), NumberFormatClass::time);
  EXPECT_EQ(classifyBuiltinNumberFormat(22), NumberFormatClass::datetime);
  EXPECT_EQ(classifyBuiltinNumberFormat(31), NumberFormatClass::date);  // yyyy"年"m"月"d"日" (zh-CN)
  EXPECT_EQ(classifyBuiltinNumberFormat(32), NumberFormatClass::time);
  EXPECT_EQ(classifyBuiltinNumberFormat(49), NumberFormatClass::general);
  EXPECT_EQ(classifyBuiltinNumberFormat(57), NumberFormatClass::date);
}

TEST(XlsxNumberFormats, CustomCodes) {
  EXPECT_EQ(classifyNumberFormatCode("yyyy/m/d;@"), NumberFormatClass::date);
  EXPECT_EQ(classifyNumberFormatCode("yyyy\"年\"m\"月\"d\"日\""), NumberFormatClass::date);
  EXPECT_EQ(classifyNumberFormatCode("yyyy年m月d日"), NumberFormatClass::date);
  EXPECT_EQ(classifyNumberFormatCode("m/d/yy"), NumberFormatClass::date);
  EXPECT_EQ(classifyNumberFormatCode("m月"), NumberFormatClass::date);
  EXPECT_EQ(classifyNumberFormatCode("[$-F800]dddd, mmmm dd, yyyy"), NumberFormatClass::date);
  EXPECT_EQ(classifyNumberFormatCode("[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\""), NumberFormatClass::date);
  EXPECT_EQ(classifyNumberFormatCode("yyyy-mm-dd hh:mm:ss"), NumberFormatClass::datetime);
  EXPECT_EQ(classifyNumberFormatCode("h:mm"), NumberFormatClass::time);
  EXPECT_EQ(classifyNumberFormatCode("mm:ss"), NumberFormatClass::time);
  EXPECT_EQ(classifyNumberFormatCode("[h]:mm:ss"), NumberFormatClass::time);
  EXPECT_EQ(classifyNumberFormatCode("General"), NumberFormatClass::general);
  EXPECT_EQ(classifyNumberFormatCode("@"), NumberFormatClass::general);
  EXPECT_EQ(classifyNumberFormatCode("0.00"), NumberFormatClass::general);
  EXPECT_EQ(classifyNumberFormatCode("0.00E+00"), NumberFormatClass::general);
  EXPECT_EQ(classifyNumberFormatCode("#,##0.00_);[Red]\\(#,##0.00\\)"), NumberFormatClass::general);
  EXPECT_EQ(classifyNumberFormatCode("\"¥\"#,##0.00;\"¥\"\\-#,##0.00"), NumberFormatClass::general);
  EXPECT_EQ(classifyNumberFormatCode("0\"天\""), NumberFormatClass::general);
}

TEST(XlsxDates, SerialToText) {
  EXPECT_EQ(dateFromExcelSerial(45292, false), "2024-01-01");
  EXPECT_EQ(dateFromExcelSerial(45449.5, true), "2024-06-06 12:00:00");
  EXPECT_EQ(dateFromExcelSerial(45449.5, false), "2024-06-06");
  EXPECT_EQ(dateFromExcelSerial(45292.999999999, true), "2024-01-02 00:00:00");
  EXPECT_EQ(dateFromExcelSerial(1, false), "1900-01-01");
  EXPECT_EQ(dateFromExcelSerial(59, false), "1900-02-28");
  EXPECT_EQ(dateFromExcelSerial(60, false), "1900-02-29");  // Excel's phantom day
  EXPECT_EQ(dateFromExcelSerial(61, false), "1900-03-01");
  EXPECT_EQ(dateFromExcelSerial(2958465, false), "9999-12-31");
  EXPECT_EQ(dateFromExcelSerial(0, false, true), "1904-01-01");
  EXPECT_EQ(dateFromExcelSerial(43830, false, true), "2024-01-01");
  EXPECT_FALSE(dateFromExcelSerial(0, false));
  EXPECT_FALSE(dateFromExcelSerial(-1, false));
  EXPECT_FALSE(dateFromExcelSerial(2958466, false));
}

TEST(XlsxDates, TextToSerial) {
  EXPECT_EQ(excelSerialFromDate("2024-01-01"), 45292);
  EXPECT_EQ(excelSerialFromDate("1900-03-01"), 61);
  EXPECT_FALSE(excelSerialFromDate("1900-02-28"));
  EXPECT_FALSE(excelSerialFromDate("2024-02-30"));
  EXPECT_FALSE(excelSerialFromDate("2024-1-1"));
  EXPECT_DOUBLE_EQ(excelSerialFromEpochMs(0), 25569 + 8.0 / 24);
  EXPECT_DOUBLE_EQ(excelSerialFromEpochMs(999), 25569 + 8.0 / 24);  // whole seconds
  EXPECT_DOUBLE_EQ(excelSerialFromEpochMs(-1000), 25569 + 8.0 / 24 - 1.0 / 86400);
  EXPECT_DOUBLE_EQ(excelSerialFromEpochMs(0, 0), 25569);
}

TEST(XlsxNumbers, ShownAsExcelGeneral) {
  EXPECT_EQ(formatExcelNumber(0), "0");
  EXPECT_EQ(formatExcelNumber(15), "15");
  EXPECT_EQ(formatExcelNumber(-7), "-7");
  EXPECT_EQ(formatExcelNumber(4500.5), "4500.5");
  EXPECT_EQ(formatExcelNumber(0.1 + 0.2), "0.3");
  EXPECT_EQ(formatExcelNumber(13800138000), "13800138000");
  EXPECT_EQ(formatExcelNumber(6.10404199001011E+17), "610404199001011000");
  EXPECT_EQ(formatExcelNumber(-6.10404199001011E+17), "-610404199001011000");
  EXPECT_EQ(formatExcelNumber(1e15), "1000000000000000");
  EXPECT_EQ(formatExcelNumber(1e-7), "1e-07");
  EXPECT_EQ(formatExcelNumber(1e21), "1e+21");
}
