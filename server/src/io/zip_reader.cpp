#include "io/zip_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>

#include "io/xlsx_common.h"

namespace baoan::io {

namespace {

[[noreturn]] void invalidZipReader(std::string detail) { throw XlsxError(std::string(kXlsxInvalidMessage), std::move(detail)); }

std::string lowerZipReader(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}


}  // namespace

ZipReader::ZipReader(std::string_view data, std::size_t maxEntryBytes, std::size_t maxTotalBytes)
    : data_(data), maxEntryBytes_(maxEntryBytes), maxTotalBytes_(maxTotalBytes) {
  index();
}

std::uint16_t ZipReader::u16(std::size_t p) const {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(data_[p]) |
                                    (static_cast<unsigned char>(data_[p + 1]) << 8));
}

std::uint32_t ZipReader::u32(std::size_t p) const {
  return static_cast<std::uint32_t>(u16(p)) | (static_cast<std::uint32_t>(u16(p + 2)) << 16);
}

const ZipReader::Entry* ZipReader::find(std::string_view name) const {
  auto it = byLowerName_.find(lowerZipReader(name));
  return it == byLowerName_.end() ? nullptr : &entries_[it->second];
}

void ZipReader::index() {
  const std::size_t n = data_.size();
  static const unsigned char ole2[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  if (n >= sizeof ole2 && std::memcmp(data_.data(), ole2, sizeof ole2) == 0)
    throw XlsxError(std::string(kXlsxEncryptedMessage), "OLE2 compound file (.xls or encrypted .xlsx)");
  if (n < 30 || u32(0) != kZipLocalHeader) invalidZipReader("not a zip file");

  // End of central directory: the signature nearest to the end, within the longest comment's reach.
  std::size_t eocd = std::string_view::npos;
  const std::size_t lowest = n > 4 + 22 + 0xFFFF ? n - 4 - 22 - 0xFFFF : 0;
  for (std::size_t p = n - 4;; --p) {
    if (u32(p) == kZipEndOfCentralDirectory) {
      eocd = p;
      break;
    }
    if (p == lowest) break;
  }
  if (eocd == std::string_view::npos || eocd + 22 > n) invalidZipReader("zip: no end of central directory");
  if (u16(eocd + 4) != 0 || u16(eocd + 6) != 0 || u16(eocd + 8) != u16(eocd + 10)) invalidZipReader("zip: multi-disk");
  const std::size_t count = u16(eocd + 10);
  const std::uint32_t cdSize = u32(eocd + 12);
  const std::uint32_t cdOffset = u32(eocd + 16);
  if (count == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) invalidZipReader("zip: ZIP64 not supported");
  if (static_cast<std::size_t>(cdOffset) + cdSize > eocd) invalidZipReader("zip: central directory out of range");

  std::size_t p = cdOffset;
  const std::size_t cdEnd = static_cast<std::size_t>(cdOffset) + cdSize;
  entries_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (p + 46 > cdEnd || u32(p) != kZipCentralHeader) invalidZipReader("zip: bad central directory entry");
    const std::uint16_t flags = u16(p + 8);
    const std::uint16_t method = u16(p + 10);
    const std::uint32_t crc = u32(p + 16);
    const std::uint32_t compressed = u32(p + 20);
    const std::uint32_t uncompressed = u32(p + 24);
    const std::size_t nameLen = u16(p + 28);
    const std::size_t extraLen = u16(p + 30);
    const std::size_t commentLen = u16(p + 32);
    const std::uint32_t local = u32(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > cdEnd) invalidZipReader("zip: central directory entry out of range");
    std::string name(data_.substr(p + 46, nameLen));
    if (flags & 1) throw XlsxError(std::string(kXlsxEncryptedMessage), "zip: encrypted entry " + name);
    if (method != 0 && method != 8) invalidZipReader("zip: compression method " + std::to_string(method) + " of " + name);
    if (compressed == 0xFFFFFFFF || uncompressed == 0xFFFFFFFF) invalidZipReader("zip: ZIP64 not supported");
    if (method == 0 && compressed != uncompressed) invalidZipReader("zip: stored entry sizes differ: " + name);
    // Deflate cannot expand more than ~1032 times: a larger claim is a forged size.
    if (method == 8 && uncompressed > 1032ull * compressed + 1024) invalidZipReader("zip: impossible ratio: " + name);
    if (static_cast<std::size_t>(local) + 30 > n || u32(local) != kZipLocalHeader) invalidZipReader("zip: bad local header: " + name);
    const std::size_t dataStart = static_cast<std::size_t>(local) + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + compressed > n) invalidZipReader("zip: entry data out of range: " + name);
    std::string key = lowerZipReader(name);
    if (byLowerName_.count(key)) invalidZipReader("zip: duplicate entry " + name);
    byLowerName_.emplace(std::move(key), entries_.size());
    entries_.push_back({std::move(name), method, crc, compressed, uncompressed, dataStart});
    p += 46 + nameLen + extraLen + commentLen;
  }
}

bool ZipReader::read(std::string_view name, const std::function<void(std::string_view)>& sink) {
  const Entry* e = find(name);
  if (!e) return false;
  // The budget is spent on the declared sizes, before inflating: a zip bomb is refused, not expanded.
  if (e->uncompressed > maxEntryBytes_ || declaredRead_ + e->uncompressed > maxTotalBytes_)
    throw XlsxError(std::string(kXlsxTooLargeMessage),
                    e->name + ": " + std::to_string(e->uncompressed) + " bytes uncompressed");
  declaredRead_ += e->uncompressed;

  const char* in = data_.data() + e->dataStart;
  uLong crc = crc32(0L, Z_NULL, 0);
  std::size_t produced = 0;
  if (e->method == 0) {
    for (std::size_t off = 0; off < e->compressed; off += kChunkBytes) {
      const std::size_t len = std::min<std::size_t>(kChunkBytes, e->compressed - off);
      crc = crc32(crc, reinterpret_cast<const Bytef*>(in + off), static_cast<uInt>(len));
      produced += len;
      totalRead_ += len;
      sink(std::string_view(in + off, len));
    }
  } else {
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) throw std::bad_alloc();
    struct End {
      z_stream* z;
      ~End() { inflateEnd(z); }
    } end{&zs};
    auto out = std::make_unique<unsigned char[]>(kChunkBytes);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
    zs.avail_in = e->compressed;
    for (;;) {
      zs.next_out = out.get();
      zs.avail_out = static_cast<uInt>(kChunkBytes);
      const int rc = inflate(&zs, Z_NO_FLUSH);
      const std::size_t have = kChunkBytes - zs.avail_out;
      if (have > 0) {
        produced += have;
        // Stop at the declared size: a forged one must not let the entry grow past the budget.
        if (produced > e->uncompressed) invalidZipReader("zip: " + e->name + " inflates past its declared size");
        totalRead_ += have;
        crc = crc32(crc, out.get(), static_cast<uInt>(have));
        sink(std::string_view(reinterpret_cast<const char*>(out.get()), have));
      }
      if (rc == Z_STREAM_END) break;
      if (rc == Z_OK) continue;
      if (rc == Z_BUF_ERROR) invalidZipReader("zip: " + e->name + " is cut short");
      if (rc == Z_MEM_ERROR) throw std::bad_alloc();
      invalidZipReader("zip: " + e->name + ": " + (zs.msg ? zs.msg : "inflate error " + std::to_string(rc)));
    }
  }
  if (produced != e->uncompressed)
    invalidZipReader("zip: " + e->name + " has " + std::to_string(produced) + " bytes, " + std::to_string(e->uncompressed) +
            " declared");
  if (crc != e->crc) invalidZipReader("zip: CRC mismatch in " + e->name);
  return true;
}

}  // namespace baoan::io
