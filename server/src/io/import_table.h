#pragma once
// Maps the first sheet of an uploaded workbook to named columns, for imports that validate every row
// with the module's form rules and write nothing unless all rows are good.
//
//   ImportTable table({{"name", "姓名", true}, {"idNumber", "身份证号", true, true}});
//   ImportErrors errors(table.columns());
//   table.read(XlsxReader(5001).readFirstSheet(body), errors);   // header + cell-type problems
//   for (const ImportRow& r : table.rows()) {
//     FieldErrors fe;                 // the module's own rules, the same as its form
//     const nlohmann::json body = r.toJson();   // a named object: Form keeps a reference to it
//     Form f(body, fe);
//     f.text("name", "姓名", {.required = true, .maxLength = 50});
//     errors.addFieldErrors(r.row, fe);
//   }
//   if (!errors.empty()) → report errors.sorted() / errors.toJson(); write nothing.
//
// Headers are matched by text, ignoring whitespace (also full-width), a leading "*" or "＊", full-width
// forms of ASCII characters ("（" = "(") and ASCII case; the header row is the first of the first 10
// rows that holds any known header. Unknown columns are ignored.
#include <cstddef>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"

namespace baoan::io {

struct ImportColumn {
  std::string key;        // field name, as in the module's JSON form ("idNumber")
  std::string header;     // Chinese header text as in the template, without "*" ("身份证号")
  bool required = false;  // the column must be present in the file (values are checked by the caller)
  bool textOnly = false;  // ID numbers, mobiles, credit codes: a number cell is an error
};

struct ImportError {
  int row = 0;          // 1-based Excel row (the header row for a missing column)
  std::string field;    // ImportColumn::key; "" for an error of the whole row or file
  std::string column;   // the column's header; "" when not about one column
  std::string message;  // Chinese
};

// Errors of one import. At most one error per (row, field) is kept: the first one added, so that a
// cell already refused for its type is not reported again by the value rules.
class ImportErrors {
 public:
  ImportErrors() = default;
  // With the table's columns: add(row, field, message) fills in the header, sorted() orders by them.
  explicit ImportErrors(std::vector<ImportColumn> columns) : columns_(std::move(columns)) {}

  void add(ImportError error);
  void add(int row, const std::string& field, const std::string& message);
  // Every problem of a core::Form run on one row (messages already name the field's label).
  void addFieldErrors(int row, const FieldErrors& fieldErrors);

  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  bool has(int row, const std::string& field) const { return seen_.count({row, field}) > 0; }
  // Number of distinct rows with at least one error.
  std::size_t rowCount() const;

  // By row, then by column order (errors of the whole row first, unknown fields last), then as added.
  std::vector<ImportError> sorted() const;
  // sorted() as [{"row":2,"field":"idNumber","column":"身份证号","message":"..."}], at most `limit`.
  nlohmann::json toJson(std::size_t limit = std::numeric_limits<std::size_t>::max()) const;

 private:
  std::size_t columnOrder(const std::string& field) const;

  std::vector<ImportColumn> columns_;
  std::vector<ImportError> items_;
  std::set<std::pair<int, std::string>> seen_;
};

struct ImportRow {
  int row = 0;                                // 1-based Excel row
  std::map<std::string, std::string> values;  // every column's key; "" when empty or the column is absent

  const std::string& get(const std::string& key) const;
  // Non-empty values as JSON strings, for core::Form: {"name":"张三","idNumber":"6104..."}.
  nlohmann::json toJson() const;
};

class ImportTable {
 public:
  explicit ImportTable(std::vector<ImportColumn> columns);

  // Rows whose values all equal these (for the columns present in the file) are skipped: the example
  // row of the template (writeTemplate), left in by the user. Values as normalizeCell gives them.
  void ignoreRowsEqualTo(std::map<std::string, std::string> example);
  // The same, from the example row given to writeTemplate: exampleRow[i] is columns()[i]'s value,
  // turned into the text the reader and normalizeCell give back for it.
  void ignoreExampleRow(const std::vector<Cell>& exampleRow);

  // Finds the header row and maps every non-empty data row below it. Adds to `errors`:
  // - "表格为空,请按模板填写后上传" when the sheet has no cell at all;
  // - "缺少必填列「身份证号」" for each required column not found (row = header row);
  // - "表头「姓名」重复" for a header found twice (the first one is used);
  // - "第N行「身份证号」为数字格式,请将该列设置为文本格式后重新填写" for a number cell in a textOnly
  //   column (an 18-digit number has lost its last digits in Excel already);
  // - "没有可导入的数据行" when no data row is left.
  // Returns false (and maps no rows) when the sheet is empty or a required column is missing.
  bool read(const ReadSheet& sheet, ImportErrors& errors);

  const std::vector<ImportColumn>& columns() const { return columns_; }
  const std::vector<ImportRow>& rows() const { return rows_; }
  int headerRow() const { return headerRow_; }  // 1-based; 0 before read()
  // Whether the file has this column (after read()).
  bool hasColumn(const std::string& key) const { return positions_.count(key) > 0; }

 private:
  std::vector<ImportColumn> columns_;
  std::map<std::string, std::string> example_;
  std::vector<ImportRow> rows_;
  std::map<std::string, std::size_t> positions_;  // key → 0-based sheet column
  int headerRow_ = 0;
};

// The first sheet of an uploaded workbook (at most maxRows rows, the header included), as every import
// reads it: a body that is not a readable xlsx is a 400 with the reader's Chinese message.
ReadSheet readUploadedSheet(const std::string& xlsx, std::size_t maxRows);

// Header text for matching: no whitespace (ASCII, U+3000, U+00A0), full-width ASCII forms folded,
// leading "*" removed, ASCII lower case. "＊ 身份证号（选填）" → "身份证号(选填)".
std::string normalizeHeader(std::string_view header);

// A cell as import text: trimmed text (ASCII whitespace and U+3000), numbers as Excel shows them
// ("15", not "15.0"), dates "YYYY-MM-DD" (a datetime keeps " HH:MM:SS" unless it is midnight),
// booleans "TRUE"/"FALSE", "" for empty.
std::string normalizeCell(const ReadCell& cell);

}  // namespace baoan::io
