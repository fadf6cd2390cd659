#pragma once
// Reads entries of a zip held in memory (an uploaded .xlsx), which may be hostile.
//
//   ZipReader zip(body, 256u << 20, 256u << 20);      // checks the central directory; XlsxError
//   zip.read("xl/workbook.xml", [&](std::string_view chunk) { parser.feed(chunk); });
//
// The central directory is checked before anything is inflated: every offset and size inside the
// buffer, no ZIP64, no multi-disk, no duplicate names (compared case-insensitively), no encrypted
// entry, only stored and deflated entries, no declared size that deflate cannot produce from the
// compressed size (ratio > 1032). An entry whose declared size is past maxEntryBytes, or that would
// take the sum of the entries read past maxTotalBytes, is refused with kXlsxTooLargeMessage before a
// byte of it is inflated. Entries are inflated with zlib in chunks of kChunkBytes handed to the sink
// as they come, so memory does not depend on the entry's size; inflating more bytes than declared
// stops there (a forged size), and the CRC-32 and the size are checked at the end of the entry.
// Errors are XlsxError: kXlsxInvalidMessage for a damaged or unsupported zip, kXlsxEncryptedMessage
// for an OLE2 file (.xls, or an .xlsx with a password) or an encrypted entry.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace baoan::io {

class ZipReader {
 public:
  static constexpr std::size_t kChunkBytes = 64 * 1024;

  ZipReader(std::string_view data, std::size_t maxEntryBytes, std::size_t maxTotalBytes);

  // Whether the zip has this entry (names compared case-insensitively, as Excel does).
  bool has(std::string_view name) const { return find(name) != nullptr; }

  // Inflates the entry, handing it to sink in chunks of at most kChunkBytes; false when there is no
  // such entry. Exceptions thrown by sink stop the reading and pass through.
  bool read(std::string_view name, const std::function<void(std::string_view)>& sink);

  // The entries' names, in the order of the central directory.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const Entry& e : entries_) out.push_back(e.name);
    return out;
  }

  // Bytes inflated so far by read(), all entries together.
  std::size_t totalRead() const { return totalRead_; }

 private:
  struct Entry {
    std::string name;
    std::uint16_t method = 0;
    std::uint32_t crc = 0;
    std::uint32_t compressed = 0;
    std::uint32_t uncompressed = 0;
    std::size_t dataStart = 0;
  };

  void index();
  const Entry* find(std::string_view name) const;
  std::uint16_t u16(std::size_t p) const;
  std::uint32_t u32(std::size_t p) const;

  std::string_view data_;
  std::size_t maxEntryBytes_;
  std::size_t maxTotalBytes_;
  std::vector<Entry> entries_;
  std::map<std::string, std::size_t> byLowerName_;
  std::size_t declaredRead_ = 0;  // declared sizes of the entries read (the budget is checked on these)
  std::size_t totalRead_ = 0;
};

}  // namespace baoan::io
