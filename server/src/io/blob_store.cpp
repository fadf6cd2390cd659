#include "io/blob_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "crypto/crypto.h"
#include "io/work_dir.h"

namespace baoan::io {

namespace fs = std::filesystem;

namespace {
void makeDir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
}

bool isSha256Hex(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}
}  // namespace

BlobStore::BlobStore(std::string dataDir) : root_((fs::path(dataDir) / "files").string()) {}

std::string BlobStore::pathOf(const std::string& sha) const {
  return (fs::path(root_) / sha.substr(0, 2) / sha.substr(2, 2) / sha).string();
}

std::string BlobStore::find(const std::string& sha) const {
  if (!isSha256Hex(sha)) return {};
  const std::string p = pathOf(sha);
  std::error_code ec;
  return fs::is_regular_file(p, ec) ? p : std::string();
}

std::string BlobStore::put(std::string_view bytes) const {
  const std::string sha = crypto::sha256Hex(bytes);
  const std::string target = pathOf(sha);
  std::error_code ec;
  if (fs::is_regular_file(target, ec) && fs::file_size(target, ec) == bytes.size()) return sha;
  makeDir(fs::path(target).parent_path());
  // Written in full and flushed to disk under a private name, then renamed: rename is atomic, so the
  // content at a hash is either absent or whole.
  const std::string temp = newWorkFile(".blob");
  const int fd = ::open(temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::string("cannot write a file: ") + std::strerror(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = errno;
      ::close(fd);
      std::remove(temp.c_str());
      throw std::runtime_error(std::string("cannot write a file: ") + std::strerror(e));
    }
    done += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) {
    std::remove(temp.c_str());
    throw std::runtime_error(std::string("cannot write a file to disk: ") + std::strerror(errno));
  }
  // The work folder lies under the same data directory, so rename stays on one file system; when it
  // does not (no work folder was set up: commands, tests), copy instead.
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    fs::copy_file(temp, target, fs::copy_options::overwrite_existing, ec);
    std::remove(temp.c_str());
    if (ec) throw std::runtime_error("cannot store a file: " + ec.message());
  }
  return sha;
}

}  // namespace baoan::io
