// Unit tests for what io/xlsx_reader refuses in a hostile upload: DOCTYPEs and entity bombs, deep
// nesting, endless markup, cells longer than Excel allows, more cells and strings than memory should
// hold, and zip bombs (declared sizes past the limit, forged sizes, bad CRCs); and that a large part
// streams through in bounded memory. The files are built here, byte by byte, with zlib.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "io/xlsx_reader.h"

using namespace baoan::io;

namespace {

const std::string kInvalid = "文件不是有效的 Excel(.xlsx) 文件";
const std::string kTooLarge = "文件内容过大,请分批导入";
const std::string kCellTooLong = "文件中有单元格内容超过 32767 个字符(Excel 单元格的上限),请检查文件后重新上传";

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// ------------------------------------------------------------------ a zip written by hand

struct RawEntry {
  std::string name;
  std::string bytes;            // as stored in the zip (deflated unless method 0)
  std::uint16_t method = 8;
  std::uint32_t crc = 0;
  std::uint32_t uncompressed = 0;  // as declared in the headers
};

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

std::string zipOf(const std::vector<RawEntry>& entries) {
  std::string out, central;
  for (const RawEntry& e : entries) {
    const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, 0);
    put16(out, e.method);
    put32(out, 0);  // time, date
    put32(out, e.crc);
    put32(out, static_cast<std::uint32_t>(e.bytes.size()));
    put32(out, e.uncompressed);
    put16(out, static_cast<std::uint32_t>(e.name.size()));
    put16(out, 0);
    out += e.name;
    out += e.bytes;

    put32(central, 0x02014b50);
    put16(central, 20);
    put16(central, 20);
    put16(central, 0);
    put16(central, e.method);
    put32(central, 0);
    put32(central, e.crc);
    put32(central, static_cast<std::uint32_t>(e.bytes.size()));
    put32(central, e.uncompressed);
    put16(central, static_cast<std::uint32_t>(e.name.size()));
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, 0);
    put32(central, offset);
    central += e.name;
  }
  const std::uint32_t cdOffset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cdOffset);
  put16(out, 0);
  return out;
}

std::uint32_t crcOf(const std::string& s) {
  return static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

// Raw deflate (no zlib header), as in a zip. flush = Z_FULL_FLUSH leaves the stream open and
// self-contained: such pieces can be repeated and ended with finishDeflate().
std::string deflateRaw(const std::string& in, int flush = Z_FINISH) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, in.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, flush);
  EXPECT_TRUE(rc == Z_OK || rc == Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}
std::string finishDeflate() { return deflateRaw(""); }

RawEntry deflated(const std::string& name, const std::string& data) {
  return {name, deflateRaw(data), 8, crcOf(data), static_cast<std::uint32_t>(data.size())};
}

const std::string kNs = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";

std::string workbookXml() {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook " + kNs +
         " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
         "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
}

std::string sheetXml(const std::string& sheetData) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet " + kNs + "><sheetData>" +
         sheetData + "</sheetData></worksheet>";
}

std::string sstXml(const std::vector<std::string>& strings) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sst " + kNs + ">";
  for (const auto& s : strings) out += "<si><t>" + s + "</t></si>";
  return out + "</sst>";
}

// A minimal workbook: xl/workbook.xml, its first sheet (no relationships: the reader takes
// xl/worksheets/sheet1.xml) and, when given, shared strings.
std::string xlsx(const std::string& sheet, const std::string& sharedStrings = {}) {
  std::vector<RawEntry> entries{deflated("xl/workbook.xml", workbookXml()), deflated("xl/worksheets/sheet1.xml", sheet)};
  if (!sharedStrings.empty()) entries.push_back(deflated("xl/sharedStrings.xml", sharedStrings));
  return zipOf(entries);
}

struct Outcome {
  std::string message;  // "" when the file was read
  std::string detail;
};

Outcome readOf(const std::string& data, std::size_t maxRows = 100000, std::size_t maxColumns = 256) {
  try {
    XlsxReader(maxRows, maxColumns).readFirstSheet(data);
  } catch (const XlsxError& e) {
    return {e.what(), e.detail()};
  }
  return {};
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

long statusKb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(key.size()));
  return -1;
}

bool resetPeakRss() {
  std::ofstream f("/proc/self/clear_refs");
  if (!f) return false;
  f << "5";
  f.flush();
  return f.good();
}

}  // namespace

TEST(XlsxReaderLimits, TheMinimalWorkbookOfTheseTestsReads) {
  const std::string data = xlsx(sheetXml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>7</v></c></row>"),
                                sstXml({"姓名"}));
  const ReadSheet s = XlsxReader().readFirstSheet(data);
  EXPECT_EQ(s.name, "S");
  EXPECT_EQ(s.cell(0, 0).text, "姓名");
  EXPECT_EQ(s.cell(0, 1).text, "7");
}

// ------------------------------------------------------------------ XML

TEST(XlsxReaderLimits, DoctypesEntityBombsAndExternalEntitiesAreRefused) {
  // Billion laughs: 10 levels of 10 references, a 1 GB expansion of a few hundred bytes.
  std::string laughs = "<!DOCTYPE worksheet [<!ENTITY l0 \"ha\">";
  for (int i = 1; i <= 10; ++i) {
    laughs += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += "&l" + std::to_string(i - 1) + ";";
    laughs += "\">";
  }
  laughs += "]>";
  const std::string bomb = laughs + "<worksheet " + kNs + "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&l10;</t></is></c></row></sheetData></worksheet>";
  const std::string external =
      "<!DOCTYPE sst [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><sst " + kNs + "><si><t>&x;</t></si></sst>";
  const std::string parameter =
      "<!DOCTYPE worksheet [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %p;]><worksheet " + kNs + "/>";
  const std::string justDoctype = "<!DOCTYPE worksheet><worksheet " + kNs + "><sheetData/></worksheet>";

  for (const auto& [name, data] : {std::pair<std::string, std::string>{"billion laughs", xlsx(bomb)},
                                   {"external entity", xlsx(sheetXml(""), external)},
                                   {"parameter entity", xlsx(parameter)},
                                   {"bare DOCTYPE", xlsx(justDoctype)}}) {
    SCOPED_TRACE(name);
    const Outcome o = readOf(data);
    EXPECT_EQ(o.message, kInvalid);
    EXPECT_EQ(o.detail.rfind("xml: DOCTYPE and other declarations are not allowed", 0), 0u) << o.detail;
  }
  // Undeclared entities are errors, not empty text.
  const Outcome undeclared = readOf(xlsx(sheetXml("<row><c t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>")));
  EXPECT_EQ(undeclared.message, kInvalid);
}

TEST(XlsxReaderLimits, DeepNestingIsRefused) {
  const std::string deep = repeat("<x>", 300) + repeat("</x>", 300);
  const Outcome o = readOf(xlsx(sheetXml("<row><c t=\"inlineStr\"><is>" + deep + "</is></c></row>")));
  EXPECT_EQ(o.message, kInvalid);
  EXPECT_NE(o.detail.find("elements nested too deeply"), std::string::npos) << o.detail;
  // 200 levels are still read (the limit is 256).
  const std::string fine = repeat("<x>", 200) + repeat("</x>", 200);
  EXPECT_EQ(readOf(xlsx(sheetXml("<row><c t=\"inlineStr\"><is>" + fine + "</is></c></row>"))).message, "");
}

TEST(XlsxReaderLimits, EndlessMarkupIsRefused) {
  // A start tag of 2 MiB that expat would have to buffer whole.
  const std::string tag = "<row r=\"1\" x=\"" + std::string(2u << 20, 'a') + "\"/>";
  const Outcome o = readOf(xlsx(sheetXml(tag)));
  EXPECT_EQ(o.message, kInvalid);
  EXPECT_NE(o.detail.find("markup longer than"), std::string::npos) << o.detail;
  // The same for a comment.
  const Outcome c = readOf(xlsx(sheetXml("<!--" + std::string(2u << 20, '-').replace(0, 1, "x") + "x-->")));
  EXPECT_EQ(c.message, kInvalid);
}

// ------------------------------------------------------------------ cells and memory

TEST(XlsxReaderLimits, CellsLongerThanExcelAllowsAreRefused) {
  const std::string cell = "<row><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
  // 32 767 characters is what a cell holds (Chinese: 3 bytes each in UTF-8, one character each for Excel).
  std::string most;
  for (int i = 0; i < 32767; ++i) most += "保";
  const Outcome ok = readOf(xlsx(sheetXml(cell), sstXml({most})));
  EXPECT_EQ(ok.message, "") << ok.detail;

  const Outcome shared = readOf(xlsx(sheetXml(cell), sstXml({most + "安"})));
  EXPECT_EQ(shared.message, kCellTooLong);
  // Rich text runs count together.
  const Outcome runs = readOf(xlsx(
      sheetXml(cell), "<sst " + kNs + "><si><r><t>" + most + "</t></r><r><t>安</t></r></si></sst>"));
  EXPECT_EQ(runs.message, kCellTooLong);
  // A huge string is refused while it streams in, not after.
  const Outcome huge = readOf(xlsx(sheetXml(cell), sstXml({std::string(8u << 20, 'a')})));
  EXPECT_EQ(huge.message, kCellTooLong);
  EXPECT_NE(huge.detail.find("bytes"), std::string::npos) << huge.detail;

  const Outcome inlineStr = readOf(xlsx(sheetXml("<row><c t=\"inlineStr\"><is><t>" + std::string(40000, 'b') + "</t></is></c></row>")));
  EXPECT_EQ(inlineStr.message, kCellTooLong);
  const Outcome formula = readOf(xlsx(sheetXml("<row><c t=\"str\"><f>A1</f><v>" + std::string(40000, 'c') + "</v></c></row>")));
  EXPECT_EQ(formula.message, kCellTooLong);
}

// A shared string is stored once in the file and copied into every cell that uses it: a few KB of
// XML could ask for gigabytes. What the reader keeps is capped (128 MiB).
TEST(XlsxReaderLimits, AStringRepeatedInManyCellsIsRefusedAsTooLarge) {
  const std::string s(32000, 'x');
  std::string rows;
  for (int r = 1; r <= 5000; ++r) rows += "<row r=\"" + std::to_string(r) + "\"><c t=\"s\"><v>0</v></c></row>";
  const Outcome o = readOf(xlsx(sheetXml(rows), sstXml({s})));
  EXPECT_EQ(o.message, kTooLarge);
  // 1000 of them are fine (32 MB).
  rows.clear();
  for (int r = 1; r <= 1000; ++r) rows += "<row r=\"" + std::to_string(r) + "\"><c t=\"s\"><v>0</v></c></row>";
  EXPECT_EQ(readOf(xlsx(sheetXml(rows), sstXml({s}))).message, "");
}

TEST(XlsxReaderLimits, ACellFarToTheRightInEveryRowIsRefusedAsTooLarge) {
  // Column IV (256) in 20 000 rows: 5 million cell slots, 245 MB.
  std::string rows;
  for (int r = 1; r <= 20000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"IV" + std::to_string(r) + "\"><v>1</v></c></row>";
  const Outcome o = readOf(xlsx(sheetXml(rows)), 20001, 256);
  EXPECT_EQ(o.message, kTooLarge);
  // In 2 000 rows (24 MB) it is read.
  rows.clear();
  for (int r = 1; r <= 2000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"IV" + std::to_string(r) + "\"><v>1</v></c></row>";
  EXPECT_EQ(readOf(xlsx(sheetXml(rows)), 20001, 256).message, "");
}

// ------------------------------------------------------------------ zip bombs

namespace {

// A deflate stream of `mib` MiB of spaces made of one self-contained 1 MiB piece repeated (about
// 1 KB each): a zip bomb without deflating a gigabyte. crc receives the CRC-32 of the whole.
std::string spacesBomb(std::size_t mib, std::uint32_t& crc) {
  const std::string mb(1u << 20, ' ');
  const std::string piece = deflateRaw(mb, Z_FULL_FLUSH);
  const uLong pieceCrc = crc32(0, reinterpret_cast<const Bytef*>(mb.data()), static_cast<uInt>(mb.size()));
  uLong total = crc32(0, Z_NULL, 0);
  std::string out;
  out.reserve(piece.size() * mib + 16);
  for (std::size_t i = 0; i < mib; ++i) {
    out += piece;
    total = crc32_combine(total, pieceCrc, static_cast<z_off_t>(mb.size()));
  }
  out += finishDeflate();
  crc = static_cast<std::uint32_t>(total);
  return out;
}

// An entry holding head + `mib` MiB of spaces + tail, deflated as three self-contained pieces.
RawEntry paddedPart(const std::string& name, const std::string& head, std::size_t mib, const std::string& tail) {
  std::uint32_t spacesCrc = 0;
  const std::string spaces = spacesBomb(mib, spacesCrc);
  std::string stream = deflateRaw(head, Z_FULL_FLUSH);
  stream += spaces.substr(0, spaces.size() - finishDeflate().size());
  stream += deflateRaw(tail);
  uLong crc = crc32(0, reinterpret_cast<const Bytef*>(head.data()), static_cast<uInt>(head.size()));
  crc = crc32_combine(crc, spacesCrc, static_cast<z_off_t>(mib << 20));
  crc = crc32_combine(crc, crc32(0, reinterpret_cast<const Bytef*>(tail.data()), static_cast<uInt>(tail.size())),
                      static_cast<z_off_t>(tail.size()));
  return {name, stream, 8, static_cast<std::uint32_t>(crc),
          static_cast<std::uint32_t>(head.size() + (mib << 20) + tail.size())};
}

}  // namespace

TEST(XlsxReaderLimits, AZipBombIsRefusedBeforeItIsInflated) {
  std::uint32_t crc = 0;
  const std::string gib = spacesBomb(1024, crc);  // 1 GiB in about 1 MB
  ASSERT_LT(gib.size(), 2u << 20);
  // Honest sizes: refused on the declared size, nothing inflated.
  const std::string honest =
      zipOf({deflated("xl/workbook.xml", workbookXml()), {"xl/worksheets/sheet1.xml", gib, 8, crc, 1u << 30}});
  const Outcome o = readOf(honest);
  EXPECT_EQ(o.message, kTooLarge);
  EXPECT_EQ(o.detail, "xl/worksheets/sheet1.xml: 1073741824 bytes uncompressed");

  // Forged sizes (1 MiB declared): inflating stops at the declared size.
  const std::string forged =
      zipOf({deflated("xl/workbook.xml", workbookXml()), {"xl/worksheets/sheet1.xml", gib, 8, crc, 1u << 20}});
  const Outcome f = readOf(forged);
  EXPECT_EQ(f.message, kInvalid);
  EXPECT_EQ(f.detail, "zip: xl/worksheets/sheet1.xml inflates past its declared size");

  // Shared strings and the sheet each under the 256 MiB a part may have, but more than 256 MiB
  // together: the second is refused before it is inflated.
  const std::string twoParts =
      zipOf({deflated("xl/workbook.xml", workbookXml()), paddedPart("xl/sharedStrings.xml", "<sst " + kNs + ">", 130, "</sst>"),
             paddedPart("xl/worksheets/sheet1.xml", "<worksheet " + kNs + "><sheetData>", 130, "</sheetData></worksheet>")});
  const Outcome t = readOf(twoParts);
  EXPECT_EQ(t.message, kTooLarge);
  EXPECT_EQ(t.detail.rfind("xl/worksheets/sheet1.xml: ", 0), 0u) << t.detail;
}

TEST(XlsxReaderLimits, SizesAndChecksumsMustMatchTheData) {
  const std::string sheet = sheetXml("<row><c><v>1</v></c></row>");
  RawEntry e = deflated("xl/worksheets/sheet1.xml", sheet);
  RawEntry badCrc = e;
  badCrc.crc ^= 1;
  Outcome o = readOf(zipOf({deflated("xl/workbook.xml", workbookXml()), badCrc}));
  EXPECT_EQ(o.message, kInvalid);
  EXPECT_EQ(o.detail, "zip: CRC mismatch in xl/worksheets/sheet1.xml");

  RawEntry longer = e;
  longer.uncompressed += 10;
  o = readOf(zipOf({deflated("xl/workbook.xml", workbookXml()), longer}));
  EXPECT_EQ(o.message, kInvalid);
  EXPECT_NE(o.detail.find("declared"), std::string::npos) << o.detail;

  RawEntry cut = e;
  cut.bytes.resize(cut.bytes.size() / 2);
  o = readOf(zipOf({deflated("xl/workbook.xml", workbookXml()), cut}));
  EXPECT_EQ(o.message, kInvalid);

  // Stored (method 0) entries are read too.
  RawEntry stored{"xl/worksheets/sheet1.xml", sheet, 0, crcOf(sheet), static_cast<std::uint32_t>(sheet.size())};
  EXPECT_EQ(readOf(zipOf({deflated("xl/workbook.xml", workbookXml()), stored})).message, "");
}

// A part near the size limit streams from the zip through the parser: the reader's memory does not
// grow with it (the XML was held whole before expat).
TEST(XlsxReaderLimits, ALargePartStreamsInBoundedMemory) {
  const RawEntry sheet = paddedPart("xl/worksheets/sheet1.xml", "<worksheet " + kNs + "><sheetData><row><c><v>1</v></c></row>",
                                    96, "</sheetData></worksheet>");
  const std::uint32_t size = sheet.uncompressed;
  const std::string data = zipOf({deflated("xl/workbook.xml", workbookXml()), sheet});

  const long before = statusKb("VmRSS:");
  ASSERT_GT(before, 0);
  const bool peakReset = resetPeakRss();
  const ReadSheet s = XlsxReader().readFirstSheet(data);
  const long after = peakReset ? statusKb("VmHWM:") : statusKb("VmRSS:");
  EXPECT_EQ(s.cell(0, 0).text, "1");
  std::cout << "[ xlsx ] read a " << size / (1 << 20) << " MiB sheet part: RSS growth " << (after - before) / 1024.0
            << " MB (" << (peakReset ? "VmHWM" : "VmRSS") << ")\n";
  if (!kSanitized) EXPECT_LT(after - before, 16 * 1024);
}
