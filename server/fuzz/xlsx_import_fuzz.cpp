// libFuzzer target over the spreadsheet import path: the bytes of an upload → io::XlsxReader (zip,
// XML) → io::ImportTable with the guard import's columns → the guard form's rules on every row → the
// JSON of the rows and of the error report, as POST /api/v1/portal/guards/import does it
// (modules/industry/guard_import.cpp), without the database.
//
// What counts as a failure: a sanitizer report (ASan, UBSan), a crash, an exception other than
// io::XlsxError out of the reader or any exception after it (the API would answer 500), a reader
// result that breaks its contract (see checkSheet), a hang (-timeout) or too much memory
// (-rss_limit_mb / -malloc_limit_mb). Built and run by server/fuzz/run.sh.
//
// Mutation: a random byte mutation of a zip almost never survives its CRC-32 and deflate, so most
// mutations (LLVMFuzzerCustomMutator below) open the zip, mutate one XML part with libFuzzer's own
// mutator (which also inserts the tokens of xlsx.dict) — half of the time only one text node or
// attribute value of it — and write the zip again with right sizes and CRCs; the others mutate the
// raw bytes, for the zip layer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>

#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "io/import_table.h"
#include "modules/industry/guard_import_columns.h"
#include "io/xlsx_reader.h"
#include "io/zip_reader.h"

using namespace baoan;

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

namespace {

// The guard import's own columns and example row (modules/industry/guard_import_columns.h).
constexpr std::size_t kMaxRows = industry::kGuardImportMaxRows + 1;
const std::vector<io::ImportColumn>& importColumns() { return industry::guardImportColumns(); }
std::vector<io::Cell> exampleRow() { return industry::guardImportExampleRow(); }

[[noreturn]] void broken(const char* what) {
  std::fprintf(stderr, "contract broken: %s\n", what);
  std::abort();
}

bool validUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0, n = s.size();
  while (i < n) {
    const unsigned c = p[i];
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

// What the reader promises about a sheet it returns.
void checkSheet(const io::ReadSheet& sheet) {
  if (sheet.rows.size() > kMaxRows) broken("more rows than allowed");
  if (!validUtf8(sheet.name)) broken("sheet name not UTF-8");
  for (const io::ReadRow& row : sheet.rows) {
    if (row.size() > 256) broken("more columns than allowed");
    for (const io::ReadCell& c : row) {
      if (c.empty()) {
        if (!c.text.empty()) broken("empty cell with text");
        continue;
      }
      if (c.text.empty()) broken("non-empty cell without text");
      if (!validUtf8(c.text)) broken("cell text not UTF-8");
      if (c.kind == io::ReadCell::Kind::date && c.text.size() != 10 && c.text.size() != 19) broken("date text");
      if (c.kind == io::ReadCell::Kind::boolean && c.text != "TRUE" && c.text != "FALSE") broken("boolean text");
    }
  }
}

// The guard form's rules that only need the row (GuardService::readPerson and importGuards).
void validateRow(const io::ImportRow& r, io::ImportErrors& errors) {
  const nlohmann::json body = r.toJson();
  (void)body.dump();  // what the API would serialise: throws on invalid UTF-8
  FieldErrors fe;
  core::Form form(body, fe);
  form.text("name", "姓名", {true, 20});
  const std::string id = form.text("idNo", "身份证号", {true, 18});
  if (!id.empty() && !fe.has("idNo")) {
    core::IdNumberInfo info;
    if (auto e = core::checkIdNumber(id, &info)) fe.add("idNo", "身份证号" + *e);
    else (void)core::ageOn(info.birthDate, "2026-12-01");
  }
  std::string normalized;
  const std::string mobile = form.text("mobile", "手机号", {true, 20});
  if (!mobile.empty() && !fe.has("mobile"))
    if (auto e = core::normalizeMobile(mobile, normalized)) fe.add("mobile", "手机号" + *e);
  form.optionalText("ethnicity", "民族", 10);
  form.optionalText("education", "学历", 30);
  form.optionalText("householdAddress", "户籍地址", 200);
  form.optionalText("currentAddress", "现住址", 200);
  form.optionalText("certificateNo", "保安员证编号", 20);
  for (const char* key : {"hiredOn", "certificateDate", "leftOn"}) {
    const std::string d = r.get(key);
    if (!d.empty() && !core::isValidDate(d)) fe.add(key, "日期不是有效日期,应为 YYYY-MM-DD");
  }
  errors.addFieldErrors(r.row, fe);
}

// ---------------------------------------------------------------------------- structure-aware mutation

struct Part {
  std::string name;
  std::string data;
};

std::string deflateRaw(const std::string& in) {
  z_stream zs{};
  if (deflateInit2(&zs, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&zs, in.size()) + 16, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

void put16(std::string& o, std::uint32_t v) {
  o += static_cast<char>(v & 0xFF);
  o += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& o, std::uint32_t v) {
  put16(o, v & 0xFFFF);
  put16(o, v >> 16);
}

std::string zipOf(const std::vector<Part>& parts, std::minstd_rand& rng) {
  std::string out, central;
  for (const Part& p : parts) {
    const bool stored = rng() % 8 == 0;
    const std::string bytes = stored ? p.data : deflateRaw(p.data);
    const std::uint32_t crc =
        static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(p.data.data()), static_cast<uInt>(p.data.size())));
    const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    const std::uint16_t method = stored ? 0 : 8;
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, 0);
    put16(out, method);
    put32(out, 0);
    put32(out, crc);
    put32(out, static_cast<std::uint32_t>(bytes.size()));
    put32(out, static_cast<std::uint32_t>(p.data.size()));
    put16(out, static_cast<std::uint32_t>(p.name.size()));
    put16(out, 0);
    out += p.name;
    out += bytes;
    put32(central, 0x02014b50);
    put16(central, 20);
    put16(central, 20);
    put16(central, 0);
    put16(central, method);
    put32(central, 0);
    put32(central, crc);
    put32(central, static_cast<std::uint32_t>(bytes.size()));
    put32(central, static_cast<std::uint32_t>(p.data.size()));
    put16(central, static_cast<std::uint32_t>(p.name.size()));
    for (int k = 0; k < 4; ++k) put16(central, 0);
    put32(central, 0);
    put32(central, offset);
    central += p.name;
  }
  const std::uint32_t cdOffset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put32(out, 0);
  put16(out, static_cast<std::uint32_t>(parts.size()));
  put16(out, static_cast<std::uint32_t>(parts.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cdOffset);
  put16(out, 0);
  return out;
}

// Mutates one text node (between '>' and '<') or attribute value (between quotes) of the XML, so
// that the document stays well-formed more often than after a mutation anywhere: this is what
// reaches the cell values, indices, references and formats. False when there is none.
bool mutateValue(std::string& xml, std::minstd_rand& rng) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // [begin, end)
  for (std::size_t i = 0; i < xml.size() && spans.size() < 4096; ++i) {
    if (xml[i] == '>') {
      const std::size_t lt = xml.find('<', i + 1);
      if (lt == std::string::npos) break;
      if (lt > i + 1) spans.emplace_back(i + 1, lt);
      i = lt;
    } else if (xml[i] == '"') {
      const std::size_t q = xml.find('"', i + 1);
      if (q == std::string::npos) break;
      if (q > i + 1) spans.emplace_back(i + 1, q);
      i = q;
    }
  }
  if (spans.empty()) return false;
  const auto [b, e] = spans[rng() % spans.size()];
  std::string value = xml.substr(b, e - b);
  const std::size_t before = value.size();
  const std::size_t room = before + 64;
  value.resize(room);
  value.resize(LLVMFuzzerMutate(reinterpret_cast<uint8_t*>(value.data()), before, room));
  xml.replace(b, e - b, value);
  return true;
}

// The zip's entries, or false when it does not open (or is too big to be worth mutating whole).
bool unzip(const uint8_t* data, std::size_t size, std::vector<Part>& parts) {
  try {
    io::ZipReader zip(std::string_view(reinterpret_cast<const char*>(data), size), 1u << 20, 4u << 20);
    for (const std::string& name : zip.names()) {
      Part p{name, {}};
      zip.read(name, [&](std::string_view chunk) { p.data.append(chunk); });
      parts.push_back(std::move(p));
    }
  } catch (...) {
    return false;
  }
  return !parts.empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view upload(reinterpret_cast<const char*>(data), size);
  io::ReadSheet sheet;
  try {
    sheet = io::XlsxReader(kMaxRows).readFirstSheet(upload);
  } catch (const io::XlsxError& e) {
    // The message goes to the user as it is.
    if (std::strlen(e.what()) == 0 || !validUtf8(e.what())) broken("XlsxError without a Chinese message");
    return 0;
  }
  checkSheet(sheet);

  io::ImportTable table(importColumns());
  table.ignoreExampleRow(exampleRow());
  io::ImportErrors errors(table.columns());
  if (table.read(sheet, errors)) {
    for (const io::ImportRow& r : table.rows()) validateRow(r, errors);
  }
  (void)errors.toJson(1000).dump();
  (void)errors.rowCount();
  return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed) {
  std::minstd_rand rng(seed);
  std::vector<Part> parts;
  if (rng() % 4 == 0 || !unzip(data, size, parts)) return LLVMFuzzerMutate(data, size, maxSize);

  // Mostly the sheet and the shared strings, where the data is; sometimes any part.
  std::size_t pick = rng() % parts.size();
  if (rng() % 4 != 0) {
    std::vector<std::size_t> rich;
    for (std::size_t i = 0; i < parts.size(); ++i)
      if (parts[i].name.find("sheet") != std::string::npos || parts[i].name.find("sharedStrings") != std::string::npos ||
          parts[i].name.find("styles") != std::string::npos)
        rich.push_back(i);
    if (!rich.empty()) pick = rich[rng() % rich.size()];
  }
  std::string& xml = parts[pick].data;
  if (rng() % 2 == 0 && mutateValue(xml, rng)) {
    // one text or attribute value changed, the markup around it intact
  } else {
    const std::size_t before = xml.size();
    const std::size_t room = std::min<std::size_t>(before + 4096, before * 2 + 64);
    xml.resize(room);
    const std::size_t n = LLVMFuzzerMutate(reinterpret_cast<uint8_t*>(xml.data()), before, room);
    xml.resize(n);
  }
  if (rng() % 16 == 0 && parts.size() > 1) parts.erase(parts.begin() + static_cast<long>(rng() % parts.size()));

  const std::string out = zipOf(parts, rng);
  if (out.size() > maxSize) return LLVMFuzzerMutate(data, size, maxSize);
  std::memcpy(data, out.data(), out.size());
  return out.size();
}
