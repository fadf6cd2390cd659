#include "io/pdf_trial.h"

#include <spawn.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <iostream>
#include <iterator>
#include <thread>
#include <vector>

#include "io/pdf.h"

extern char** environ;

namespace baoan::io::pdf {

namespace {
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kPdfTrialSanitized = true;  // ASan reserves terabytes of shadow memory: no memory limit
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kPdfTrialSanitized = true;
#else
constexpr bool kPdfTrialSanitized = false;
#endif
#else
constexpr bool kPdfTrialSanitized = false;
#endif

bool writeAll(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}
}  // namespace

bool trialInChild(const std::string& exe, const std::string& bytes, int maxPages, const TrialLimits& limits) {
  // The bytes go to the child's standard input from a memory file: no pipe to block on or break.
  const int input = ::memfd_create("baoan-pdf-trial", MFD_CLOEXEC);
  if (input < 0) return false;
  if (!writeAll(input, bytes) || ::lseek(input, 0, SEEK_SET) != 0) {
    ::close(input);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, input, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // none of the server's sockets and files
  const std::string pages = std::to_string(maxPages);
  std::vector<char*> argv{const_cast<char*>("baoan"), const_cast<char*>("pdf-trial"), const_cast<char*>("--pages"),
                          const_cast<char*>(pages.c_str()), nullptr};
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(input);
  if (rc != 0) return false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limits.wallSeconds);
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) return false;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int runPdfTrial(int maxPages, const TrialLimits& limits) {
  if (!kPdfTrialSanitized) {
    const rlimit memory{static_cast<rlim_t>(limits.memoryBytes), static_cast<rlim_t>(limits.memoryBytes)};
    ::setrlimit(RLIMIT_DATA, &memory);
  }
  const rlimit cpu{static_cast<rlim_t>(limits.cpuSeconds), static_cast<rlim_t>(limits.cpuSeconds)};
  ::setrlimit(RLIMIT_CPU, &cpu);
  std::cin >> std::noskipws;
  const std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  try {
    trialRender(bytes, maxPages);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "pdf-trial: " << e.what() << "\n";
    return 3;
  }
}

}  // namespace baoan::io::pdf
