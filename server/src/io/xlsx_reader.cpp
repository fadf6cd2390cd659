#include "io/xlsx_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include <orcus/zip_archive.hpp>
#include <orcus/zip_archive_stream.hpp>

namespace baoan::io {

namespace {

constexpr std::size_t kMaxPartBytes = 256u << 20;    // one XML part, uncompressed
constexpr std::size_t kMaxTotalBytes = 256u << 20;   // all parts read, uncompressed
constexpr std::size_t kExcelMaxRows = 1048576;
constexpr std::size_t kExcelMaxColumns = 16384;

constexpr const char* kOle2Message =
    "文件不是有效的 Excel(.xlsx) 文件,可能是旧版 .xls 格式或设置了打开密码,请另存为不加密的 .xlsx 文件后重新上传";
constexpr const char* kTooLargeMessage = "文件内容过大,请分批导入";

[[noreturn]] void invalid(std::string detail) { throw XlsxError(std::string(kXlsxInvalidMessage), std::move(detail)); }

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

// ------------------------------------------------------------------------------------------ zip

// The zip's structure is checked here before liborcus reads it, so that liborcus (which trusts the
// central directory) only ever sees offsets and sizes inside the buffer, and sizes are capped.
class Archive {
 public:
  explicit Archive(std::string_view data)
      : data_(data), stream_(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()) {
    index();
    archive_ = std::make_unique<orcus::zip_archive>(&stream_);
    try {
      archive_->load();
    } catch (const std::exception& e) {
      invalid(std::string("zip: ") + e.what());
    }
  }

  bool has(const std::string& name) const { return find(name) != nullptr; }

  // The part's bytes, or std::nullopt when there is no such part (names compared case-insensitively).
  std::optional<std::vector<unsigned char>> read(const std::string& name) {
    const Entry* e = find(name);
    if (!e) return std::nullopt;
    if (e->uncompressed > kMaxPartBytes || totalRead_ + e->uncompressed > kMaxTotalBytes)
      throw XlsxError(kTooLargeMessage, name + ": " + std::to_string(e->uncompressed) + " bytes");
    totalRead_ += e->uncompressed;
    std::vector<unsigned char> buf;
    bool ok = false;
    try {
      ok = archive_->read_file_entry(e->name, buf);
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& ex) {
      invalid(name + ": " + ex.what());
    }
    if (!ok) invalid(name + ": cannot be read");
    if (buf.size() > e->uncompressed) buf.resize(e->uncompressed);
    return buf;
  }

 private:
  struct Entry {
    std::string name;
    std::uint32_t compressed = 0;
    std::uint32_t uncompressed = 0;
  };

  std::uint16_t u16(std::size_t p) const {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(data_[p]) |
                                      (static_cast<unsigned char>(data_[p + 1]) << 8));
  }
  std::uint32_t u32(std::size_t p) const {
    return static_cast<std::uint32_t>(u16(p)) | (static_cast<std::uint32_t>(u16(p + 2)) << 16);
  }

  const Entry* find(const std::string& name) const {
    auto it = byLowerName_.find(lower(name));
    return it == byLowerName_.end() ? nullptr : &entries_[it->second];
  }

  void index() {
    const std::size_t n = data_.size();
    static const unsigned char ole2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (n >= sizeof ole2 && std::memcmp(data_.data(), ole2, sizeof ole2) == 0)
      throw XlsxError(kOle2Message, "OLE2 compound file (.xls or encrypted .xlsx)");
    if (n < 30 || u32(0) != 0x04034b50) invalid("not a zip file");

    // End of central directory: the signature nearest to the end (as liborcus looks for it).
    std::size_t eocd = std::string_view::npos;
    const std::size_t lowest = n > 4 + 22 + 0xFFFF ? n - 4 - 22 - 0xFFFF : 0;
    for (std::size_t p = n - 4;; --p) {
      if (u32(p) == 0x06054b50) {
        eocd = p;
        break;
      }
      if (p == lowest) break;
    }
    if (eocd == std::string_view::npos || eocd + 22 > n) invalid("zip: no end of central directory");
    if (u16(eocd + 4) != 0 || u16(eocd + 6) != 0 || u16(eocd + 8) != u16(eocd + 10)) invalid("zip: multi-disk");
    const std::size_t count = u16(eocd + 10);
    const std::uint32_t cdSize = u32(eocd + 12);
    const std::uint32_t cdOffset = u32(eocd + 16);
    if (count == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) invalid("zip: ZIP64 not supported");
    if (static_cast<std::size_t>(cdOffset) + cdSize > eocd) invalid("zip: central directory out of range");

    std::size_t p = cdOffset;
    const std::size_t cdEnd = static_cast<std::size_t>(cdOffset) + cdSize;
    for (std::size_t i = 0; i < count; ++i) {
      if (p + 46 > cdEnd || u32(p) != 0x02014b50) invalid("zip: bad central directory entry");
      const std::uint16_t flags = u16(p + 8);
      const std::uint16_t method = u16(p + 10);
      const std::uint32_t compressed = u32(p + 20);
      const std::uint32_t uncompressed = u32(p + 24);
      const std::size_t nameLen = u16(p + 28);
      const std::size_t extraLen = u16(p + 30);
      const std::size_t commentLen = u16(p + 32);
      const std::uint32_t local = u32(p + 42);
      if (p + 46 + nameLen + extraLen + commentLen > cdEnd) invalid("zip: central directory entry out of range");
      std::string name(data_.substr(p + 46, nameLen));
      if (flags & 1) throw XlsxError(kOle2Message, "zip: encrypted entry " + name);
      if (method != 0 && method != 8) invalid("zip: compression method " + std::to_string(method) + " of " + name);
      if (compressed == 0xFFFFFFFF || uncompressed == 0xFFFFFFFF) invalid("zip: ZIP64 not supported");
      if (method == 0 && compressed != uncompressed) invalid("zip: stored entry sizes differ: " + name);
      // Deflate cannot expand more than ~1032 times: a larger claim is a forged size.
      if (method == 8 && uncompressed > 1032ull * compressed + 1024) invalid("zip: impossible ratio: " + name);
      if (static_cast<std::size_t>(local) + 30 > n || u32(local) != 0x04034b50) invalid("zip: bad local header: " + name);
      const std::size_t dataStart = static_cast<std::size_t>(local) + 30 + u16(local + 26) + u16(local + 28);
      if (dataStart + compressed > n) invalid("zip: entry data out of range: " + name);
      const std::string key = lower(name);
      if (byLowerName_.count(key)) invalid("zip: duplicate entry " + name);
      byLowerName_.emplace(key, entries_.size());
      entries_.push_back({std::move(name), compressed, uncompressed});
      p += 46 + nameLen + extraLen + commentLen;
    }
    // liborcus reads entries for as long as it finds the signature: make sure it stops where we did.
    if (p + 4 <= n && u32(p) == 0x02014b50) invalid("zip: entry count mismatch");
  }

  std::string_view data_;
  orcus::zip_archive_stream_blob stream_;
  std::unique_ptr<orcus::zip_archive> archive_;
  std::vector<Entry> entries_;
  std::map<std::string, std::size_t> byLowerName_;
  std::size_t totalRead_ = 0;
};

// ------------------------------------------------------------------------------------------ XML

struct Attr {
  std::string_view ns;    // prefix ("r" of r:id), "" when none
  std::string_view name;  // local name
  std::string value;      // entities decoded
};

// Common part of the part handlers: element stack (local names; namespace prefixes are ignored, the
// parts are read by element name) and the attributes of the element being opened.
class Handler {
 public:
  void attribute(Attr&& a) { attrs_.push_back(std::move(a)); }

 protected:
  // Unprefixed attribute (or, with prefixed = true, one with any prefix, e.g. r:id).
  const std::string* attr(std::string_view name, bool prefixed = false) const {
    for (const Attr& a : attrs_)
      if (a.name == name && (prefixed ? !a.ns.empty() : a.ns.empty())) return &a.value;
    return nullptr;
  }
  std::string_view parent() const { return stack_.size() >= 2 ? stack_[stack_.size() - 2] : std::string_view(); }
  void push(std::string_view name) { stack_.push_back(name); }
  void pop() {
    if (!stack_.empty()) stack_.pop_back();
    attrs_.clear();
  }
  std::string_view top() const { return stack_.empty() ? std::string_view() : stack_.back(); }

  std::vector<Attr> attrs_;
  std::vector<std::string_view> stack_;
};

void appendUtf8(std::string& out, std::uint32_t cp);

// A strict, bounds-checked XML scanner for the OOXML parts: elements, attributes, text, the five
// predefined entities and character references, CDATA, comments and processing instructions.
// DOCTYPE (and with it any custom entity) is refused. Every read is checked against the end of the
// buffer; any malformation (unclosed tag, mismatched end tag, bad entity, truncated file) throws.
// (liborcus 0.17's sax_parser was used first: on some truncated input it runs past the end of the
// buffer and crashes, found by fuzzing.) Callbacks: h.attribute(Attr&&) for each attribute, then
// h.start_element(localName); h.end_element(localName); h.characters(text) for text in elements.
class XmlScanner {
 public:
  XmlScanner(const char* data, std::size_t size) : p_(data), n_(size) {}

  template <class H>
  void parse(H& h) {
    if (n_ >= 3 && static_cast<unsigned char>(p_[0]) == 0xEF && static_cast<unsigned char>(p_[1]) == 0xBB &&
        static_cast<unsigned char>(p_[2]) == 0xBF)
      i_ = 3;
    bool rootSeen = false;
    std::string text;
    while (i_ < n_) {
      if (p_[i_] != '<') {
        const std::size_t lt = find('<');
        const std::string_view raw(p_ + i_, (lt == npos ? n_ : lt) - i_);
        i_ = lt == npos ? n_ : lt;
        if (stack_.empty()) {
          if (raw.find_first_not_of(" \t\r\n") != std::string_view::npos) fail("text outside the root element");
          continue;
        }
        h.characters(decode(raw, text, false));
        continue;
      }
      if (startsWith("<?")) {
        skipPast("?>");
      } else if (startsWith("<!--")) {
        skipPast("-->");
      } else if (startsWith("<![CDATA[")) {
        const std::size_t start = i_ + 9;
        i_ = start;
        skipPast("]]>");
        if (stack_.empty()) fail("CDATA outside the root element");
        h.characters(std::string_view(p_ + start, i_ - 3 - start));
      } else if (startsWith("<!")) {
        fail("DOCTYPE and other declarations are not allowed");
      } else if (startsWith("</")) {
        i_ += 2;
        const std::string_view qname = name();
        skipSpace();
        expect('>');
        if (stack_.empty() || stack_.back() != qname) fail("mismatched end tag");
        stack_.pop_back();
        h.end_element(localName(qname));
      } else {
        if (stack_.empty() && rootSeen) fail("second root element");
        ++i_;
        const std::string_view qname = name();
        bool selfClosing = false;
        while (true) {
          skipSpace();
          if (i_ >= n_) fail("unclosed start tag");
          if (p_[i_] == '/') {
            ++i_;
            expect('>');
            selfClosing = true;
            break;
          }
          if (p_[i_] == '>') {
            ++i_;
            break;
          }
          const std::string_view attrName = name();
          skipSpace();
          expect('=');
          skipSpace();
          if (i_ >= n_ || (p_[i_] != '"' && p_[i_] != '\'')) fail("attribute value without quotes");
          const char quote = p_[i_++];
          const std::size_t close = find(quote);
          if (close == npos) fail("unclosed attribute value");
          const std::string_view raw(p_ + i_, close - i_);
          if (raw.find('<') != std::string_view::npos) fail("'<' in an attribute value");
          i_ = close + 1;
          std::string scratch;
          std::string value(decode(raw, scratch, true));
          const auto colon = attrName.find(':');
          h.attribute(Attr{colon == std::string_view::npos ? std::string_view() : attrName.substr(0, colon),
                           colon == std::string_view::npos ? attrName : attrName.substr(colon + 1), std::move(value)});
        }
        rootSeen = true;
        if (stack_.size() >= kMaxDepth) fail("elements nested too deeply");
        stack_.push_back(qname);
        h.start_element(localName(qname));
        if (selfClosing) {
          stack_.pop_back();
          h.end_element(localName(qname));
        }
      }
    }
    if (!rootSeen || !stack_.empty()) fail("truncated document");
  }

 private:
  static constexpr std::size_t npos = std::string_view::npos;
  static constexpr std::size_t kMaxDepth = 256;

  [[noreturn]] void fail(const char* what) const {
    throw std::runtime_error(std::string("xml: ") + what + " at byte " + std::to_string(i_));
  }
  std::size_t find(char c) const {
    const void* hit = std::memchr(p_ + i_, c, n_ - i_);
    return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - p_) : npos;
  }
  bool startsWith(std::string_view s) const { return n_ - i_ >= s.size() && std::string_view(p_ + i_, s.size()) == s; }
  void skipPast(std::string_view end) {
    const std::string_view rest(p_ + i_, n_ - i_);
    const std::size_t at = rest.find(end);
    if (at == npos) fail("unterminated markup");
    i_ += at + end.size();
  }
  void skipSpace() {
    while (i_ < n_ && (p_[i_] == ' ' || p_[i_] == '\t' || p_[i_] == '\r' || p_[i_] == '\n')) ++i_;
  }
  void expect(char c) {
    if (i_ >= n_ || p_[i_] != c) fail("unexpected character");
    ++i_;
  }
  // An XML name: anything up to whitespace or markup characters (the parts are not validated further).
  std::string_view name() {
    const std::size_t start = i_;
    while (i_ < n_) {
      const char c = p_[i_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' || c == '>' || c == '=' || c == '<' ||
          c == '"' || c == '\'' || c == '&')
        break;
      ++i_;
    }
    if (i_ == start) fail("name expected");
    return std::string_view(p_ + start, i_ - start);
  }
  static std::string_view localName(std::string_view qname) {
    const auto colon = qname.find(':');
    return colon == npos ? qname : qname.substr(colon + 1);
  }
  // Entities and line ends (CR LF / CR → LF; in attributes tab / LF → space). Returns raw itself when
  // there is nothing to change, else the decoded copy held in buf.
  std::string_view decode(std::string_view raw, std::string& buf, bool attribute) const {
    if (raw.find_first_of(attribute ? "&\r\n\t" : "&\r") == npos) return raw;
    buf.clear();
    buf.reserve(raw.size());
    for (std::size_t k = 0; k < raw.size(); ++k) {
      const char c = raw[k];
      if (c == '\r') {
        if (k + 1 < raw.size() && raw[k + 1] == '\n') ++k;
        buf += attribute ? ' ' : '\n';
      } else if (attribute && (c == '\n' || c == '\t')) {
        buf += ' ';
      } else if (c == '&') {
        const std::size_t semi = raw.find(';', k + 1);
        if (semi == npos || semi - k > 12) fail("bad entity");
        const std::string_view ent = raw.substr(k + 1, semi - k - 1);
        if (ent == "lt") buf += '<';
        else if (ent == "gt") buf += '>';
        else if (ent == "amp") buf += '&';
        else if (ent == "quot") buf += '"';
        else if (ent == "apos") buf += '\'';
        else if (ent.size() >= 2 && ent[0] == '#') {
          std::uint32_t cp = 0;
          const bool hex = ent[1] == 'x' || ent[1] == 'X';
          const std::string_view digits = ent.substr(hex ? 2 : 1);
          auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
          if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size()) fail("bad character reference");
          if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
          appendUtf8(buf, cp);
        } else {
          fail("unknown entity");
        }
        k = semi;
      } else {
        buf += c;
      }
    }
    return buf;
  }

  const char* p_;
  std::size_t n_;
  std::size_t i_ = 0;
  std::vector<std::string_view> stack_;
};

template <class H>
void parseXml(const std::vector<unsigned char>& buf, H& handler) {
  XmlScanner(reinterpret_cast<const char*>(buf.data()), buf.size()).parse(handler);
}

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
  std::map<std::string, Relationship> rels;  // Id → relationship
  std::vector<std::string> order;

  void start_element(std::string_view elementName) {
    push(elementName);
    if (elementName == "Relationship") {
      const std::string* id = attr("Id");
      const std::string* type = attr("Type");
      const std::string* target = attr("Target");
      const std::string* mode = attr("TargetMode");
      if (id && type && target && !(mode && *mode == "External")) {
        const auto slash = type->rfind('/');
        rels[*id] = {slash == std::string::npos ? *type : type->substr(slash + 1), *target};
        order.push_back(*id);
      }
    }
    attrs_.clear();
  }
  void end_element(std::string_view) { pop(); }
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
  std::vector<SheetEntry> sheets;
  bool date1904 = false;

  void start_element(std::string_view elementName) {
    push(elementName);
    if (elementName == "workbookPr") {
      if (const std::string* v = attr("date1904")) date1904 = *v == "1" || *v == "true";
    } else if (elementName == "sheet" && parent() == "sheets") {
      SheetEntry s;
      if (const std::string* v = attr("name")) s.name = *v;
      if (const std::string* v = attr("id", true)) s.relId = *v;
      if (const std::string* v = attr("state")) s.hidden = *v == "hidden" || *v == "veryHidden";
      sheets.push_back(std::move(s));
    }
    attrs_.clear();
  }
  void end_element(std::string_view) { pop(); }
  void characters(std::string_view) {}
};

class SharedStringsHandler : public Handler {
 public:
  std::vector<std::string> strings;

  void start_element(std::string_view elementName) {
    push(elementName);
    if (elementName == "si") {
      cur_.clear();
      inSi_ = true;
    } else if (elementName == "rPh") {
      ++phonetic_;
    } else if (elementName == "t") {
      inText_ = inSi_ && phonetic_ == 0;
    }
    attrs_.clear();
  }
  void end_element(std::string_view elementName) {
    if (elementName == "t") {
      inText_ = false;
    } else if (elementName == "rPh") {
      if (phonetic_ > 0) --phonetic_;
    } else if (elementName == "si") {
      strings.push_back(decodeEscapes(std::move(cur_)));
      cur_.clear();
      inSi_ = false;
    }
    pop();
  }
  void characters(std::string_view v) {
    if (inText_) cur_.append(v);
  }

 private:
  std::string cur_;
  bool inSi_ = false;
  bool inText_ = false;
  int phonetic_ = 0;
};

class StylesHandler : public Handler {
 public:
  std::map<int, std::string> customFormats;  // numFmtId → formatCode
  std::vector<int> cellXfNumFmt;             // cellXfs index → numFmtId

  void start_element(std::string_view elementName) {
    push(elementName);
    if (elementName == "numFmt" && parent() == "numFmts") {
      const std::string* id = attr("numFmtId");
      const std::string* code = attr("formatCode");
      std::size_t v = 0;
      if (id && code && parseUnsigned(*id, v) && v < 100000) customFormats[static_cast<int>(v)] = *code;
    } else if (elementName == "xf" && parent() == "cellXfs") {
      std::size_t v = 0;
      const std::string* id = attr("numFmtId");
      cellXfNumFmt.push_back(id && parseUnsigned(*id, v) && v < 100000 ? static_cast<int>(v) : 0);
    }
    attrs_.clear();
  }
  void end_element(std::string_view) { pop(); }
  void characters(std::string_view) {}
};

class SheetHandler : public Handler {
 public:
  SheetHandler(const std::vector<std::string>& sst, const std::vector<NumberFormatClass>& xfClass, bool date1904,
               std::size_t maxRows, std::size_t maxColumns)
      : sst_(sst), xfClass_(xfClass), date1904_(date1904), maxRows_(maxRows), maxColumns_(maxColumns) {}

  std::vector<ReadRow> rows;

  void start_element(std::string_view name) {
    push(name);
    if (name == "row" && parent() == "sheetData") {
      std::size_t r = 0;
      if (const std::string* v = attr("r")) {
        if (!parseUnsigned(*v, r) || r == 0 || r > kExcelMaxRows) invalid("sheet: bad row number " + *v);
        row_ = r - 1;
      } else {
        row_ = started_ ? row_ + 1 : 0;
      }
      started_ = true;
      col_ = static_cast<std::size_t>(-1);
    } else if (name == "c" && parent() == "row") {
      if (const std::string* v = attr("r")) {
        auto c = columnOf(*v);
        if (!c) invalid("sheet: bad cell reference " + *v);
        col_ = *c;
      } else {
        ++col_;  // from -1 to 0 for the first cell of a row
      }
      if (col_ >= kExcelMaxColumns) invalid("sheet: column past XFD");
      type_.clear();
      if (const std::string* v = attr("t")) type_ = *v;
      style_ = 0;
      if (const std::string* v = attr("s")) {
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
    attrs_.clear();
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
    pop();
  }

  void characters(std::string_view v) {
    if (!inCell_) return;
    const std::string_view t = top();
    if (t == "v" && parent() == "c") value_.append(v);
    else if (t == "t" && inInline_ && phonetic_ == 0) inline_.append(v);
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
    if (rows.size() < row_ + 1) rows.resize(row_ + 1);
    ReadRow& r = rows[row_];
    if (r.size() < col_ + 1) r.resize(col_ + 1);
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
    Archive zip(data);

    // Workbook part: from the package relationships, else the usual name.
    std::string workbookPart = "xl/workbook.xml";
    if (auto rootRels = zip.read("_rels/.rels")) {
      RelsHandler h;
      parseXml(*rootRels, h);
      if (const Relationship* r = h.firstOfType("officeDocument")) workbookPart = resolvePart("", r->target);
    }
    auto workbookXml = zip.read(workbookPart);
    if (!workbookXml) invalid("no workbook part " + workbookPart);
    WorkbookHandler wb;
    parseXml(*workbookXml, wb);
    workbookXml.reset();

    RelsHandler wbRels;
    if (auto relsXml = zip.read(relsOf(workbookPart))) parseXml(*relsXml, wbRels);
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
      if (auto xml = zip.read(part)) {
        SharedStringsHandler h;
        parseXml(*xml, h);
        sst = std::move(h.strings);
      }
    }
    std::vector<NumberFormatClass> xfClass;
    {
      const Relationship* r = wbRels.firstOfType("styles");
      const std::string part = r ? resolvePart(base, r->target) : base + "styles.xml";
      if (auto xml = zip.read(part)) {
        StylesHandler h;
        parseXml(*xml, h);
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
      auto xml = zip.read(sheetPart);
      SheetHandler h(sst, xfClass, wb.date1904, maxRows_, maxColumns_);
      parseXml(*xml, h);
      out.rows = std::move(h.rows);
    }
    return out;
  } catch (const XlsxError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw XlsxError(kTooLargeMessage, "out of memory");
  } catch (const std::exception& e) {
    invalid(e.what());
  }
}

}  // namespace baoan::io
