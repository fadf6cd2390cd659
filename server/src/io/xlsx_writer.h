#pragma once
// Writes list exports and import templates as .xlsx. An export streams: each row becomes sheet XML at
// once and is deflated on a second thread (io/zip_writer.h), so 100 000 rows cost no more memory than
// 10 and the compression costs no wall time. Templates (a few rows, two sheets, rich formatting) are
// written with libxlsxwriter (xlsx_template.cpp).
//
//   XlsxWriter w("/tmp/export-123.xlsx", "保安员");
//   w.setColumns({{"姓名"}, {"身份证号", ColumnKind::text, 22}, {"入职日期", ColumnKind::date, 12}});
//   w.addRow({std::string("张三"), std::string("610404199001011230"), Date{"2024-01-01"}});
//   std::size_t n = w.close();   // 1 data row
//
// Layout: one sheet; row 1 is the header (bold, grey fill, thin border, frozen, with an autofilter over
// the data); a required column's header is written as a rich string with a red "*" before the header
// text (the import side ignores a leading "*" when it matches headers). Text cells are always strings
// with the "@" (text) format, so an 18-digit ID number stays exact and stays text when edited.
// Dates are numbers with the format yyyy-mm-dd (datetimes yyyy-mm-dd hh:mm:ss, Asia/Shanghai time).
#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "io/xlsx_common.h"

namespace baoan::io {

enum class ColumnKind { text, date, datetime, integer, decimal };

struct Column {
  std::string header;                   // Chinese header text, without the "*"
  ColumnKind kind = ColumnKind::text;   // sets the column's number format (text columns: "@")
  double width = 16;                    // in Excel character widths (a Chinese character is about 2)
  bool required = false;                // header gets a red "*" prefix
  std::string note;                     // rule text for the "填写说明" sheet of templates
  std::string numberFormat;             // overrides the kind's format, e.g. "#,##0.00"; empty = default
};

// Cell values. A date is "YYYY-MM-DD"; a datetime is Unix epoch milliseconds, shown in Asia/Shanghai.
struct Date {
  std::string ymd;
};
struct DateTime {
  std::int64_t epochMs = 0;
};
// empty | text | integer | decimal | date | datetime.
// Braced lists work: {std::string("张三"), std::int64_t{3}, 4.5, Date{"2024-01-01"}, Cell{}}.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, Date, DateTime>;

// The default number format of each kind: "@", "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss", "0", "General".
std::string defaultNumberFormat(ColumnKind kind);
// The Chinese name of a kind, as listed in the "填写说明" sheet ("文本", "日期(yyyy-mm-dd)", ...).
std::string kindLabel(ColumnKind kind);

class XlsxWriter {
 public:
  // Creates the workbook at path (the caller's temp file; overwritten). sheetName: at most 31
  // characters, none of []:*?/\ . Throws XlsxError.
  XlsxWriter(const std::string& path, const std::string& sheetName);
  // Finishes the file if close() was not called (errors ignored); the caller deletes it if unwanted.
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Once, before the first addRow: sets widths and formats and writes the header row.
  void setColumns(std::vector<Column> columns);

  // Appends one data row; cells[i] goes to column i (missing cells are empty). Rules:
  // - text: always a string cell (never turned into a number), "@" format; invalid UTF-8 is replaced
  //   by U+FFFD and control characters other than tab / line breaks are dropped; cut to 32 767 characters.
  // - integer: a number; 16 digits or more (Excel keeps 15 significant digits) written as text.
  // - double: a number (NaN / infinity are left empty).
  // - Date: a date number formatted yyyy-mm-dd; a string that is not a valid date (or before
  //   1900-03-01) is written as text.
  // - DateTime: a number formatted yyyy-mm-dd hh:mm:ss in UTC+8, whole seconds.
  // Numbers use the column's format when the column is integer/decimal, else General.
  // Cells past the columns given to setColumns are ignored.
  // Throws XlsxError past Excel's 1 048 576 rows or when the file cannot be written.
  void addRow(const std::vector<Cell>& cells);

  // Data rows written so far (the header not counted).
  std::size_t rowCount() const { return rows_; }

  // Writes the autofilter over header and data, and assembles the file. Returns the number of data
  // rows (header not counted). Idempotent. Throws XlsxError when the file cannot be written.
  std::size_t close();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::size_t rows_ = 0;
  bool closed_ = false;
};

// An import template: sheet `sheetName` with the header row (required columns marked with a red "*",
// text columns formatted "@" for the whole column so that typed ID numbers stay text, date columns
// formatted yyyy-mm-dd), one example row in grey italics (row 2), and a second sheet "填写说明" listing
// each column: 列名, 是否必填, 格式, 填写要求 (Column::note), followed by general notes. ImportTable
// skips a data row equal to the example (see ImportTable::ignoreRowsEqualTo). Throws XlsxError.
void writeTemplate(const std::string& path, const std::string& sheetName, const std::vector<Column>& columns,
                   const std::vector<Cell>& exampleRow);

}  // namespace baoan::io
