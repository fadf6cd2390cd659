#pragma once
// Writes a zip archive entry by entry, each one deflated while it streams in, on a second thread.
//
// Why not libxlsxwriter's packager for the exports: it writes the whole sheet to a temp file first and
// deflates it at level 6 after the last row, on the thread that read the rows (44 % of a 100 000-row
// export's time, bench/README.md). Here the rows are turned into XML on the caller's thread while the
// previous 256 KB are compressed on the other core, so the deflate costs no wall time; at level 1 it
// also keeps up with any producer (≈ 190 MB/s of sheet XML on the bench machine).
//
//   ZipWriter zip("/tmp/x.zip");
//   zip.beginEntry("a.xml");  zip.write("<a/>");  zip.endEntry();
//   zip.addEntry("b.txt", "text");
//   zip.close();
//
// Entries use a data descriptor (general-purpose flag bit 3), so nothing is written twice and the file
// is never seeked: the local header carries no sizes, the descriptor after the data and the central
// directory do. Excel, WPS, LibreOffice, Python's zipfile and io/xlsx_reader read such files. No ZIP64:
// an entry or the archive past 4 GiB is refused (an export stops at Excel's 1 048 576 rows, < 1 GiB).
// Memory: at most kQueuedChunks + 2 chunks of kChunkBytes, whatever the size of the entries.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace baoan::io {

class ZipWriter {
 public:
  static constexpr std::size_t kChunkBytes = 256 * 1024;
  static constexpr std::size_t kQueuedChunks = 4;

  // Creates (truncates) path; level is zlib's 0–9. Throws XlsxError("无法创建导出文件").
  explicit ZipWriter(const std::string& path, int level = 1);
  // Stops the compressing thread and closes the file, finished or not (close() finishes it).
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Starts an entry (ASCII name, '/' separated); the previous one must have ended.
  void beginEntry(const std::string& name);
  // Appends to the open entry. Throws XlsxError("导出文件写入失败") once the other thread has failed
  // (disk full, …), so a failing export stops at its next chunk.
  void write(std::string_view data);
  // Ends the open entry; its size and CRC are known once the other thread has compressed the rest.
  void endEntry();
  // beginEntry + write + endEntry.
  void addEntry(const std::string& name, std::string_view data);
  // Ends an open entry, writes the central directory and closes the file. Idempotent.
  // Throws XlsxError("导出文件写入失败") when any write failed.
  void close();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace baoan::io
