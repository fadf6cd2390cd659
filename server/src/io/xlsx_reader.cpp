#include "io/xlsx_reader.h"

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <new>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "io/zip_reader.h"

namespace baoan::io {

namespace {

constexpr std::size_t kMaxPartBytes = 256u << 20;    // one XML part, uncompressed
constexpr std::size_t kMaxTotalBytes = 256u << 20;   // all parts read, uncompressed
constexpr std::size_t kMaxModelBytes = 128u << 20;   // what is kept of the parts: strings, styles, cells
constexpr std::size_t kMaxDepth = 256;               // nesting of XML elements
constexpr std::size_t kMaxMarkupBytes = 1u << 20;    // XML fed without a single event: one tag, comment, ...
constexpr std::size_t kMaxRawTextBytes = 8 * kMaxCellChars;  // one cell's text before _xHHHH_ decoding
constexpr std::size_t kExcelMaxRows = 1048576;
constexpr std::size_t kExcelMaxColumns = 16384;

const std::string kCellTooLongMessage =
    "文件中有单元格内容超过 " + std::to_string(kMaxCellChars) + " 个字符(Excel 单元格的上限),请检查文件后重新上传";

[[noreturn]] void invalid(std::string detail) { throw XlsxError(std::string(kXlsxInvalidMessage), std::move(detail)); }
[[noreturn]] void tooLarge(std::string detail) { throw XlsxError(std::string(kXlsxTooLargeMessage), std::move(detail)); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// What the reader keeps in memory while it reads (shared strings, styles, relationships, sheets, the
// cells), charged as it grows: past kMaxModelBytes the file is refused as too large. The parts' XML is
// never held whole (it streams from the zip through expat), so this bounds the reader's memory.
class Budget {
 public:
  void charge(std::size_t bytes) {
    used_ += bytes;
    if (used_ > kMaxModelBytes) tooLarge("more than " + std::to_string(kMaxModelBytes >> 20) + " MiB of cells and strings");
  }
  std::size_t used() const { return used_; }

 private:
  std::size_t used_ = 0;
};

// Characters as Excel counts them (UTF-16 code units) in valid UTF-8.
std::size_t utf16Units(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
    if (c >= 0xF0) ++n;
  }
  return n;
}

// Appends a piece of a cell's raw text, refusing a text that no cell can hold long before it is whole.
void appendRaw(std::string& out, std::string_view piece) {
  if (out.size() + piece.size() > kMaxRawTextBytes)
    throw XlsxError(kCellTooLongMessage, "cell text over " + std::to_string(kMaxRawTextBytes) + " bytes");
  out.append(piece);
}

// A cell's decoded text must fit in a cell.
void checkCellLength(const std::string& text) {
  if (text.size() > kMaxCellChars && utf16Units(text) > kMaxCellChars)
    throw XlsxError(kCellTooLongMessage, "cell text of " + std::to_string(utf16Units(text)) + " characters");
}

// ------------------------------------------------------------------------------------------ XML

std::string_view localName(std::string_view qname) {
  const auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

// Common part of the part handlers: the element stack (local names; namespace prefixes are ignored,
// the parts are read by element name) and the attributes of the element being opened. The parser
// pushes an element before start_element and pops it after end_element.
class Handler {
 public:
  explicit Handler(Budget& budget) : budget_(budget) {}

  // expat's attributes of the element being opened (name, value, ..., null; entities decoded), valid
  // during start_element only.
  const char** atts = nullptr;

  void push(std::string_view name) {
    if (depth_ == stack_.size()) stack_.emplace_back();
    stack_[depth_++].assign(name);
  }
  void pop() {
    if (depth_ > 0) --depth_;
  }

 protected:
  // Unprefixed attribute (or, with prefixed = true, one with any prefix, e.g. r:id).
  std::optional<std::string_view> attr(std::string_view name, bool prefixed = false) const {
    for (const char** a = atts; a && a[0]; a += 2) {
      const std::string_view qname(a[0]);
      const auto colon = qname.find(':');
      if (prefixed ? colon != std::string_view::npos && qname.substr(colon + 1) == name : qname == name)
        return std::string_view(a[1]);
    }
    return std::nullopt;
  }
  std::string_view top() const { return depth_ > 0 ? std::string_view(stack_[depth_ - 1]) : std::string_view(); }
  std::string_view parent() const { return depth_ >= 2 ? std::string_view(stack_[depth_ - 2]) : std::string_view(); }

  Budget& budget_;

 private:
  std::vector<std::string> stack_;  // strings reused from one element to the next
  std::size_t depth_ = 0;
};

// Streams one XML part through expat into a handler H (start_element(localName),
// end_element(localName), characters(text), text possibly in several pieces).
//
// What an upload could abuse is refused: a DOCTYPE (and with it every entity declaration, so no
// external entity and no entity expansion: only the five predefined entities and character
// references are known; expat's own billion-laughs protection, on by default since 2.4, stays as a
// second line), elements nested deeper than kMaxDepth, a single piece of markup longer than
// kMaxMarkupBytes (expat would buffer it whole). Anything expat finds malformed (mismatched tags,
// bad UTF-8 or characters, a truncated part) throws std::runtime_error("xml: ..."), as do the limits.
// What a handler throws is caught at the C boundary, stops the parser and is rethrown from feed().
template <class H>
class XmlParser {
 public:
  explicit XmlParser(H& h) : h_(h), p_(XML_ParserCreate(nullptr)) {
    if (!p_) throw std::bad_alloc();
    XML_SetUserData(p_, this);
    XML_SetElementHandler(p_, &XmlParser::onStart, &XmlParser::onEnd);
    XML_SetCharacterDataHandler(p_, &XmlParser::onCharacters);
    XML_SetStartDoctypeDeclHandler(p_, &XmlParser::onDoctype);
    XML_SetEntityDeclHandler(p_, &XmlParser::onEntityDecl);
    XML_SetXmlDeclHandler(p_, &XmlParser::onXmlDecl);
    XML_SetCommentHandler(p_, &XmlParser::onComment);
    XML_SetProcessingInstructionHandler(p_, &XmlParser::onProcessingInstruction);
    XML_SetParamEntityParsing(p_, XML_PARAM_ENTITY_PARSING_NEVER);
  }
  ~XmlParser() { XML_ParserFree(p_); }
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  void feed(std::string_view chunk) {
    while (!chunk.empty()) {
      const std::size_t len = std::min<std::size_t>(chunk.size(), 1u << 20);
      parse(chunk.data(), len, false);
      chunk.remove_prefix(len);
    }
  }

  void finish() { parse("", 0, true); }

 private:
  void parse(const char* data, std::size_t len, bool final) {
    fed_ += len;
    event_ = false;
    if (XML_Parse(p_, data, static_cast<int>(len), final ? XML_TRUE : XML_FALSE) != XML_STATUS_OK) failed(final);
    if (error_) std::rethrow_exception(error_);  // stopped in a handler that did not return an error status
    // A tag, comment or processing instruction that goes on and on: expat would buffer it whole.
    if (event_) quiet_ = 0;
    else if ((quiet_ += len) > kMaxMarkupBytes) fail("markup longer than " + std::to_string(kMaxMarkupBytes) + " bytes");
  }

  [[noreturn]] void failed(bool final) {
    if (error_) std::rethrow_exception(error_);
    const XML_Error code = XML_GetErrorCode(p_);
    if (final && (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN || code == XML_ERROR_PARTIAL_CHAR ||
                  code == XML_ERROR_UNCLOSED_CDATA_SECTION))
      throw std::runtime_error("xml: truncated document at byte " + std::to_string(fed_));
    throw std::runtime_error(std::string("xml: ") + XML_ErrorString(code) + " at line " +
                             std::to_string(XML_GetCurrentLineNumber(p_)) + " column " +
                             std::to_string(XML_GetCurrentColumnNumber(p_)));
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("xml: " + what + " at byte " + std::to_string(XML_GetCurrentByteIndex(p_)));
  }

  // Runs a callback's work; an exception stops the parser and is kept for parse() to rethrow.
  template <class F>
  static void guarded(void* self, F&& f) {
    auto* x = static_cast<XmlParser*>(self);
    if (x->error_) return;  // expat may still report a little after XML_StopParser
    x->event_ = true;
    try {
      f(*x);
    } catch (...) {
      x->error_ = std::current_exception();
      XML_StopParser(x->p_, XML_FALSE);
    }
  }

  static void XMLCALL onStart(void* self, const XML_Char* name, const XML_Char** atts) {
    guarded(self, [&](XmlParser& x) {
      if (++x.depth_ > kMaxDepth) x.fail("elements nested too deeply");
      const std::string_view local = localName(name);
      x.h_.push(local);
      x.h_.atts = atts;
      x.h_.start_element(local);
      x.h_.atts = nullptr;
    });
  }
  static void XMLCALL onEnd(void* self, const XML_Char* name) {
    guarded(self, [&](XmlParser& x) {
      --x.depth_;
      x.h_.end_element(localName(name));
      x.h_.pop();
    });
  }
  static void XMLCALL onCharacters(void* self, const XML_Char* s, int len) {
    guarded(self, [&](XmlParser& x) { x.h_.characters(std::string_view(s, static_cast<std::size_t>(len))); });
  }
  static void XMLCALL onDoctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    guarded(self, [&](XmlParser& x) { x.fail("DOCTYPE and other declarations are not allowed"); });
  }
  static void XMLCALL onEntityDecl(void* self, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                                   const XML_Char*, const XML_Char*, const XML_Char*) {
    guarded(self, [&](XmlParser& x) { x.fail("entity declarations are not allowed"); });
  }
  static void XMLCALL onXmlDecl(void* self, const XML_Char*, const XML_Char*, int) {
    guarded(self, [](XmlParser&) {});
  }
  static void XMLCALL onComment(void* self, const XML_Char*) {
    guarded(self, [](XmlParser&) {});
  }
  static void XMLCALL onProcessingInstruction(void* self, const XML_Char*, const XML_Char*) {
    guarded(self, [](XmlParser&) {});
  }

  H& h_;
  XML_Parser p_;
  std::exception_ptr error_;
  std::size_t depth_ = 0;
  std::size_t fed_ = 0;    // bytes given to expat
  std::size_t quiet_ = 0;  // bytes given since the last event
  bool event_ = false;     // an event during the current XML_Parse call
};

// Streams the zip entry `part` through expat into h; false when there is no such entry.
template <class H>
bool parsePart(ZipReader& zip, const std::string& part, H& h) {
  XmlParser<H> xml(h);
  if (!zip.read(part, [&](std::string_view chunk) { xml.feed(chunk); })) return false;
  xml.finish();
  return true;
}

// ------------------------------------------------------------------------------------------ values

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
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

// OOXML escapes characters XML cannot hold as _xHHHH_ (e.g. _x000D_ for a carriage return);
// a literal "_x" is itself escaped as _x005F_.
std::string decodeEscapes(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      int v = 0;
      bool ok = true;
      for (std::size_t k = 2; k < 6; ++k) {
        const int h = hexValue(s[i + k]);
        if (h < 0) ok = false;
        v = v * 16 + (h < 0 ? 0 : h);
      }
      if (ok && !(v >= 0xD800 && v <= 0xDFFF)) {
        appendUtf8(out, static_cast<std::uint32_t>(v));
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

bool parseUnsigned(std::string_view s, std::size_t& out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::string_view trimAscii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

std::optional<double> parseDouble(std::string_view s) {
  s = trimAscii(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// "C12" → column 2 (0-based). std::nullopt when there are no letters or the column is past XFD.
std::optional<std::size_t> columnOf(std::string_view ref) {
  std::size_t col = 0, letters = 0;
  for (char c : ref) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++letters > 3) return std::nullopt;
  }
  if (letters == 0 || col > kExcelMaxColumns) return std::nullopt;
  return col - 1;
}


// ------------------------------------------------------------------------------------------ parts

struct Relationship {
  std::string type;  // last path segment of the Type URI: "worksheet", "styles", "sharedStrings", ...
  std::string target;
};

class RelsHandler : public Handler {
 public:
  using Handler::Handler;
  std::map<std::string, Relationship> rels;  // Id → relationship
  std::vector<std::string> order;

  void start_element(std::string_view elementName) {
    if (elementName != "Relationship") return;
    const auto id = attr("Id");
    const auto type = attr("Type");
    const auto target = attr("Target");
    const auto mode = attr("TargetMode");
    if (id && type && target && !(mode && *mode == "External")) {
      budget_.charge(2 * id->size() + type->size() + target->size() + 160);
      const auto slash = type->rfind('/');
      rels[std::string(*id)] = {std::string(slash == std::string_view::npos ? *type : type->substr(slash + 1)),
                                std::string(*target)};
      order.emplace_back(*id);
    }
  }
  void end_element(std::string_view) {}
  void characters(std::string_view) {}

  const Relationship* firstOfType(std::string_view type) const {
    for (const auto& id : order) {
      const auto& r = rels.at(id);
      if (r.type == type) return &r;
    }
    return nullptr;
  }
};

struct SheetEntry {
  std::string name;
  std::string relId;
  bool hidden = false;
};

class WorkbookHandler : public Handler {
 public:
  using Handler::Handler;
  std::vector<SheetEntry> sheets;
  bool date1904 = false;

  void start_element(std::string_view elementName) {
    if (elementName == "workbookPr") {
      if (const auto v = attr("date1904")) date1904 = *v == "1" || *v == "true";
    } else if (elementName == "sheet" && parent() == "sheets") {
      SheetEntry s;
      if (const auto v = attr("name")) s.name = *v;
      if (const auto v = attr("id", true)) s.relId = *v;
      if (const auto v = attr("state")) s.hidden = *v == "hidden" || *v == "veryHidden";
      budget_.charge(sizeof(SheetEntry) + s.name.size() + s.relId.size());
      sheets.push_back(std::move(s));
    }
  }
  void end_element(std::string_view) {}
  void characters(std::string_view) {}
};

class SharedStringsHandler : public Handler {
 public:
  using Handler::Handler;
  std::vector<std::string> strings;

  void start_element(std::string_view elementName) {
    if (elementName == "si") {
      cur_.clear();
      inSi_ = true;
    } else if (elementName == "rPh") {
      ++phonetic_;
    } else if (elementName == "t") {
      inText_ = inSi_ && phonetic_ == 0;
    }
  }
  void end_element(std::string_view elementName) {
    if (elementName == "t") {
      inText_ = false;
    } else if (elementName == "rPh") {
      if (phonetic_ > 0) --phonetic_;
    } else if (elementName == "si") {
      std::string s = decodeEscapes(std::move(cur_));
      checkCellLength(s);
      budget_.charge(sizeof(std::string) + s.size());
      strings.push_back(std::move(s));
      cur_.clear();
      inSi_ = false;
    }
  }
  void characters(std::string_view v) {
    if (inText_) appendRaw(cur_, v);
  }

 private:
  std::string cur_;
  bool inSi_ = false;
  bool inText_ = false;
  int phonetic_ = 0;
};

class StylesHandler : public Handler {
 public:
  using Handler::Handler;
  std::map<int, std::string> customFormats;  // numFmtId → formatCode
  std::vector<int> cellXfNumFmt;             // cellXfs index → numFmtId

  void start_element(std::string_view elementName) {
    if (elementName == "numFmt" && parent() == "numFmts") {
      const auto id = attr("numFmtId");
      const auto code = attr("formatCode");
      std::size_t v = 0;
      if (id && code && parseUnsigned(*id, v) && v < 100000) {
        budget_.charge(code->size() + 80);
        customFormats[static_cast<int>(v)] = *code;
      }
    } else if (elementName == "xf" && parent() == "cellXfs") {
      std::size_t v = 0;
      const auto id = attr("numFmtId");
      budget_.charge(sizeof(int) + sizeof(NumberFormatClass));
      cellXfNumFmt.push_back(id && parseUnsigned(*id, v) && v < 100000 ? static_cast<int>(v) : 0);
    }
  }
  void end_element(std::string_view) {}
  void characters(std::string_view) {}
};

class SheetHandler : public Handler {
 public:
  SheetHandler(Budget& budget, const std::vector<std::string>& sst, const std::vector<NumberFormatClass>& xfClass,
               bool date1904, std::size_t maxRows, std::size_t maxColumns)
      : Handler(budget), sst_(sst), xfClass_(xfClass), date1904_(date1904), maxRows_(maxRows), maxColumns_(maxColumns) {}

  std::vector<ReadRow> rows;

  void start_element(std::string_view name) {
    if (name == "row" && parent() == "sheetData") {
      std::size_t r = 0;
      if (const auto v = attr("r")) {
        if (!parseUnsigned(*v, r) || r == 0 || r > kExcelMaxRows) invalid("sheet: bad row number " + std::string(*v));
        row_ = r - 1;
      } else {
        row_ = started_ ? row_ + 1 : 0;
      }
      started_ = true;
      col_ = static_cast<std::size_t>(-1);
    } else if (name == "c" && parent() == "row") {
      if (const auto v = attr("r")) {
        auto c = columnOf(*v);
        if (!c) invalid("sheet: bad cell reference " + std::string(*v));
        col_ = *c;
      } else {
        ++col_;  // from -1 to 0 for the first cell of a row
      }
      if (col_ >= kExcelMaxColumns) invalid("sheet: column past XFD");
      type_.clear();
      if (const auto v = attr("t")) type_ = *v;
      style_ = 0;
      if (const auto v = attr("s")) {
        if (!parseUnsigned(*v, style_)) style_ = 0;
      }
      value_.clear();
      inline_.clear();
      hasInline_ = false;
      inCell_ = true;
    } else if (inCell_) {
      if (name == "is") {
        hasInline_ = true;
        inInline_ = true;
      } else if (name == "rPh") {
        ++phonetic_;
      }
    }
  }

  void end_element(std::string_view name) {
    if (inCell_) {
      if (name == "c") {
        finishCell();
        inCell_ = false;
      } else if (name == "is") {
        inInline_ = false;
      } else if (name == "rPh") {
        if (phonetic_ > 0) --phonetic_;
      }
    }
  }

  void characters(std::string_view v) {
    if (!inCell_) return;
    const std::string_view t = top();
    if (t == "v" && parent() == "c") appendRaw(value_, v);
    else if (t == "t" && inInline_ && phonetic_ == 0) appendRaw(inline_, v);
  }

 private:
  NumberFormatClass styleClass() const { return style_ < xfClass_.size() ? xfClass_[style_] : NumberFormatClass::general; }

  void finishCell() {
    ReadCell cell;
    if (type_ == "s") {
      std::size_t index = 0;
      if (!parseUnsigned(trimAscii(value_), index)) {
        if (trimAscii(value_).empty()) return;
        invalid("sheet: bad shared string index " + value_);
      }
      if (index >= sst_.size()) invalid("sheet: shared string index out of range");
      if (sst_[index].empty()) return;
      cell.kind = ReadCell::Kind::text;
      cell.text = sst_[index];
    } else if (type_ == "inlineStr") {
      std::string text = hasInline_ ? std::move(inline_) : std::move(value_);
      if (text.empty()) return;
      cell.kind = ReadCell::Kind::text;
      cell.text = decodeEscapes(std::move(text));
    } else if (type_ == "str" || type_ == "e") {
      if (value_.empty()) return;
      cell.kind = ReadCell::Kind::text;
      cell.text = type_ == "str" ? decodeEscapes(std::move(value_)) : std::move(value_);
    } else if (type_ == "b") {
      const std::string_view v = trimAscii(value_);
      if (v.empty()) return;
      const bool b = v == "1" || v == "true";
      cell.kind = ReadCell::Kind::boolean;
      cell.text = b ? "TRUE" : "FALSE";
      cell.number = b ? 1 : 0;
    } else if (type_ == "d") {
      const std::string_view v = trimAscii(value_);
      if (v.empty()) return;
      makeIsoDate(v, cell);
    } else {  // "n" or absent
      const std::string_view v = trimAscii(value_);
      if (v.empty()) return;
      auto number = parseDouble(v);
      if (!number) {
        cell.kind = ReadCell::Kind::text;
        cell.text = std::string(v);
      } else {
        cell.number = *number;
        const NumberFormatClass cls = styleClass();
        std::optional<std::string> date;
        if (cls == NumberFormatClass::date || cls == NumberFormatClass::datetime)
          date = dateFromExcelSerial(*number, cls == NumberFormatClass::datetime, date1904_);
        if (date) {
          cell.kind = ReadCell::Kind::date;
          cell.text = std::move(*date);
        } else {
          cell.kind = ReadCell::Kind::number;
          cell.text = formatExcelNumber(*number);
        }
      }
    }
    checkCellLength(cell.text);
    place(std::move(cell));
  }

  // t="d": ISO 8601 "2024-01-31" or "2024-01-31T08:30:00[.000][Z]".
  void makeIsoDate(std::string_view v, ReadCell& cell) {
    const std::string day(v.substr(0, std::min<std::size_t>(10, v.size())));
    auto serial = excelSerialFromDate(day);
    if (!serial) {
      cell.kind = ReadCell::Kind::text;
      cell.text = std::string(v);
      return;
    }
    int h = 0, m = 0, s = 0;
    if (v.size() >= 19 && v[10] == 'T') {
      h = std::atoi(std::string(v.substr(11, 2)).c_str());
      m = std::atoi(std::string(v.substr(14, 2)).c_str());
      s = std::atoi(std::string(v.substr(17, 2)).c_str());
    }
    cell.kind = ReadCell::Kind::date;
    cell.number = *serial + (h * 3600 + m * 60 + s) / 86400.0;
    const bool withTime = styleClass() == NumberFormatClass::datetime || h || m || s;
    cell.text = dateFromExcelSerial(cell.number, withTime).value_or(day);
  }

  void place(ReadCell&& cell) {
    if (row_ + 1 > maxRows_) throw XlsxError("超过最大行数 " + std::to_string(maxRows_), "row " + std::to_string(row_ + 1));
    if (col_ + 1 > maxColumns_)
      throw XlsxError("超过最大列数 " + std::to_string(maxColumns_), "column " + std::to_string(col_ + 1));
    // Memory as the vectors take it: a cell far to the right costs the whole row up to it.
    if (rows.size() < row_ + 1) {
      const std::size_t before = rows.capacity();
      rows.resize(row_ + 1);
      budget_.charge((rows.capacity() - before) * sizeof(ReadRow));
    }
    ReadRow& r = rows[row_];
    if (r.size() < col_ + 1) {
      const std::size_t before = r.capacity();
      r.resize(col_ + 1);
      budget_.charge((r.capacity() - before) * sizeof(ReadCell));
    }
    if (cell.text.size() >= sizeof(std::string)) budget_.charge(cell.text.size() + 1);
    r[col_] = std::move(cell);
  }

  const std::vector<std::string>& sst_;
  const std::vector<NumberFormatClass>& xfClass_;
  bool date1904_;
  std::size_t maxRows_, maxColumns_;

  bool started_ = false;
  std::size_t row_ = 0;
  std::size_t col_ = 0;
  bool inCell_ = false;
  bool inInline_ = false;
  bool hasInline_ = false;
  int phonetic_ = 0;
  std::string type_;
  std::size_t style_ = 0;
  std::string value_;
  std::string inline_;
};

// Resolves a relationship target against the folder of the part that owns the relationships.
std::string resolvePart(const std::string& baseDir, const std::string& target) {
  std::string path = !target.empty() && target[0] == '/' ? target.substr(1) : baseDir + target;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string dirOf(const std::string& part) {
  const auto slash = part.rfind('/');
  return slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
}

std::string relsOf(const std::string& part) {
  const auto slash = part.rfind('/');
  const std::string dir = slash == std::string::npos ? std::string() : part.substr(0, slash + 1);
  const std::string file = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + file + ".rels";
}

}  // namespace

// ------------------------------------------------------------------------------------------ formats

NumberFormatClass classifyBuiltinNumberFormat(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
    return NumberFormatClass::date;
  if (id == 22) return NumberFormatClass::datetime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
    return NumberFormatClass::time;
  return NumberFormatClass::general;
}

NumberFormatClass classifyNumberFormatCode(std::string_view code) {
  if (iequals(trimAscii(code), "General") || iequals(trimAscii(code), "@")) return NumberFormatClass::general;
  bool date = false, time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;  // first section (positive numbers) only
    if (c == '"') {       // quoted literal
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
      continue;
    }
    if (c == '\\' || c == '_' || c == '*') {  // escaped character, padding, fill
      ++i;
      continue;
    }
    if (c == '[') {  // [Red], [$-804], [DBNum1] are not date parts; [h] [mm] [ss] are elapsed time
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string inner = lower(code.substr(i + 1, close - i - 1));
      if (!inner.empty() && inner.find_first_not_of("hms") == std::string::npos) time = true;
      i = close;
      continue;
    }
    switch (c) {
      case 'y': case 'Y': case 'd': case 'D':
        date = true;
        break;
      case 'h': case 'H': case 's': case 'S':
        time = true;
        break;
      case 'm': case 'M':
        // month or minute: decided below by what else the code shows
        break;
      case 'e': case 'E':
        // "e" is the era year in Chinese/Japanese formats, but "E+"/"E-" is scientific notation
        if (i + 1 < code.size() && (code[i + 1] == '+' || code[i + 1] == '-')) ++i;
        else date = true;
        break;
      case 'g': case 'G':
        // "General" inside a section with other text, e.g. "General\"件\""
        if (iequals(code.substr(i, 7), "General")) i += 6;
        break;
      default:
        break;
    }
  }
  if (!date && !time) {
    // Only "m": a month (e.g. "m月").
    for (std::size_t i = 0; i < code.size() && code[i] != ';'; ++i) {
      if (code[i] == '"') {
        const auto close = code.find('"', i + 1);
        if (close == std::string_view::npos) break;
        i = close;
      } else if (code[i] == '[') {
        const auto close = code.find(']', i + 1);
        if (close == std::string_view::npos) break;
        i = close;
      } else if (code[i] == '\\' || code[i] == '_' || code[i] == '*') {
        ++i;
      } else if (code[i] == 'm' || code[i] == 'M') {
        return NumberFormatClass::date;
      }
    }
    return NumberFormatClass::general;
  }
  if (date && time) return NumberFormatClass::datetime;
  return date ? NumberFormatClass::date : NumberFormatClass::time;
}

// ------------------------------------------------------------------------------------------ reader

const ReadCell& ReadSheet::cell(std::size_t row, std::size_t col) const {
  static const ReadCell empty;
  if (row >= rows.size() || col >= rows[row].size()) return empty;
  return rows[row][col];
}

XlsxReader::XlsxReader(std::size_t maxRows, std::size_t maxColumns)
    : maxRows_(std::min(maxRows, kExcelMaxRows)), maxColumns_(std::min(maxColumns, kExcelMaxColumns)) {}

ReadSheet XlsxReader::readFirstSheet(std::string_view data) const { return read(data, nullptr); }

ReadSheet XlsxReader::readSheet(std::string_view data, std::string_view sheetName) const {
  return read(data, &sheetName);
}

ReadSheet XlsxReader::read(std::string_view data, const std::string_view* sheetName) const {
  try {
    ZipReader zip(data, kMaxPartBytes, kMaxTotalBytes);
    Budget budget;

    // Workbook part: from the package relationships, else the usual name.
    std::string workbookPart = "xl/workbook.xml";
    {
      RelsHandler h(budget);
      if (parsePart(zip, "_rels/.rels", h))
        if (const Relationship* r = h.firstOfType("officeDocument")) workbookPart = resolvePart("", r->target);
    }
    WorkbookHandler wb(budget);
    if (!parsePart(zip, workbookPart, wb)) invalid("no workbook part " + workbookPart);

    RelsHandler wbRels(budget);
    parsePart(zip, relsOf(workbookPart), wbRels);
    const std::string base = dirOf(workbookPart);

    // The named sheet, or the first visible worksheet (else the first worksheet).
    const SheetEntry* chosen = nullptr;
    std::string sheetPart;
    for (int pass = 0; pass < 2 && !chosen; ++pass) {
      for (std::size_t i = 0; i < wb.sheets.size(); ++i) {
        const SheetEntry& s = wb.sheets[i];
        if (sheetName ? s.name != *sheetName : pass == 0 && s.hidden) continue;
        auto it = wbRels.rels.find(s.relId);
        std::string part;
        if (it != wbRels.rels.end()) {
          if (it->second.type != "worksheet") continue;  // a chart sheet, a dialog sheet
          part = resolvePart(base, it->second.target);
        } else if (wbRels.rels.empty()) {
          part = base + "worksheets/sheet" + std::to_string(i + 1) + ".xml";
        }
        if (!part.empty() && zip.has(part)) {
          chosen = &s;
          sheetPart = part;
          break;
        }
      }
    }
    if (!chosen && sheetName) throw XlsxError("文件中没有名为「" + std::string(*sheetName) + "」的工作表");
    if (!chosen) invalid("no worksheet");

    // Shared strings and styles.
    std::vector<std::string> sst;
    {
      const Relationship* r = wbRels.firstOfType("sharedStrings");
      const std::string part = r ? resolvePart(base, r->target) : base + "sharedStrings.xml";
      SharedStringsHandler h(budget);
      if (parsePart(zip, part, h)) sst = std::move(h.strings);
    }
    std::vector<NumberFormatClass> xfClass;
    {
      const Relationship* r = wbRels.firstOfType("styles");
      const std::string part = r ? resolvePart(base, r->target) : base + "styles.xml";
      StylesHandler h(budget);
      if (parsePart(zip, part, h)) {
        xfClass.reserve(h.cellXfNumFmt.size());
        for (int id : h.cellXfNumFmt) {
          auto custom = h.customFormats.find(id);
          xfClass.push_back(custom != h.customFormats.end() ? classifyNumberFormatCode(custom->second)
                                                            : classifyBuiltinNumberFormat(id));
        }
      }
    }

    ReadSheet out;
    out.name = chosen->name;
    {
      SheetHandler h(budget, sst, xfClass, wb.date1904, maxRows_, maxColumns_);
      parsePart(zip, sheetPart, h);
      out.rows = std::move(h.rows);
    }
    return out;
  } catch (const XlsxError&) {
    throw;
  } catch (const std::bad_alloc&) {
    tooLarge("out of memory");
  } catch (const std::exception& e) {
    invalid(e.what());
  }
}

}  // namespace baoan::io
