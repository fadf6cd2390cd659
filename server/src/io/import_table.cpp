#include "io/import_table.h"

#include <algorithm>

#include "core/validation.h"

namespace baoan::io {

namespace {

constexpr std::size_t kHeaderSearchRows = 10;

// Decodes one UTF-8 code point at s[i] (advancing i); invalid bytes come back as themselves.
std::uint32_t nextCodePoint(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return c;
  }
  std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void appendCodePoint(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string normalizeHeader(std::string_view header) {
  std::string out;
  out.reserve(header.size());
  for (std::size_t i = 0; i < header.size();) {
    std::uint32_t cp = nextCodePoint(header, i);
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0) continue;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII forms
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp == '*' && out.empty()) continue;  // required marks, however many
    appendCodePoint(out, cp);
  }
  return out;
}

std::string normalizeCell(const ReadCell& cell) {
  switch (cell.kind) {
    case ReadCell::Kind::empty:
      return {};
    case ReadCell::Kind::text:
      return core::trim(cell.text);
    case ReadCell::Kind::date: {
      static constexpr std::string_view midnight = " 00:00:00";
      if (cell.text.size() == 10 + midnight.size() && cell.text.compare(10, midnight.size(), midnight) == 0)
        return cell.text.substr(0, 10);
      return cell.text;
    }
    case ReadCell::Kind::number:
    case ReadCell::Kind::boolean:
      return cell.text;
  }
  return {};
}

// ------------------------------------------------------------------------------------------ errors

void ImportErrors::add(ImportError error) {
  if (!error.field.empty()) {
    if (!seen_.insert({error.row, error.field}).second) return;
  }
  if (error.column.empty() && !error.field.empty()) {
    for (const auto& c : columns_)
      if (c.key == error.field) error.column = c.header;
  }
  items_.push_back(std::move(error));
}

void ImportErrors::add(int row, const std::string& field, const std::string& message) {
  add(ImportError{row, field, {}, message});
}

void ImportErrors::addFieldErrors(int row, const FieldErrors& fieldErrors) {
  // FieldErrors only hands its map out through the AppError it throws.
  try {
    fieldErrors.throwIfAny();
  } catch (const AppError& e) {
    for (const auto& [field, message] : e.fields) add(row, field, message);
  }
}

std::size_t ImportErrors::rowCount() const {
  std::set<int> rows;
  for (const auto& e : items_) rows.insert(e.row);
  return rows.size();
}

std::size_t ImportErrors::columnOrder(const std::string& field) const {
  if (field.empty()) return 0;
  for (std::size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].key == field) return i + 1;
  return columns_.size() + 1;
}

std::vector<ImportError> ImportErrors::sorted() const {
  std::vector<ImportError> out = items_;
  std::stable_sort(out.begin(), out.end(), [this](const ImportError& a, const ImportError& b) {
    if (a.row != b.row) return a.row < b.row;
    return columnOrder(a.field) < columnOrder(b.field);
  });
  return out;
}

nlohmann::json ImportErrors::toJson(std::size_t limit) const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : sorted()) {
    if (out.size() >= limit) break;
    out.push_back({{"row", e.row}, {"field", e.field}, {"column", e.column}, {"message", e.message}});
  }
  return out;
}

// ------------------------------------------------------------------------------------------ rows

const std::string& ImportRow::get(const std::string& key) const {
  static const std::string empty;
  auto it = values.find(key);
  return it == values.end() ? empty : it->second;
}

nlohmann::json ImportRow::toJson() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, value] : values)
    if (!value.empty()) out[key] = value;
  return out;
}

// ------------------------------------------------------------------------------------------ table

ImportTable::ImportTable(std::vector<ImportColumn> columns) : columns_(std::move(columns)) {}

void ImportTable::ignoreRowsEqualTo(std::map<std::string, std::string> example) { example_ = std::move(example); }

void ImportTable::ignoreExampleRow(const std::vector<Cell>& exampleRow) {
  std::map<std::string, std::string> values;
  for (std::size_t i = 0; i < exampleRow.size() && i < columns_.size(); ++i) {
    const Cell& cell = exampleRow[i];
    std::string v;
    if (const auto* s = std::get_if<std::string>(&cell)) {
      v = core::trim(*s);
    } else if (const auto* n = std::get_if<std::int64_t>(&cell)) {
      v = std::to_string(*n);
    } else if (const auto* d = std::get_if<double>(&cell)) {
      v = formatExcelNumber(*d);
    } else if (const auto* date = std::get_if<Date>(&cell)) {
      v = date->ymd;
    } else if (const auto* dt = std::get_if<DateTime>(&cell)) {
      ReadCell rc{ReadCell::Kind::date, dateFromExcelSerial(excelSerialFromEpochMs(dt->epochMs), true).value_or(""), 0};
      v = normalizeCell(rc);
    }
    values.emplace(columns_[i].key, std::move(v));
  }
  example_ = std::move(values);
}

ReadSheet readUploadedSheet(const std::string& xlsx, std::size_t maxRows) {
  try {
    return XlsxReader(maxRows).readFirstSheet(xlsx);
  } catch (const XlsxError& e) {
    throw badRequest(e.what());
  }
}

bool ImportTable::read(const ReadSheet& sheet, ImportErrors& errors) {
  rows_.clear();
  positions_.clear();
  headerRow_ = 0;

  std::size_t firstNonEmpty = sheet.rows.size();
  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    if (std::any_of(sheet.rows[r].begin(), sheet.rows[r].end(), [](const ReadCell& c) { return !c.empty(); })) {
      firstNonEmpty = r;
      break;
    }
  }
  if (firstNonEmpty == sheet.rows.size()) {
    errors.add(ImportError{1, {}, {}, "表格为空,请按模板填写后上传"});
    return false;
  }

  std::map<std::string, std::size_t> wanted;  // normalized header → column index in columns_
  for (std::size_t i = 0; i < columns_.size(); ++i) wanted.emplace(normalizeHeader(columns_[i].header), i);

  // Header row: the first of the first rows that holds a known header.
  std::size_t header = firstNonEmpty;
  for (std::size_t r = firstNonEmpty; r < sheet.rows.size() && r < firstNonEmpty + kHeaderSearchRows; ++r) {
    const bool known = std::any_of(sheet.rows[r].begin(), sheet.rows[r].end(), [&](const ReadCell& c) {
      return c.kind == ReadCell::Kind::text && wanted.count(normalizeHeader(c.text));
    });
    if (known) {
      header = r;
      break;
    }
  }
  headerRow_ = static_cast<int>(header + 1);

  const ReadRow& headerCells = sheet.rows[header];
  for (std::size_t c = 0; c < headerCells.size(); ++c) {
    if (headerCells[c].kind != ReadCell::Kind::text) continue;
    auto it = wanted.find(normalizeHeader(headerCells[c].text));
    if (it == wanted.end()) continue;
    const ImportColumn& col = columns_[it->second];
    if (positions_.count(col.key)) {
      errors.add(ImportError{headerRow_, col.key, col.header, "表头「" + col.header + "」重复"});
      continue;
    }
    positions_.emplace(col.key, c);
  }
  bool missing = false;
  for (const ImportColumn& col : columns_) {
    if (col.required && !positions_.count(col.key)) {
      errors.add(ImportError{headerRow_, col.key, col.header, "缺少必填列「" + col.header + "」"});
      missing = true;
    }
  }
  if (missing) return false;

  for (std::size_t r = header + 1; r < sheet.rows.size(); ++r) {
    ImportRow row;
    row.row = static_cast<int>(r + 1);
    bool any = false;
    std::vector<const ImportColumn*> numberInText;
    for (const ImportColumn& col : columns_) {
      auto pos = positions_.find(col.key);
      if (pos == positions_.end()) {
        row.values.emplace(col.key, std::string());
        continue;
      }
      const ReadCell& cell = sheet.cell(r, pos->second);
      std::string value = normalizeCell(cell);
      if (!value.empty()) any = true;
      if (col.textOnly && cell.kind == ReadCell::Kind::number) numberInText.push_back(&col);
      row.values.emplace(col.key, std::move(value));
    }
    if (!any) continue;
    if (!example_.empty()) {
      bool same = true;
      for (const auto& [key, pos] : positions_) {
        auto ex = example_.find(key);
        if (row.get(key) != (ex == example_.end() ? std::string() : ex->second)) {
          same = false;
          break;
        }
      }
      if (same) continue;
    }
    for (const ImportColumn* col : numberInText) {
      errors.add(ImportError{row.row, col->key, col->header,
                             "第" + std::to_string(row.row) + "行「" + col->header +
                                 "」为数字格式,请将该列设置为文本格式后重新填写"});
    }
    rows_.push_back(std::move(row));
  }
  if (rows_.empty()) errors.add(ImportError{headerRow_ + 1, {}, {}, "没有可导入的数据行"});
  return true;
}

}  // namespace baoan::io
