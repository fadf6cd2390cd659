#include "app/config.h"

#include "modules/supervision/screening_rules.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <toml++/toml.h>

#include "modules/tasks/task_settings.h"

namespace baoan::app {

namespace {

// Reads the keys of one TOML table; errors name the file and the key's full path.
class TableReader {
 public:
  TableReader(const std::string& file, std::string prefix) : file_(file), prefix_(std::move(prefix)) {}

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw std::runtime_error("config " + file_ + ": " + prefix_ + key + " " + what);
  }
  std::string str(const std::string& key, const toml::node& v) const {
    if (!v.is_string()) fail(key, "must be a string");
    return v.as_string()->get();
  }
  int num(const std::string& key, const toml::node& v) const {
    if (!v.is_integer()) fail(key, "must be an integer");
    const auto n = v.as_integer()->get();
    if (n < -2147483647 || n > 2147483647) fail(key, "is out of range");
    return static_cast<int>(n);
  }
  bool boolean(const std::string& key, const toml::node& v) const {
    if (!v.is_boolean()) fail(key, "must be true or false");
    return v.as_boolean()->get();
  }
  const toml::table& table(const std::string& key, const toml::node& v) const {
    if (!v.is_table()) fail(key, "must be a table");
    return *v.as_table();
  }
  std::vector<int> ints(const std::string& key, const toml::node& v) const {
    if (!v.is_array()) fail(key, "must be an array of integers");
    std::vector<int> out;
    for (const auto& e : *v.as_array()) out.push_back(num(key, e));
    return out;
  }
  std::vector<std::string> strings(const std::string& key, const toml::node& v) const {
    if (!v.is_array()) fail(key, "must be an array of strings");
    std::vector<std::string> out;
    for (const auto& e : *v.as_array()) out.push_back(str(key, e));
    return out;
  }
  std::map<std::string, std::string> stringTable(const std::string& key, const toml::node& v) const {
    std::map<std::string, std::string> out;
    for (const auto& [k, e] : table(key, v)) out[std::string(k.str())] = str(key + "." + std::string(k.str()), e);
    return out;
  }
  std::string sub(const std::string& key) const { return prefix_ + key + "."; }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::string prefix_;
};

void loadAliyun(const TableReader& r, const toml::table& t, sms::AliyunSettings& a) {
  for (const auto& [key, v] : t) {
    const std::string k(key.str());
    if (k == "endpoint") a.endpoint = r.str(k, v);
    else if (k == "access_key_id") a.accessKeyId = r.str(k, v);
    else if (k == "access_key_secret") a.accessKeySecret = r.str(k, v);
    else if (k == "sign_name") a.signName = r.str(k, v);
    else if (k == "region_id") a.regionId = r.str(k, v);
    else r.fail(k, "is not a known key");
  }
}

void loadHttp(const TableReader& r, const toml::table& t, sms::HttpSettings& h) {
  for (const auto& [key, v] : t) {
    const std::string k(key.str());
    if (k == "url") h.url = r.str(k, v);
    else if (k == "secret") h.secret = r.str(k, v);
    else if (k == "app_id") h.appId = r.str(k, v);
    else if (k == "app_id_header") h.appIdHeader = r.str(k, v);
    else if (k == "timestamp_header") h.timestampHeader = r.str(k, v);
    else if (k == "signature_header") h.signatureHeader = r.str(k, v);
    else if (k == "signature_encoding") h.signatureEncoding = r.str(k, v);
    else if (k == "mobile_field") h.mobileField = r.str(k, v);
    else if (k == "content_field") h.contentField = r.str(k, v);
    else if (k == "template_field") h.templateField = r.str(k, v);
    else if (k == "params_field") h.paramsField = r.str(k, v);
    else if (k == "request_id_field") h.requestIdField = r.str(k, v);
    else if (k == "extra") h.extra = r.stringTable(k, v);
    else if (k == "success_field") h.successField = r.str(k, v);
    else if (k == "success_value") h.successValue = r.str(k, v);
    else if (k == "retry_values") h.retryValues = r.strings(k, v);
    else if (k == "message_id_field") h.messageIdField = r.str(k, v);
    else if (k == "error_field") h.errorField = r.str(k, v);
    else r.fail(k, "is not a known key");
  }
}

void loadTemplates(const TableReader& r, const toml::table& t, std::map<std::string, sms::Template>& out) {
  for (const auto& [purposeKey, v] : t) {
    const std::string purpose(purposeKey.str());
    TableReader tr(r.file(), r.sub(purpose));
    sms::Template& tpl = out[purpose];
    for (const auto& [key, e] : r.table(purpose, v)) {
      const std::string k(key.str());
      if (k == "aliyun") tpl.aliyun = tr.str(k, e);
      else if (k == "http") tpl.http = tr.str(k, e);
      else if (k == "params") tpl.params = tr.stringTable(k, e);
      else tr.fail(k, "is not a known key");
    }
  }
}

void loadSms(const TableReader& r, const toml::table& t, sms::Settings& s) {
  for (const auto& [key, v] : t) {
    const std::string k(key.str());
    if (k == "provider") s.provider = r.str(k, v);
    else if (k == "max_attempts") s.maxAttempts = r.num(k, v);
    else if (k == "backoff_seconds") s.backoffSeconds = r.ints(k, v);
    else if (k == "poll_ms") s.pollMs = r.num(k, v);
    else if (k == "connect_timeout_ms") s.connectTimeoutMs = r.num(k, v);
    else if (k == "timeout_ms") s.timeoutMs = r.num(k, v);
    else if (k == "ca_file") s.caFile = r.str(k, v);
    else if (k == "aliyun") loadAliyun(TableReader(r.file(), r.sub(k)), r.table(k, v), s.aliyun);
    else if (k == "http") loadHttp(TableReader(r.file(), r.sub(k)), r.table(k, v), s.http);
    else if (k == "templates") loadTemplates(TableReader(r.file(), r.sub(k)), r.table(k, v), s.templates);
    else r.fail(k, "is not a known key");
  }
}

void loadBgHttp(const TableReader& r, const toml::table& t, background_check::HttpSettings& h) {
  for (const auto& [key, v] : t) {
    const std::string k(key.str());
    if (k == "url") h.url = r.str(k, v);
    else if (k == "secret") h.secret = r.str(k, v);
    else if (k == "app_id") h.appId = r.str(k, v);
    else if (k == "app_id_header") h.appIdHeader = r.str(k, v);
    else if (k == "timestamp_header") h.timestampHeader = r.str(k, v);
    else if (k == "signature_header") h.signatureHeader = r.str(k, v);
    else if (k == "signature_encoding") h.signatureEncoding = r.str(k, v);
    else if (k == "id_no_field") h.idNoField = r.str(k, v);
    else if (k == "name_field") h.nameField = r.str(k, v);
    else if (k == "database_field") h.databaseField = r.str(k, v);
    else if (k == "request_id_field") h.requestIdField = r.str(k, v);
    else if (k == "extra") h.extra = r.stringTable(k, v);
    else if (k == "result_field") h.resultField = r.str(k, v);
    else if (k == "pass_values") h.passValues = r.strings(k, v);
    else if (k == "hit_values") h.hitValues = r.strings(k, v);
    else if (k == "detail_field") h.detailField = r.str(k, v);
    else if (k == "error_field") h.errorField = r.str(k, v);
    else r.fail(k, "is not a known key");
  }
}

// [[background_check.databases]]: code, name, remote.
std::vector<background_check::Database> loadBgDatabases(const TableReader& r, const std::string& key, const toml::node& v) {
  if (!v.is_array()) r.fail(key, "must be an array of tables ([[background_check.databases]])");
  std::vector<background_check::Database> out;
  for (const auto& e : *v.as_array()) {
    const toml::table& t = r.table(key, e);
    TableReader tr(r.file(), r.sub(key));
    background_check::Database d;
    for (const auto& [k2, e2] : t) {
      const std::string k(k2.str());
      if (k == "code") d.code = tr.str(k, e2);
      else if (k == "name") d.name = tr.str(k, e2);
      else if (k == "remote") d.remote = tr.str(k, e2);
      else tr.fail(k, "is not a known key");
    }
    out.push_back(std::move(d));
  }
  return out;
}

void loadBackgroundCheck(const TableReader& r, const toml::table& t, background_check::Settings& s) {
  for (const auto& [key, v] : t) {
    const std::string k(key.str());
    if (k == "provider") s.provider = r.str(k, v);
    else if (k == "databases") s.databases = loadBgDatabases(r, k, v);
    else if (k == "connect_timeout_ms") s.connectTimeoutMs = r.num(k, v);
    else if (k == "timeout_ms") s.timeoutMs = r.num(k, v);
    else if (k == "max_attempts") s.maxAttempts = r.num(k, v);
    else if (k == "retry_delay_ms") s.retryDelayMs = r.num(k, v);
    else if (k == "breaker_failures") s.breakerFailures = r.num(k, v);
    else if (k == "breaker_cooldown_seconds") s.breakerCooldownSeconds = r.num(k, v);
    else if (k == "concurrency") s.concurrency = r.num(k, v);
    else if (k == "ca_file") s.caFile = r.str(k, v);
    else if (k == "http") loadBgHttp(TableReader(r.file(), r.sub(k)), r.table(k, v), s.http);
    else r.fail(k, "is not a known key");
  }
}

void loadPaymentGateway(const TableReader& r, const toml::table& t, payment::GatewaySettings& g) {
  for (const auto& [key, v] : t) {
    const std::string k(key.str());
    if (k == "url") g.url = r.str(k, v);
    else if (k == "secret") g.secret = r.str(k, v);
    else if (k == "merchant_id") g.merchantId = r.str(k, v);
    else if (k == "notify_url") g.notifyUrl = r.str(k, v);
    else if (k == "return_url") g.returnUrl = r.str(k, v);
    else if (k == "create_path") g.createPath = r.str(k, v);
    else if (k == "query_path") g.queryPath = r.str(k, v);
    else if (k == "refund_path") g.refundPath = r.str(k, v);
    else if (k == "timestamp_header") g.timestampHeader = r.str(k, v);
    else if (k == "nonce_header") g.nonceHeader = r.str(k, v);
    else if (k == "signature_header") g.signatureHeader = r.str(k, v);
    else r.fail(k, "is not a known key");
  }
}

void loadPayment(const TableReader& r, const toml::table& t, payment::Settings& s) {
  for (const auto& [key, v] : t) {
    const std::string k(key.str());
    if (k == "provider") s.provider = r.str(k, v);
    else if (k == "callback_window_seconds") s.callbackWindowSeconds = r.num(k, v);
    else if (k == "reconcile_every_seconds") s.reconcileEverySeconds = r.num(k, v);
    else if (k == "reconcile_after_seconds") s.reconcileAfterSeconds = r.num(k, v);
    else if (k == "refund_max_attempts") s.refundMaxAttempts = r.num(k, v);
    else if (k == "refund_backoff_seconds") s.refundBackoffSeconds = r.ints(k, v);
    else if (k == "connect_timeout_ms") s.connectTimeoutMs = r.num(k, v);
    else if (k == "timeout_ms") s.timeoutMs = r.num(k, v);
    else if (k == "ca_file") s.caFile = r.str(k, v);
    else if (k == "gateway") loadPaymentGateway(TableReader(r.file(), r.sub(k)), r.table(k, v), s.gateway);
    else r.fail(k, "is not a known key");
  }
}

void loadScreening(const TableReader& r, const toml::table& t, supervision::ScreeningSettings& s) {
  for (const auto& [key, v] : t) {
    const std::string k(key.str());
    if (k == "enabled") s.enabled = r.boolean(k, v);
    else if (k == "batch_size") s.batchSize = r.num(k, v);
    else if (k == "interval_ms") s.intervalMs = r.num(k, v);
    else if (k == "retry_base_ms") s.retryBaseMs = r.num(k, v);
    else if (k == "retry_max_ms") s.retryMaxMs = r.num(k, v);
    else if (k == "lease_ms") s.leaseMs = r.num(k, v);
    else r.fail(k, "is not a known key");
  }
}

}  // namespace

void loadConfigFile(const std::string& path, Config& cfg) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("config " + path + ": " + std::string(e.description()));
  }
  const TableReader r(path, "");
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    if (k == "db") cfg.dbUrl = r.str(k, value);
    else if (k == "listen") cfg.listen = r.str(k, value);
    else if (k == "web") cfg.webDir = r.str(k, value);
    else if (k == "data_dir") cfg.dataDir = r.str(k, value);
    else if (k == "io_threads") cfg.ioThreads = r.num(k, value);
    else if (k == "workers") cfg.workerThreads = r.num(k, value);
    else if (k == "io_model") cfg.ioModel = r.str(k, value);
    else if (k == "handlers") cfg.handlers = r.str(k, value);
    else if (k == "worker_nice") cfg.workerNice = r.num(k, value);
    else if (k == "session_idle_seconds") cfg.sessionIdleSeconds = r.num(k, value);
    else if (k == "keep_alive_seconds") cfg.keepAliveSeconds = r.num(k, value);
    else if (k == "login_rate_per_minute") cfg.loginRatePerMinute = r.num(k, value);
    else if (k == "password_hash_cost") cfg.passwordHashCost = r.str(k, value);
    else if (k == "public_base_url") cfg.publicBaseUrl = r.str(k, value);
    else if (k == "verify_rate_per_minute") cfg.verifyRatePerMinute = r.num(k, value);
    else if (k == "check_in_max_metres") tasks::taskSettings().checkInMaxMetres = r.num(k, value);
    else if (k == "log_level") cfg.logLevel = r.str(k, value);
    else if (k == "cookie_secure") cfg.cookieSecure = r.boolean(k, value);
    else if (k == "sms") loadSms(TableReader(path, "sms."), r.table(k, value), cfg.sms);
    else if (k == "background_check")
      loadBackgroundCheck(TableReader(path, "background_check."), r.table(k, value), cfg.backgroundCheck);
    else if (k == "payment") loadPayment(TableReader(path, "payment."), r.table(k, value), cfg.payment);
    else if (k == "screening") loadScreening(TableReader(path, "screening."), r.table(k, value), supervision::screeningSettings());
    else throw std::runtime_error("config " + path + ": unknown key " + k);
  }
}

void applyEnvironment(Config& cfg) {
  auto take = [](const char* name, std::string& into) {
    const char* v = std::getenv(name);
    if (v && *v) into = v;
  };
  take("BAOAN_SMS_ALIYUN_ACCESS_KEY_ID", cfg.sms.aliyun.accessKeyId);
  take("BAOAN_SMS_ALIYUN_ACCESS_KEY_SECRET", cfg.sms.aliyun.accessKeySecret);
  take("BAOAN_SMS_HTTP_SECRET", cfg.sms.http.secret);
  take("BAOAN_BGCHECK_HTTP_SECRET", cfg.backgroundCheck.http.secret);
  take("BAOAN_PAYMENT_GATEWAY_SECRET", cfg.payment.gateway.secret);
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
