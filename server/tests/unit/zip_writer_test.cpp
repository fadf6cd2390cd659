// Unit tests for io/zip_writer: the archive is checked by Python's zipfile (an independent reader that
// verifies every CRC), entries larger than the queue of chunks come back byte for byte, and a failing
// disk stops the writer with the user's message instead of a half-silent file.
#include "io/zip_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "io/xlsx_common.h"
#include "test_files.h"

using namespace baoan::io;
using baoan::test_files::commandOutput;
using baoan::test_files::readFile;
using baoan::test_files::TempFile;
namespace fs = std::filesystem;

namespace {

// "name size sha256" per entry, in order, after zipfile's testzip() found every CRC right ("ok"), or
// the name of the first bad entry.
std::string describe(const std::string& zip) {
  return commandOutput("python3 -c \"import sys,zipfile,hashlib\nz=zipfile.ZipFile(sys.argv[1])\nbad=z.testzip()\n"
             "print('ok' if bad is None else 'bad '+bad)\nfor i in z.infolist():\n"
             " d=z.read(i)\n print(i.filename, len(d), hashlib.sha256(d).hexdigest()[:16], i.compress_type)\" '" +
             zip + "' 2>&1");
}

std::string sha16(const std::string& data) {
  TempFile f("sha.bin");
  if (FILE* out = std::fopen(f.str().c_str(), "wb")) {
    std::fwrite(data.data(), 1, data.size(), out);
    std::fclose(out);
  }
  std::string h = commandOutput("python3 -c \"import sys,hashlib; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest()[:16],"
                      " end='')\" '" + f.str() + "'");
  return h;
}

// Text that deflates like sheet XML but not to nothing: rows with pseudo-random numbers.
std::string sampleXml(std::size_t bytes) {
  std::mt19937 rng(7);
  std::string s;
  while (s.size() < bytes) s += "<row r=\"" + std::to_string(rng() % 100000) + "\"><c><v>" + std::to_string(rng()) + "</v></c></row>";
  s.resize(bytes);
  return s;
}

}  // namespace

TEST(ZipWriter, EntriesOfEverySizeReadBackExactly) {
  TempFile file("entries.zip");
  // Larger than the chunks queued between the threads, so the caller has waited for the compressor.
  const std::string big = sampleXml(ZipWriter::kChunkBytes * (ZipWriter::kQueuedChunks + 3) + 12345);
  const std::string small = "<?xml version=\"1.0\"?><a>中文</a>";
  {
    ZipWriter zip(file.str());
    zip.beginEntry("xl/worksheets/sheet1.xml");
    for (std::size_t i = 0; i < big.size(); i += 1000) zip.write(std::string_view(big).substr(i, 1000));
    zip.endEntry();
    zip.addEntry("empty.txt", "");
    zip.addEntry("small.xml", small);
    zip.close();
    zip.close();  // idempotent
  }
  const std::string d = describe(file.str());
  ASSERT_EQ(d.rfind("ok\n", 0), 0u) << d;
  EXPECT_NE(d.find("xl/worksheets/sheet1.xml " + std::to_string(big.size()) + " " + sha16(big) + " 8"), std::string::npos) << d;
  EXPECT_NE(d.find("empty.txt 0 " + sha16("") + " 8"), std::string::npos) << d;
  EXPECT_NE(d.find("small.xml " + std::to_string(small.size()) + " " + sha16(small) + " 8"), std::string::npos) << d;
  EXPECT_LT(fs::file_size(file.str()), big.size() / 2);  // really deflated
}

TEST(ZipWriter, CloseEndsAnOpenEntry) {
  TempFile file("open.zip");
  ZipWriter zip(file.str());
  zip.beginEntry("a.txt");
  zip.write("abc");
  zip.close();
  const std::string d = describe(file.str());
  EXPECT_EQ(d.rfind("ok\n", 0), 0u) << d;
  EXPECT_NE(d.find("a.txt 3 "), std::string::npos) << d;
}

TEST(ZipWriter, AFullDiskFailsWithTheUsersMessage) {
  // /dev/full accepts the open and fails every write with ENOSPC.
  ASSERT_TRUE(fs::exists("/dev/full"));
  bool thrown = false;
  try {
    ZipWriter zip("/dev/full");
    zip.beginEntry("sheet.xml");
    const std::string chunk = sampleXml(64 * 1024);
    for (int i = 0; i < 200; ++i) zip.write(chunk);  // the failure reaches the caller while it writes
    zip.endEntry();
    zip.close();
  } catch (const XlsxError& e) {
    thrown = true;
    EXPECT_STREQ(e.what(), "导出文件写入失败");
    EXPECT_NE(e.detail().find("No space left"), std::string::npos) << e.detail();
  }
  EXPECT_TRUE(thrown);
}

TEST(ZipWriter, RefusesUnwritablePathsAndMisuse) {
  try {
    ZipWriter zip("/nonexistent-dir/x.zip");
    FAIL() << "expected XlsxError";
  } catch (const XlsxError& e) {
    EXPECT_STREQ(e.what(), "无法创建导出文件");
  }
  TempFile file("misuse.zip");
  ZipWriter zip(file.str());
  EXPECT_THROW(zip.write("x"), std::logic_error);
  EXPECT_THROW(zip.endEntry(), std::logic_error);
  zip.beginEntry("a");
  EXPECT_THROW(zip.beginEntry("b"), std::logic_error);
  zip.close();
  EXPECT_THROW(zip.beginEntry("c"), std::logic_error);
}
