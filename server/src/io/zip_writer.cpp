#include "io/zip_writer.h"

#include <zlib.h>

#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "io/xlsx_common.h"

namespace baoan::io {

namespace {

constexpr std::uint32_t kDataDescriptor = 0x08074b50;
constexpr std::uint16_t kVersion = 20;          // 2.0: deflate
constexpr std::uint16_t kFlagDescriptor = 0x0008;  // sizes and CRC follow the data
constexpr std::uint16_t kMethodDeflate = 8;
constexpr std::uint64_t kMax32 = std::numeric_limits<std::uint32_t>::max();
constexpr const char* kWriteFailed = "导出文件写入失败";

void put16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>(v >> 8);
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// MS-DOS date and time of now (local time), as zip stores modification times.
std::pair<std::uint16_t, std::uint16_t> dosNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  const int year = tm.tm_year + 1900 < 1980 ? 1980 : tm.tm_year + 1900;
  const auto time = static_cast<std::uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  const auto date = static_cast<std::uint16_t>(((year - 1980) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
  return {time, date};
}

struct Entry {
  std::string name;
  std::uint32_t crc = 0;
  std::uint64_t compressed = 0;
  std::uint64_t uncompressed = 0;
  std::uint64_t offset = 0;  // of the local header
};

// One unit of work for the compressing thread, in order.
struct Task {
  enum class Kind { begin, data, end, stop } kind;
  std::string bytes;  // the entry name (begin) or the data (data)
};

}  // namespace

struct ZipWriter::Impl {
  // Owned by the compressing thread while it runs; read by the caller after the join.
  std::FILE* file = nullptr;
  z_stream z{};
  bool zReady = false;
  std::vector<Entry> entries;
  std::uint64_t written = 0;  // bytes in the file
  std::uint16_t dosTime = 0, dosDate = 0;
  std::vector<unsigned char> out = std::vector<unsigned char>(ZipWriter::kChunkBytes);

  // Shared, under mutex.
  std::mutex mutex;
  std::condition_variable workReady;  // a task was queued
  std::condition_variable spaceFree;  // a task was taken
  std::deque<Task> queue;
  std::vector<std::string> spare;  // data buffers handed back, reused so that no chunk is allocated twice
  std::string error;               // first failure of the compressing thread

  // Caller's side.
  std::string pending;  // data of the open entry not yet queued
  bool entryOpen = false;
  bool closed = false;
  std::thread worker;

  // ---------------------------------------------------------------- compressing thread

  void fail(std::string what) {
    std::lock_guard lock(mutex);
    if (error.empty()) error = std::move(what);
  }

  bool failed() {
    std::lock_guard lock(mutex);
    return !error.empty();
  }

  bool writeRaw(const void* data, std::size_t n) {
    if (n && std::fwrite(data, 1, n, file) != n) {
      fail(std::string("write: ") + std::strerror(errno));
      return false;
    }
    written += n;
    return true;
  }

  bool writeRaw(const std::string& s) { return writeRaw(s.data(), s.size()); }

  void startEntry(std::string name) {
    Entry e;
    e.name = std::move(name);
    e.offset = written;
    std::string h;
    put32(h, kZipLocalHeader);
    put16(h, kVersion);
    put16(h, kFlagDescriptor);
    put16(h, kMethodDeflate);
    put16(h, dosTime);
    put16(h, dosDate);
    put32(h, 0);  // CRC, compressed and uncompressed size: in the data descriptor
    put32(h, 0);
    put32(h, 0);
    put16(h, static_cast<std::uint16_t>(e.name.size()));
    put16(h, 0);  // extra field
    h += e.name;
    entries.push_back(std::move(e));
    if (deflateReset(&z) != Z_OK) fail("deflateReset");
    writeRaw(h);
  }

  // Deflates data (flush = Z_NO_FLUSH) or the end of the entry (Z_FINISH) and writes what comes out.
  void compress(const std::string& data, int flush) {
    Entry& e = entries.back();
    e.crc = static_cast<std::uint32_t>(
        crc32_z(e.crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<z_size_t>(data.size())));
    e.uncompressed += data.size();
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    int rc;
    do {
      z.next_out = out.data();
      z.avail_out = static_cast<uInt>(out.size());
      rc = deflate(&z, flush);
      if (rc == Z_STREAM_ERROR) {
        fail("deflate");
        return;
      }
      const std::size_t n = out.size() - z.avail_out;
      e.compressed += n;
      if (!writeRaw(out.data(), n)) return;
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  }

  void finishEntry() {
    compress(std::string(), Z_FINISH);
    const Entry& e = entries.back();
    if (e.compressed > kMax32 || e.uncompressed > kMax32 || written > kMax32) {
      fail("entry " + e.name + " past 4 GiB (no ZIP64)");
      return;
    }
    std::string d;
    put32(d, kDataDescriptor);
    put32(d, e.crc);
    put32(d, static_cast<std::uint32_t>(e.compressed));
    put32(d, static_cast<std::uint32_t>(e.uncompressed));
    writeRaw(d);
  }

  void run() {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(mutex);
        workReady.wait(lock, [&] { return !queue.empty(); });
        task = std::move(queue.front());
        queue.pop_front();
      }
      spaceFree.notify_one();
      if (task.kind == Task::Kind::stop) return;
      if (failed()) continue;  // keep draining so that the caller never waits for space
      switch (task.kind) {
        case Task::Kind::begin: startEntry(std::move(task.bytes)); break;
        case Task::Kind::data: compress(task.bytes, Z_NO_FLUSH); break;
        case Task::Kind::end: finishEntry(); break;
        case Task::Kind::stop: break;
      }
      if (task.kind == Task::Kind::data) {
        task.bytes.clear();
        std::lock_guard lock(mutex);
        spare.push_back(std::move(task.bytes));
      }
    }
  }

  // ---------------------------------------------------------------- caller's side

  void submit(Task task) {
    {
      std::unique_lock lock(mutex);
      spaceFree.wait(lock, [&] { return queue.size() < ZipWriter::kQueuedChunks; });
      if (!error.empty()) throw XlsxError(kWriteFailed, error);
      queue.push_back(std::move(task));
    }
    workReady.notify_one();
  }

  void flushPending() {
    if (pending.empty()) return;
    std::string next;
    {
      std::lock_guard lock(mutex);
      if (!spare.empty()) {
        next = std::move(spare.back());
        spare.pop_back();
      }
    }
    if (next.capacity() < ZipWriter::kChunkBytes * 2) next.reserve(ZipWriter::kChunkBytes * 2);
    std::swap(next, pending);
    submit({Task::Kind::data, std::move(next)});
  }

  void stopWorker() {
    if (!worker.joinable()) return;
    {
      std::lock_guard lock(mutex);
      queue.push_back({Task::Kind::stop, {}});
    }
    workReady.notify_one();
    worker.join();
  }

  std::string centralDirectory() const {
    std::string cd;
    for (const Entry& e : entries) {
      put32(cd, kZipCentralHeader);
      put16(cd, kVersion);  // made by: MS-DOS, 2.0
      put16(cd, kVersion);
      put16(cd, kFlagDescriptor);
      put16(cd, kMethodDeflate);
      put16(cd, dosTime);
      put16(cd, dosDate);
      put32(cd, e.crc);
      put32(cd, static_cast<std::uint32_t>(e.compressed));
      put32(cd, static_cast<std::uint32_t>(e.uncompressed));
      put16(cd, static_cast<std::uint16_t>(e.name.size()));
      put16(cd, 0);  // extra
      put16(cd, 0);  // comment
      put16(cd, 0);  // disk
      put16(cd, 0);  // internal attributes
      put32(cd, 0);  // external attributes
      put32(cd, static_cast<std::uint32_t>(e.offset));
      cd += e.name;
    }
    return cd;
  }

  void writeCentralDirectory() {
    const std::uint64_t start = written;
    const std::string cd = centralDirectory();
    if (start + cd.size() > kMax32 || entries.size() > 0xFFFF) {
      fail("archive past 4 GiB or 65 535 entries (no ZIP64)");
      return;
    }
    std::string end;
    put32(end, kZipEndOfCentralDirectory);
    put16(end, 0);
    put16(end, 0);
    put16(end, static_cast<std::uint16_t>(entries.size()));
    put16(end, static_cast<std::uint16_t>(entries.size()));
    put32(end, static_cast<std::uint32_t>(cd.size()));
    put32(end, static_cast<std::uint32_t>(start));
    put16(end, 0);  // comment
    if (writeRaw(cd)) writeRaw(end);
  }

  ~Impl() {
    stopWorker();
    if (zReady) deflateEnd(&z);
    if (file) std::fclose(file);
  }
};

ZipWriter::ZipWriter(const std::string& path, int level) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.file = std::fopen(path.c_str(), "wb");
  if (!m.file) throw XlsxError("无法创建导出文件", path + ": " + std::strerror(errno));
  // Raw deflate (negative window bits): zip has its own headers and CRC.
  if (deflateInit2(&m.z, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw XlsxError("无法创建导出文件", "deflateInit2");
  m.zReady = true;
  std::tie(m.dosTime, m.dosDate) = dosNow();
  m.pending.reserve(kChunkBytes * 2);
  m.worker = std::thread([&m] { m.run(); });
}

ZipWriter::~ZipWriter() = default;

void ZipWriter::beginEntry(const std::string& name) {
  if (impl_->closed) throw std::logic_error("ZipWriter::beginEntry after close");
  if (impl_->entryOpen) throw std::logic_error("ZipWriter::beginEntry while an entry is open");
  impl_->entryOpen = true;
  impl_->submit({Task::Kind::begin, name});
}

void ZipWriter::write(std::string_view data) {
  if (!impl_->entryOpen) throw std::logic_error("ZipWriter::write outside an entry");
  impl_->pending.append(data);
  if (impl_->pending.size() >= kChunkBytes) impl_->flushPending();
}

void ZipWriter::endEntry() {
  if (!impl_->entryOpen) throw std::logic_error("ZipWriter::endEntry without an entry");
  impl_->flushPending();
  impl_->entryOpen = false;
  impl_->submit({Task::Kind::end, {}});
}

void ZipWriter::addEntry(const std::string& name, std::string_view data) {
  beginEntry(name);
  write(data);
  endEntry();
}

void ZipWriter::close() {
  Impl& m = *impl_;
  if (m.closed) return;
  if (m.entryOpen) endEntry();
  m.closed = true;
  m.stopWorker();
  if (m.error.empty()) m.writeCentralDirectory();
  if (std::fflush(m.file) != 0 && m.error.empty()) m.error = std::string("flush: ") + std::strerror(errno);
  const int rc = std::fclose(m.file);
  m.file = nullptr;
  if (rc != 0 && m.error.empty()) m.error = std::string("close: ") + std::strerror(errno);
  if (!m.error.empty()) throw XlsxError(kWriteFailed, m.error);
}

}  // namespace baoan::io
