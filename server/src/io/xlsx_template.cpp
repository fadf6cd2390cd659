// writeTemplate (io/xlsx_writer.h) through libxlsxwriter. The exports stream through io/zip_writer
// instead (see xlsx_writer.cpp); a template is a few rows with rich formatting, which libxlsxwriter does well.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <stdexcept>

#include <xlsxwriter.h>

#include "io/xlsx_writer.h"

namespace baoan::io {

namespace {

constexpr lxw_color_t kHeaderFill = 0xF2F2F2;
constexpr lxw_color_t kBorderColor = 0xBFBFBF;
constexpr lxw_color_t kRed = 0xFF0000;
constexpr lxw_color_t kExampleGrey = 0x808080;
constexpr const char* kFontName = "宋体";

[[noreturn]] void fail(lxw_error err, const char* what) {
  throw XlsxError("导出文件写入失败", std::string(what) + ": " + lxw_strerror(err));
}

void check(lxw_error err, const char* what) {
  if (err != LXW_NO_ERROR) fail(err, what);
}

std::string cleanText(const std::string& in) {
  std::string out;
  appendCellText(out, in, false);
  return out;
}

// A small formatted workbook through libxlsxwriter (rich header strings, a second sheet, wrapped
// text): the template is a few rows, so nothing here needs streaming.
struct TemplateBook {
  lxw_workbook* wb = nullptr;
  lxw_worksheet* ws = nullptr;
  std::vector<Column> columns;
  bool columnsSet = false;
  bool example = false;  // template example row: grey italic fonts

  lxw_format* header = nullptr;      // header cell: bold, fill, border
  lxw_format* headerStar = nullptr;  // the red "*" fragment
  lxw_format* headerText = nullptr;  // the header text fragment after the "*"
  std::map<std::pair<std::string, bool>, lxw_format*> byNumFmt;  // (format code, example) → format

  ~TemplateBook() {
    if (wb) workbook_close(wb);
  }

  lxw_format* numFmt(const std::string& code) {
    auto key = std::make_pair(code, example);
    auto it = byNumFmt.find(key);
    if (it != byNumFmt.end()) return it->second;
    lxw_format* f = workbook_add_format(wb);
    if (code == "@") format_set_num_format_index(f, 49);  // built-in "Text" (文本), as Excel and WPS write it
    else if (code != "General") format_set_num_format(f, code.c_str());
    format_set_font_name(f, kFontName);
    if (example) {
      format_set_font_color(f, kExampleGrey);
      format_set_italic(f);
    }
    byNumFmt.emplace(key, f);
    return f;
  }

  std::string columnFormatCode(std::size_t col) const {
    if (col >= columns.size()) return {};
    const Column& c = columns[col];
    return c.numberFormat.empty() ? defaultNumberFormat(c.kind) : c.numberFormat;
  }

  // Format of a number cell in this column: the column's own when it is a number column.
  lxw_format* numberFormatFor(std::size_t col) {
    if (col < columns.size() && (columns[col].kind == ColumnKind::integer || columns[col].kind == ColumnKind::decimal))
      return numFmt(columnFormatCode(col));
    return numFmt("General");
  }

  lxw_format* textFormatFor(std::size_t col) {
    if (col < columns.size() && columns[col].kind == ColumnKind::text && !columns[col].numberFormat.empty())
      return numFmt(columns[col].numberFormat);
    return numFmt("@");
  }

  void open(const std::string& path, const std::string& sheetName) {
    // libxlsxwriter only creates the file in workbook_close(): find an unwritable path now.
    if (FILE* probe = std::fopen(path.c_str(), "wb")) {
      std::fclose(probe);
    } else {
      throw XlsxError("无法创建导出文件", path + ": " + std::strerror(errno));
    }
    lxw_workbook_options options{};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = nullptr;
    options.use_zip64 = LXW_FALSE;
    wb = workbook_new_opt(path.c_str(), &options);
    if (!wb) throw XlsxError("无法创建导出文件", path);
    ws = addSheet(sheetName);

    header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_font_name(header, kFontName);
    format_set_bg_color(header, kHeaderFill);
    format_set_pattern(header, LXW_PATTERN_SOLID);
    format_set_border(header, LXW_BORDER_THIN);
    format_set_border_color(header, kBorderColor);
    format_set_align(header, LXW_ALIGN_CENTER);
    format_set_align(header, LXW_ALIGN_VERTICAL_CENTER);
    headerStar = workbook_add_format(wb);
    format_set_bold(headerStar);
    format_set_font_name(headerStar, kFontName);
    format_set_font_color(headerStar, kRed);
    headerText = workbook_add_format(wb);
    format_set_bold(headerText);
    format_set_font_name(headerText, kFontName);
  }

  lxw_worksheet* addSheet(const std::string& name) {
    const lxw_error err = workbook_validate_sheet_name(wb, name.c_str());
    if (err != LXW_NO_ERROR) throw XlsxError("工作表名称无效", name + ": " + lxw_strerror(err));
    lxw_worksheet* sheet = workbook_add_worksheet(wb, name.c_str());
    if (!sheet) throw XlsxError("工作表名称无效", name);
    return sheet;
  }

  void writeHeaderCell(lxw_worksheet* sheet, lxw_col_t col, const std::string& text, bool required) {
    std::string clean = cleanText(text);
    if (required && !clean.empty()) {
      std::string star = "*";
      lxw_rich_string_tuple starPart{headerStar, star.data()};
      lxw_rich_string_tuple textPart{headerText, clean.data()};
      lxw_rich_string_tuple* parts[] = {&starPart, &textPart, nullptr};
      check(worksheet_write_rich_string(sheet, 0, col, parts, header), "header");
    } else {
      check(worksheet_write_string(sheet, 0, col, required ? "*" : clean.c_str(), header), "header");
    }
  }

  void setColumns(std::vector<Column> cols) {
    if (columnsSet) throw std::logic_error("XlsxWriter::setColumns called twice");
    columns = std::move(cols);
    columnsSet = true;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto col = static_cast<lxw_col_t>(i);
      const double width = columns[i].width > 0 ? columns[i].width : 16;
      check(worksheet_set_column(ws, col, col, width, numFmt(columnFormatCode(i))), "column");
      writeHeaderCell(ws, col, columns[i].header, columns[i].required);
    }
    worksheet_freeze_panes(ws, 1, 0);
  }

  void writeCell(lxw_row_t row, std::size_t i, const Cell& cell) {
    const auto col = static_cast<lxw_col_t>(i);
    if (std::holds_alternative<std::monostate>(cell)) return;
    if (const auto* s = std::get_if<std::string>(&cell)) {
      if (s->empty()) return;
      const std::string clean = cleanText(*s);
      if (clean.empty()) return;
      check(worksheet_write_string(ws, row, col, clean.c_str(), textFormatFor(i)), "text cell");
    } else if (const auto* n = std::get_if<std::int64_t>(&cell)) {
      if (*n > kMaxExcelInteger || *n < -kMaxExcelInteger) {
        check(worksheet_write_string(ws, row, col, std::to_string(*n).c_str(), textFormatFor(i)), "integer cell");
      } else {
        check(worksheet_write_number(ws, row, col, static_cast<double>(*n), numberFormatFor(i)), "integer cell");
      }
    } else if (const auto* d = std::get_if<double>(&cell)) {
      if (!std::isfinite(*d)) return;
      check(worksheet_write_number(ws, row, col, *d, numberFormatFor(i)), "number cell");
    } else if (const auto* date = std::get_if<Date>(&cell)) {
      if (date->ymd.empty()) return;
      if (auto serial = excelSerialFromDate(date->ymd)) {
        const std::string code =
            i < columns.size() && columns[i].kind == ColumnKind::date ? columnFormatCode(i) : "yyyy-mm-dd";
        check(worksheet_write_number(ws, row, col, *serial, numFmt(code)), "date cell");
      } else {
        check(worksheet_write_string(ws, row, col, cleanText(date->ymd).c_str(), numFmt("@")), "date cell");
      }
    } else if (const auto* dt = std::get_if<DateTime>(&cell)) {
      const double serial = excelSerialFromEpochMs(dt->epochMs);
      if (serial >= 61) {
        const std::string code = i < columns.size() && columns[i].kind == ColumnKind::datetime ? columnFormatCode(i)
                                                                                               : "yyyy-mm-dd hh:mm:ss";
        check(worksheet_write_number(ws, row, col, serial, numFmt(code)), "datetime cell");
      } else {
        // Before 1900-03-01 Excel cannot show it as a date: write the text.
        const auto text = dateFromExcelSerial(serial, true).value_or(std::to_string(dt->epochMs));
        check(worksheet_write_string(ws, row, col, text.c_str(), numFmt("@")), "datetime cell");
      }
    }
  }
};

}  // namespace

void writeTemplate(const std::string& path, const std::string& sheetName, const std::vector<Column>& columns,
                   const std::vector<Cell>& exampleRow) {
  TemplateBook impl;
  impl.open(path, sheetName);
  impl.setColumns(columns);
  impl.example = true;
  for (std::size_t i = 0; i < exampleRow.size(); ++i) impl.writeCell(1, i, exampleRow[i]);
  impl.example = false;

  // Second sheet: what each column takes.
  lxw_worksheet* notes = impl.addSheet("填写说明");
  lxw_format* cellFmt = workbook_add_format(impl.wb);
  format_set_font_name(cellFmt, kFontName);
  format_set_text_wrap(cellFmt);
  format_set_align(cellFmt, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(cellFmt, LXW_BORDER_THIN);
  format_set_border_color(cellFmt, kBorderColor);
  lxw_format* requiredFmt = workbook_add_format(impl.wb);
  format_set_font_name(requiredFmt, kFontName);
  format_set_font_color(requiredFmt, kRed);
  format_set_align(requiredFmt, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(requiredFmt, LXW_BORDER_THIN);
  format_set_border_color(requiredFmt, kBorderColor);
  lxw_format* plainFmt = workbook_add_format(impl.wb);
  format_set_font_name(plainFmt, kFontName);

  check(worksheet_set_column(notes, 0, 0, 20, nullptr), "column");
  check(worksheet_set_column(notes, 1, 1, 10, nullptr), "column");
  check(worksheet_set_column(notes, 2, 2, 28, nullptr), "column");
  check(worksheet_set_column(notes, 3, 3, 60, nullptr), "column");
  const char* heads[] = {"列名", "是否必填", "格式", "填写要求"};
  for (lxw_col_t c = 0; c < 4; ++c) check(worksheet_write_string(notes, 0, c, heads[c], impl.header), "notes");
  lxw_row_t row = 1;
  for (const Column& col : columns) {
    check(worksheet_write_string(notes, row, 0, cleanText(col.header).c_str(), cellFmt), "notes");
    check(worksheet_write_string(notes, row, 1, col.required ? "必填" : "选填", col.required ? requiredFmt : cellFmt),
          "notes");
    check(worksheet_write_string(notes, row, 2, kindLabel(col.kind).c_str(), cellFmt), "notes");
    check(worksheet_write_string(notes, row, 3, cleanText(col.note).c_str(), cellFmt), "notes");
    ++row;
  }
  ++row;
  const char* general[] = {
      "说明:",
      "1. 第1行为表头,请勿修改、删除或调换;带红色 * 的列为必填。",
      "2. 第2行为示例(灰色),可直接覆盖;与示例完全相同的行导入时会被忽略。",
      "3. 身份证号、手机号码等列已设置为文本格式,请勿改为数字或常规格式,否则18位号码会丢失精度。",
      "4. 日期请按 yyyy-mm-dd 填写,例如 2024-01-31。",
      "5. 任一行有错误时整个文件都不会导入,请按错误报告修改后重新上传。",
  };
  for (const char* line : general) check(worksheet_write_string(notes, row++, 0, line, plainFmt), "notes");
  worksheet_freeze_panes(notes, 1, 0);

  lxw_workbook* wb = impl.wb;
  impl.wb = nullptr;
  check(workbook_close(wb), "close");
}

}  // namespace baoan::io
