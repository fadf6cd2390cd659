// XlsxWriter: the sheet XML is written here, row by row, straight into io/zip_writer, which deflates
// it on a second thread. The parts of the package are the ones libxlsxwriter writes (so Excel, WPS and
// LibreOffice see the same file as before), minus the theme: every style names its font and colours.
// writeTemplate is in xlsx_template.cpp.
#include "io/xlsx_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <map>
#include <stdexcept>
#include <vector>

#include "io/zip_writer.h"

namespace baoan::io {

namespace {

constexpr std::size_t kMaxDataRows = 1048575;  // Excel's 1 048 576 rows, less the header
constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kPkgRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
// zlib level of the package: level 1 deflates sheet XML 3 times as fast as 6 for a file ~15 % larger,
// and runs on the other core (io/zip_writer.h).
constexpr int kDeflateLevel = 1;

// Style indexes (cellXfs) fixed by styles(): 0 is the default, 1 the header; number formats follow.
constexpr int kHeaderXf = 1;
constexpr int kFirstFormatXf = 2;

// Excel's built-in number formats that are written by id, not as a code.
int builtinFormatId(const std::string& code) {
  static const std::map<std::string, int> ids = {
      {"General", 0}, {"0", 1}, {"0.00", 2}, {"#,##0", 3}, {"#,##0.00", 4}, {"@", 49}};
  const auto it = ids.find(code);
  return it == ids.end() ? -1 : it->second;
}

void appendXmlAttr(std::string& out, std::string_view in) {
  for (char c : in) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
}

template <typename T>
void appendNumber(std::string& out, T value) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);  // shortest form that reads back exactly
  out.append(buf, r.ptr);
}

// "A", "B", … "Z", "AA", … for a 0-based column.
std::string columnName(std::size_t col) {
  std::string name;
  for (std::size_t n = col + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Excel's sheet name rules, with libxlsxwriter's messages' meaning: 1–31 characters, none of
// []:*?/\ and no apostrophe at either end.
void validateSheetName(const std::string& name) {
  std::size_t chars = 0;
  for (unsigned char c : name)
    if ((c & 0xC0) != 0x80) ++chars;
  const bool badChar = name.find_first_of("[]:*?/\\") != std::string::npos;
  if (chars == 0 || chars > 31 || badChar || name.front() == '\'' || name.back() == '\'')
    throw XlsxError("工作表名称无效", name);
}

// Excel's stored column width for a width in characters (what Excel writes for 宋体 11: 7-pixel digits
// and 5 pixels of padding, in 1/256 of a character).
double storedWidth(double width) {
  if (width <= 0) width = 16;
  return static_cast<double>(static_cast<long>((width * 7 + 5) / 7 * 256)) / 256;
}

// The cell styles of an export: the default, the header, then one per number format in first-use order.
class StyleTable {
 public:
  int xfFor(const std::string& code) {
    const auto it = xfByCode_.find(code);
    if (it != xfByCode_.end()) return it->second;
    const int xf = kFirstFormatXf + static_cast<int>(codes_.size());
    codes_.push_back(code);
    xfByCode_.emplace(code, xf);
    return xf;
  }

  std::string xml() const {
    std::string custom;
    std::vector<int> ids;
    int next = 164;  // first id of custom formats
    int customCount = 0;
    for (const std::string& code : codes_) {
      int id = builtinFormatId(code);
      if (id < 0) {
        id = next++;
        ++customCount;
        custom += "<numFmt numFmtId=\"" + std::to_string(id) + "\" formatCode=\"";
        appendXmlAttr(custom, code);
        custom += "\"/>";
      }
      ids.push_back(id);
    }
    std::string s = kXmlDecl;
    s += "<styleSheet xmlns=\"" + std::string(kMainNs) + "\">";
    if (customCount) s += "<numFmts count=\"" + std::to_string(customCount) + "\">" + custom + "</numFmts>";
    s += "<fonts count=\"2\">"
         "<font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"2\"/><charset val=\"134\"/></font>"
         "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><family val=\"2\"/><charset val=\"134\"/></font></fonts>"
         "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
         "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFF2F2F2\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
         "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border><border>"
         "<left style=\"thin\"><color rgb=\"FFBFBFBF\"/></left><right style=\"thin\"><color rgb=\"FFBFBFBF\"/></right>"
         "<top style=\"thin\"><color rgb=\"FFBFBFBF\"/></top><bottom style=\"thin\"><color rgb=\"FFBFBFBF\"/></bottom>"
         "<diagonal/></border></borders>"
         "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>";
    s += "<cellXfs count=\"" + std::to_string(kFirstFormatXf + codes_.size()) + "\">";
    s += "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>";
    s += "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" "
         "applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\"/></xf>";
    for (int id : ids)
      s += "<xf numFmtId=\"" + std::to_string(id) + "\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"" +
           (id ? " applyNumberFormat=\"1\"" : "") + "/>";
    s += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"常规\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
         "<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" "
         "defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>";
    return s;
  }

 private:
  std::vector<std::string> codes_;
  std::map<std::string, int> xfByCode_;
};

// The parts around the sheet, written at close().
std::string contentTypesXml() {
  return std::string(kXmlDecl) +
         "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
         "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
         "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
         "<Override PartName=\"/docProps/app.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
         "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
         "<Override PartName=\"/xl/styles.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
         "<Override PartName=\"/xl/workbook.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
         "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>";
}

std::string packageRelsXml() {
  return std::string(kXmlDecl) + "<Relationships xmlns=\"" + kPkgRelNs + "\">" +
         "<Relationship Id=\"rId1\" Type=\"" + kRelNs + "/officeDocument\" Target=\"xl/workbook.xml\"/>" +
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
         "core-properties\" Target=\"docProps/core.xml\"/>" +
         "<Relationship Id=\"rId3\" Type=\"" + kRelNs + "/extended-properties\" Target=\"docProps/app.xml\"/>" +
         "</Relationships>";
}

std::string workbookRelsXml() {
  return std::string(kXmlDecl) + "<Relationships xmlns=\"" + kPkgRelNs + "\">" +
         "<Relationship Id=\"rId1\" Type=\"" + kRelNs + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
         "<Relationship Id=\"rId2\" Type=\"" + kRelNs + "/styles\" Target=\"styles.xml\"/></Relationships>";
}

std::string appXml(const std::string& sheetName) {
  std::string s = std::string(kXmlDecl) +
                  "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
                  "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
                  "<Application>baoan</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
                  "<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>"
                  "</vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>"
                  "<TitlesOfParts><vt:vector size=\"1\" baseType=\"lpstr\"><vt:lpstr>";
  appendXmlAttr(s, sheetName);
  return s + "</vt:lpstr></vt:vector></TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
             "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>";
}

std::string coreXml() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char now[32];
  std::strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(kXmlDecl) +
         "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>保安服务监管信息系统</dc:creator>"
         "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + now + "</dcterms:created>"
         "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + now + "</dcterms:modified></cp:coreProperties>";
}

}  // namespace

std::string defaultNumberFormat(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::text: return "@";
    case ColumnKind::date: return "yyyy-mm-dd";
    case ColumnKind::datetime: return "yyyy-mm-dd hh:mm:ss";
    case ColumnKind::integer: return "0";
    // As many decimals as the value has: coordinates need 4–6, and "0.00" would show 108.97 for
    // 108.9658 (~1 km off on the screen).
    case ColumnKind::decimal: return "General";
  }
  return "@";
}

std::string kindLabel(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::text: return "文本";
    case ColumnKind::date: return "日期(yyyy-mm-dd)";
    case ColumnKind::datetime: return "日期时间(yyyy-mm-dd hh:mm:ss)";
    case ColumnKind::integer: return "整数";
    case ColumnKind::decimal: return "数字";
  }
  return "文本";
}

struct XlsxWriter::Impl {
  // The style of each kind of value in one column, resolved once in setColumns.
  struct ColumnStyles {
    std::string name;  // "A", "B", …
    int text = 0, number = 0, date = 0, datetime = 0;
  };

  ZipWriter zip;
  std::string sheetName;
  std::vector<Column> columns;
  std::vector<ColumnStyles> styles;
  StyleTable table;
  bool sheetStarted = false;
  std::string row;  // the row being written, reused
  std::size_t rowNumber = 1;  // 1-based number of the last row written (the header is row 1)

  Impl(const std::string& path, std::string name) : zip(path, kDeflateLevel), sheetName(std::move(name)) {}

  std::string formatCode(std::size_t col) const {
    const Column& c = columns[col];
    return c.numberFormat.empty() ? defaultNumberFormat(c.kind) : c.numberFormat;
  }

  void resolveStyles() {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const ColumnKind kind = columns[i].kind;
      ColumnStyles s;
      s.name = columnName(i);
      const bool numeric = kind == ColumnKind::integer || kind == ColumnKind::decimal;
      s.text = table.xfFor(kind == ColumnKind::text && !columns[i].numberFormat.empty() ? columns[i].numberFormat : "@");
      s.number = table.xfFor(numeric ? formatCode(i) : "General");
      s.date = table.xfFor(kind == ColumnKind::date ? formatCode(i) : "yyyy-mm-dd");
      s.datetime = table.xfFor(kind == ColumnKind::datetime ? formatCode(i) : "yyyy-mm-dd hh:mm:ss");
      styles.push_back(std::move(s));
    }
  }

  int columnXf(std::size_t col) { return table.xfFor(formatCode(col)); }

  // Everything of sheet1.xml before the first data row: frozen header, widths and formats, the header.
  void startSheet() {
    sheetStarted = true;
    zip.beginEntry("xl/worksheets/sheet1.xml");
    std::string s = kXmlDecl;
    s += "<worksheet xmlns=\"" + std::string(kMainNs) + "\" xmlns:r=\"" + kRelNs + "\">";
    s += "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
         "activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews>"
         "<sheetFormatPr defaultRowHeight=\"15\"/>";
    if (!columns.empty()) {
      s += "<cols>";
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        s += "<col min=\"" + n + "\" max=\"" + n + "\" width=\"";
        appendNumber(s, storedWidth(columns[i].width));
        s += "\" style=\"" + std::to_string(columnXf(i)) + "\" customWidth=\"1\"/>";
      }
      s += "</cols>";
    }
    s += "<sheetData>";
    if (!columns.empty()) {
      s += "<row r=\"1\">";
      for (std::size_t i = 0; i < columns.size(); ++i) appendHeaderCell(s, i);
      s += "</row>";
    }
    zip.write(s);
  }

  // A required column's header is a rich string: a red bold "*" and the bold header text.
  void appendHeaderCell(std::string& s, std::size_t i) {
    const Column& c = columns[i];
    s += "<c r=\"" + styles[i].name + "1\" s=\"" + std::to_string(kHeaderXf) + "\" t=\"inlineStr\"><is>";
    if (c.required) {
      s += "<r><rPr><b/><sz val=\"11\"/><color rgb=\"FFFF0000\"/><rFont val=\"宋体\"/><family val=\"2\"/></rPr><t>*</t></r>"
           "<r><rPr><b/><sz val=\"11\"/><rFont val=\"宋体\"/><family val=\"2\"/></rPr>";
      appendTextElement(s, c.header);
      s += "</r>";
    } else {
      appendTextElement(s, c.header);
    }
    s += "</is></c>";
  }

  // <t>text</t>, with xml:space="preserve" when the text starts or ends with white space (Excel would
  // drop it otherwise). False, with nothing appended, when the text is empty once cleaned.
  static bool appendTextElement(std::string& s, std::string_view text) {
    const std::size_t start = s.size();
    s += "<t>";
    const std::size_t textStart = s.size();
    appendCellText(s, text, true);
    if (s.size() == textStart) {
      s.resize(start);
      return false;
    }
    if (isSpace(s[textStart]) || isSpace(s.back())) s.insert(textStart - 1, " xml:space=\"preserve\"");
    s += "</t>";
    return true;
  }

  void appendCellStart(std::size_t col, int xf) {
    row += "<c r=\"";
    row += styles[col].name;
    appendNumber(row, rowNumber);
    row += "\" s=\"";
    appendNumber(row, xf);
    row += '"';
  }

  void appendText(std::size_t col, std::string_view text) {
    if (text.empty()) return;
    const std::size_t start = row.size();
    appendCellStart(col, styles[col].text);
    row += " t=\"inlineStr\"><is>";
    if (!appendTextElement(row, text)) {
      row.resize(start);
      return;
    }
    row += "</is></c>";
  }

  void appendNumberCell(std::size_t col, int xf, double value) {
    appendCellStart(col, xf);
    row += "><v>";
    appendNumber(row, value);
    row += "</v></c>";
  }

  void appendCell(std::size_t col, const Cell& cell) {
    if (const auto* s = std::get_if<std::string>(&cell)) {
      appendText(col, *s);
    } else if (const auto* n = std::get_if<std::int64_t>(&cell)) {
      if (*n > kMaxExcelInteger || *n < -kMaxExcelInteger) appendText(col, std::to_string(*n));
      else appendNumberCell(col, styles[col].number, static_cast<double>(*n));
    } else if (const auto* d = std::get_if<double>(&cell)) {
      if (std::isfinite(*d)) appendNumberCell(col, styles[col].number, *d);
    } else if (const auto* date = std::get_if<Date>(&cell)) {
      if (date->ymd.empty()) return;
      if (auto serial = excelSerialFromDate(date->ymd)) appendNumberCell(col, styles[col].date, *serial);
      else appendText(col, date->ymd);  // not a date Excel can show: the text as given
    } else if (const auto* dt = std::get_if<DateTime>(&cell)) {
      const double serial = excelSerialFromEpochMs(dt->epochMs);
      if (serial >= 61) appendNumberCell(col, styles[col].datetime, serial);
      else appendText(col, dateFromExcelSerial(serial, true).value_or(std::to_string(dt->epochMs)));  // before 1900-03-01
    }
  }

  void addRow(const std::vector<Cell>& cells) {
    ++rowNumber;
    row.clear();
    row += "<row r=\"";
    appendNumber(row, rowNumber);
    row += "\">";
    const std::size_t n = std::min(cells.size(), columns.size());
    for (std::size_t i = 0; i < n; ++i) appendCell(i, cells[i]);
    row += "</row>";
    zip.write(row);
  }

  // The range of header and data for the autofilter: A1:G101.
  std::string filterRange() const {
    return "A1:" + styles.back().name + std::to_string(rowNumber);
  }

  std::string workbookXml() const {
    std::string s = kXmlDecl;
    s += "<workbook xmlns=\"" + std::string(kMainNs) + "\" xmlns:r=\"" + kRelNs + "\">";
    s += "<workbookPr/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/>"
         "</bookViews><sheets><sheet name=\"";
    appendXmlAttr(s, sheetName);
    s += "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>";
    if (!columns.empty()) {
      // The autofilter's hidden name, as Excel writes it: '名称'!$A$1:$G$101 (an apostrophe doubled).
      std::string quoted;
      for (char c : sheetName) quoted += c == '\'' ? std::string("''") : std::string(1, c);
      s += "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">";
      appendXmlAttr(s, "'" + quoted + "'!$A$1:$" + styles.back().name + "$" + std::to_string(rowNumber));
      s += "</definedName></definedNames>";
    }
    s += "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>";
    return s;
  }

  void finish() {
    if (!sheetStarted) startSheet();
    std::string end = "</sheetData>";
    if (!columns.empty()) end += "<autoFilter ref=\"" + filterRange() + "\"/>";
    end += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>";
    zip.write(end);
    zip.endEntry();
    zip.addEntry("xl/workbook.xml", workbookXml());
    zip.addEntry("xl/styles.xml", table.xml());
    zip.addEntry("xl/_rels/workbook.xml.rels", workbookRelsXml());
    zip.addEntry("docProps/app.xml", appXml(sheetName));
    zip.addEntry("docProps/core.xml", coreXml());
    zip.addEntry("_rels/.rels", packageRelsXml());
    zip.addEntry("[Content_Types].xml", contentTypesXml());
    zip.close();
  }
};

XlsxWriter::XlsxWriter(const std::string& path, const std::string& sheetName) {
  validateSheetName(sheetName);
  impl_ = std::make_unique<Impl>(path, sheetName);
}

XlsxWriter::~XlsxWriter() {
  if (closed_ || !impl_) return;
  try {
    close();
  } catch (...) {  // a destructor must not throw; the caller deletes a file it did not close
  }
}

void XlsxWriter::setColumns(std::vector<Column> columns) {
  if (closed_) throw std::logic_error("XlsxWriter::setColumns after close");
  if (impl_->sheetStarted) throw std::logic_error("XlsxWriter::setColumns called twice");
  impl_->columns = std::move(columns);
  impl_->resolveStyles();
  impl_->startSheet();
}

void XlsxWriter::addRow(const std::vector<Cell>& cells) {
  if (closed_) throw std::logic_error("XlsxWriter::addRow after close");
  if (!impl_->sheetStarted) throw std::logic_error("XlsxWriter::addRow before setColumns");
  if (rows_ + 1 > kMaxDataRows) throw XlsxError("导出行数超过 Excel 的上限 1048576 行,请缩小查询范围后再导出");
  impl_->addRow(cells);
  ++rows_;
}

std::size_t XlsxWriter::close() {
  if (closed_) return rows_;
  closed_ = true;
  impl_->finish();
  return rows_;
}

}  // namespace baoan::io
