#include "app/config.h"

#include <filesystem>
#include <stdexcept>
#include <toml++/toml.h>

namespace baoan::app {

void loadConfigFile(const std::string& path, Config& cfg) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("config " + path + ": " + std::string(e.description()));
  }
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    auto str = [&]() {
      if (!value.is_string()) throw std::runtime_error("config " + path + ": " + k + " must be a string");
      return value.as_string()->get();
    };
    auto num = [&]() {
      if (!value.is_integer()) throw std::runtime_error("config " + path + ": " + k + " must be an integer");
      return static_cast<int>(value.as_integer()->get());
    };
    if (k == "db") cfg.dbUrl = str();
    else if (k == "listen") cfg.listen = str();
    else if (k == "web") cfg.webDir = str();
    else if (k == "data_dir") cfg.dataDir = str();
    else if (k == "io_threads") cfg.ioThreads = num();
    else if (k == "workers") cfg.workerThreads = num();
    else if (k == "io_model") cfg.ioModel = str();
    else if (k == "handlers") cfg.handlers = str();
    else if (k == "worker_nice") cfg.workerNice = num();
    else if (k == "session_idle_seconds") cfg.sessionIdleSeconds = num();
    else if (k == "login_rate_per_minute") cfg.loginRatePerMinute = num();
    else if (k == "log_level") cfg.logLevel = str();
    else if (k == "cookie_secure") {
      if (!value.is_boolean()) throw std::runtime_error("config " + path + ": cookie_secure must be true or false");
      cfg.cookieSecure = value.as_boolean()->get();
    } else {
      throw std::runtime_error("config " + path + ": unknown key " + k);
    }
  }
}

std::string effectiveDataDir(const Config& cfg) {
  if (!cfg.dataDir.empty()) return cfg.dataDir;
  const std::string prefix = "sqlite3://db=";
  if (cfg.dbUrl.rfind(prefix, 0) == 0) {
    const std::filesystem::path db = cfg.dbUrl.substr(prefix.size());
    return db.has_parent_path() ? db.parent_path().string() : ".";
  }
  return "data";
}

}  // namespace baoan::app
