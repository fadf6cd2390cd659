#pragma once
// Reads the first worksheet of an uploaded .xlsx from memory, as saved by Excel or WPS.
//
//   XlsxReader reader(5001);                         // header + at most 5000 data rows
//   ReadSheet sheet = reader.readFirstSheet(body);   // throws XlsxError with a Chinese message
//   sheet.rows[0][1].text                            // B1
//
// An upload is untrusted input. The zip is read by io/zip_reader (central directory checked first,
// parts inflated with zlib in 64 KiB chunks, sizes and CRCs checked) and each XML part streams from it
// through expat, so no part is ever held whole in memory. liborcus 0.17, used before, is not: its xlsx
// filter leaks phonetic runs into cell text, ignores _xHHHH_ escapes, accepts a zip without a workbook
// and crashed on the WPS-style fixture; its sax_parser reads past the end of the buffer on some
// truncated XML (found by fuzzing); its zip reader inflates a part whole into memory.
// The parts are interpreted here:
// - workbook: the first sheet listed in xl/workbook.xml that is not hidden (else the first one),
//   located through the relationships (relative or absolute targets); the 1904 date system;
// - shared strings: plain, rich text runs (concatenated), phonetic runs <rPh> skipped, _xHHHH_ escapes;
// - cells: shared strings (t="s"), inline strings (t="inlineStr", also rich), formula results
//   (t="str" strings, numbers, t="b" booleans, t="e" errors as their text), ISO dates (t="d"),
//   numbers; a number whose cell format is a date format becomes a date: built-in numFmtId 14–17,
//   22, 27–31, 36, 50–54, 57, 58, or a custom code with y/m/d parts ("yyyy/m/d", "yyyy年m月d日", ...);
//   pure time formats stay numbers;
// - cell addresses honoured (gaps stay empty); cells without an address follow the previous one;
// - trailing empty cells of a row and trailing empty rows are dropped (formatted-only cells are empty).
// Limits: .xlsx only (not .xls, .xlsm macros ignored, not encrypted files); the zip must not use
// ZIP64. What a hostile file could abuse is refused, never expanded:
// - a part declaring more than 256 MiB uncompressed, or parts read declaring more than 256 MiB
//   together, before a byte is inflated (kXlsxTooLargeMessage); a part inflating past its declared
//   size, or to another size or CRC than declared (kXlsxInvalidMessage);
// - a DOCTYPE (so no entity can be declared: no billion laughs, no external entity), elements nested
//   deeper than 256, one piece of markup longer than 1 MiB, malformed XML (kXlsxInvalidMessage);
// - a cell text longer than Excel's 32 767 characters, refused while it streams in
//   ("文件中有单元格内容超过 32767 个字符…");
// - more than 128 MiB of what the reader keeps (shared strings, styles, cells as stored in ReadSheet:
//   a shared string copied into many cells counts each time; a cell in column IV costs the row up to
//   it) (kXlsxTooLargeMessage).
// Time is linear in the bytes inflated, so at most 256 MiB of XML is parsed per file.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/xlsx_common.h"

namespace baoan::io {

struct ReadCell {
  enum class Kind { empty, text, number, date, boolean };
  Kind kind = Kind::empty;
  // text:    the string as stored (not trimmed)
  // number:  as Excel's General format shows it: "15", "4500.5", "610404199001011000"
  // date:    "YYYY-MM-DD"; "YYYY-MM-DD HH:MM:SS" when the cell format also shows a time
  // boolean: "TRUE" / "FALSE"
  std::string text;
  double number = 0;  // number; the serial number of a date; 1 / 0 for booleans

  bool empty() const { return kind == Kind::empty; }
};

using ReadRow = std::vector<ReadCell>;

struct ReadSheet {
  std::string name;            // the sheet's tab name
  std::vector<ReadRow> rows;   // rows[i] is Excel row i + 1; rows[i][j] column j (A = 0)

  // The cell at 0-based (row, col), or an empty cell when out of range.
  const ReadCell& cell(std::size_t row, std::size_t col) const;
};

class XlsxReader {
 public:
  // maxRows: the highest Excel row number allowed to hold data (the header row counts), beyond which
  // the file is refused with "超过最大行数 N". maxColumns likewise ("超过最大列数 N").
  explicit XlsxReader(std::size_t maxRows = 10000, std::size_t maxColumns = 256);

  // Throws XlsxError: kXlsxInvalidMessage for anything that is not a readable workbook
  // (kXlsxEncryptedMessage for .xls / encrypted files), "超过最大行数 N", "超过最大列数 N",
  // kXlsxTooLargeMessage ("文件内容过大,请分批导入"), the cell-too-long message above.
  ReadSheet readFirstSheet(std::string_view data) const;

  // The worksheet with this tab name (exact match); XlsxError "文件中没有名为「…」的工作表" if absent.
  ReadSheet readSheet(std::string_view data, std::string_view sheetName) const;

 private:
  ReadSheet read(std::string_view data, const std::string_view* sheetName) const;

  std::size_t maxRows_;
  std::size_t maxColumns_;
};

// Classification of an Excel number format, exposed for the tests.
enum class NumberFormatClass { general, date, datetime, time };
NumberFormatClass classifyBuiltinNumberFormat(int numFmtId);
NumberFormatClass classifyNumberFormatCode(std::string_view code);

}  // namespace baoan::io
