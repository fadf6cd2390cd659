#include "io/work_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>

namespace baoan::io {

namespace fs = std::filesystem;

namespace {
std::mutex mutex;
std::string current;

void makePrivate(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
  if (::chmod(dir.c_str(), 0700) != 0) throw std::runtime_error("cannot make " + dir.string() + " private: " + std::strerror(errno));
}

bool processRuns(const std::string& name) {
  if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos || name.size() > 9) return false;
  const pid_t pid = static_cast<pid_t>(std::stol(name));
  return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}
}  // namespace

void initWorkDir(const std::string& dataDir) {
  const fs::path base = fs::path(dataDir) / "tmp";
  makePrivate(base);
  // Leftovers of processes that died (kill -9 mid-export); folders of live servers sharing this data
  // directory stay.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(base, ec)) {
    const std::string name = entry.path().filename().string();
    if (name == std::to_string(::getpid()) || processRuns(name)) continue;
    fs::remove_all(entry.path(), ec);
  }
  const fs::path mine = base / std::to_string(::getpid());
  fs::remove_all(mine, ec);
  makePrivate(mine);
  std::lock_guard lock(mutex);
  current = mine.string();
}

const std::string& workDir() {
  std::lock_guard lock(mutex);
  if (current.empty()) {
    std::string pattern = (fs::temp_directory_path() / "baoan-work-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error(std::string("cannot create a private temp folder: ") + std::strerror(errno));
    current = pattern;  // mkdtemp makes it 0700
  }
  return current;
}

std::string newWorkFile(const std::string& suffix) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  const std::string dir = workDir();
  for (int attempt = 0; attempt < 16; ++attempt) {
    char name[40];
    std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(rng()));
    const std::string path = dir + "/" + name + suffix;
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      ::close(fd);
      return path;
    }
    if (errno != EEXIST) throw std::runtime_error("cannot create a work file: " + std::string(std::strerror(errno)));
  }
  throw std::runtime_error("cannot create a work file");
}

void removeWorkDir() {
  std::lock_guard lock(mutex);
  if (current.empty()) return;
  std::error_code ec;
  fs::remove_all(current, ec);
  current.clear();
}

}  // namespace baoan::io
