#pragma once
// Settings of a server process: from a TOML file (--config), overridden by command-line flags; SMS
// secrets may come from the environment (applyEnvironment).
#include <string>

#include "adapters/background_check/background_check_settings.h"
#include "adapters/payment/payment_settings.h"
#include "adapters/sms/sms_settings.h"

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
  int keepAliveSeconds = 75;  // idle HTTP connections are closed after this (as nginx's keepalive_timeout)
  int loginRatePerMinute = 30;  // sign-in attempts per client address
  // The work factor of new password hashes: "interactive" (deployments) or "minimum" (test servers only;
  // see crypto::HashCost).
  std::string passwordHashCost = "interactive";
  bool cookieSecure = false;    // set when served over TLS (behind nginx)
  // The address citizens reach this server at: the QR codes of licences link to
  // <public_base_url>/verify/licence/<token>.
  std::string publicBaseUrl = "http://127.0.0.1:8080";
  int verifyRatePerMinute = 30;  // public licence verifications per client address
  std::string logLevel = "info";
  sms::Settings sms;  // [sms]: provider, retries, accounts, templates
  background_check::Settings backgroundCheck;  // [background_check]: provider, databases, HTTP interface
  payment::Settings payment;  // [payment]: provider (local | gateway), the gateway's protocol, reconciliation, refunds
};

// Reads the keys of a TOML file into cfg (only keys present are changed). Throws with a readable
// message on a syntax error, an unknown key or a value of the wrong type (naming the key, never the
// value).
void loadConfigFile(const std::string& path, Config& cfg);
// The data directory in effect (see Config::dataDir).
std::string effectiveDataDir(const Config& cfg);

// Takes SMS secrets from the environment where set: BAOAN_SMS_ALIYUN_ACCESS_KEY_ID,
// BAOAN_SMS_ALIYUN_ACCESS_KEY_SECRET, BAOAN_SMS_HTTP_SECRET; the background check's HTTP secret from
// BAOAN_BGCHECK_HTTP_SECRET; the payment gateway's from BAOAN_PAYMENT_GATEWAY_SECRET (they win over the file).
void applyEnvironment(Config& cfg);

}  // namespace baoan::app
