#pragma once
// Settings of a server process: from a TOML file (--config), overridden by command-line flags.
#include <string>

namespace baoan::app {

struct Config {
  std::string dbUrl;
  std::string listen = "127.0.0.1:8080";
  std::string webDir;
  // Files the server keeps for itself (exports being built, under tmp/). Empty: the folder of the
  // SQLite database, or ./data for PostgreSQL.
  std::string dataDir;
  int ioThreads = 0;  // 0: one per core
  int workerThreads = 8;
  std::string ioModel = "per-thread";  // or "shared" (see http::IoModel)
  std::string handlers = "inline";     // short handlers on the I/O threads; "pool": every request on the workers
  int workerNice = 5;                  // the workers' nice value (CPU priority below the I/O threads)
  int sessionIdleSeconds = 30 * 60;
  int loginRatePerMinute = 30;  // sign-in attempts per client address
  bool cookieSecure = false;    // set when served over TLS (behind nginx)
  std::string logLevel = "info";
};

// Reads the keys of a TOML file into cfg (only keys present are changed). Throws with a readable
// message on a syntax error or an unknown key.
void loadConfigFile(const std::string& path, Config& cfg);
// The data directory in effect (see Config::dataDir).
std::string effectiveDataDir(const Config& cfg);

}  // namespace baoan::app
