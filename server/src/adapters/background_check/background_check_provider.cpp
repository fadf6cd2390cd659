// What the providers share: settings checks, the local provider on the watch list, the circuit breaker.
#include "adapters/background_check/background_check_provider.h"

#include <chrono>
#include <set>
#include <stdexcept>

namespace baoan::background_check {

namespace {

bool isHttpUrl(const std::string& u) { return u.rfind("http://", 0) == 0 || u.rfind("https://", 0) == 0; }

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("[background_check] " + what);
}

long long steadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

class LocalProvider : public Provider {
 public:
  explicit LocalProvider(WatchListLookup lookup) : lookup_(std::move(lookup)) {}
  const char* name() const override { return "local"; }

  Answer check(const Person& p, const Database& db) override { return checkAll(p, {db}).front(); }

  std::vector<Answer> checkAll(const Person& p, const std::vector<Database>& dbs) override {
    std::vector<WatchHit> hits;
    try {
      hits = lookup_(p.idNo);
    } catch (const std::exception&) {
      return std::vector<Answer>(dbs.size(), Answer{Result::error, "名单库查询失败,请稍后重试"});
    }
    std::vector<Answer> out;
    for (const auto& db : dbs) {
      std::string detail;
      for (const auto& h : hits) {
        if (h.database != db.code) continue;
        if (!detail.empty()) detail += ";";
        detail += h.situation.empty() ? std::string("在列") : h.situation;
        if (!h.source.empty()) detail += "(来源:" + h.source + ")";
        if (!h.name.empty() && h.name != p.name) detail += "(名单姓名:" + h.name + ")";
      }
      out.push_back(detail.empty() ? Answer{Result::pass, "未命中"} : Answer{Result::hit, "命中" + db.name + ":" + detail});
    }
    return out;
  }

 private:
  WatchListLookup lookup_;
};

}  // namespace

const char* resultCode(Result r) {
  switch (r) {
    case Result::pass: return "pass";
    case Result::hit: return "hit";
    default: return "error";
  }
}

std::vector<Database> defaultDatabases() {
  return {{"fugitive", "全国在逃人员信息库", ""},
          {"criminal", "全国违法犯罪人员信息库", ""},
          {"drug", "全国吸毒人员信息库", ""},
          {"key_person", "全国重点人员信息库", ""}};
}

void validate(const Settings& s) {
  require(s.provider == "local" || s.provider == "http", "provider must be \"local\" or \"http\", not \"" + s.provider + "\"");
  require(!s.databases.empty(), "databases must list at least one database");
  std::set<std::string> codes;
  for (const auto& d : s.databases) {
    require(!d.code.empty() && d.code.size() <= 32 && d.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos,
            "databases: code must be 1-32 characters a-z, 0-9 or _ (\"" + d.code + "\")");
    require(codes.insert(d.code).second, "databases: code \"" + d.code + "\" is listed twice");
    require(!d.name.empty(), "databases: database \"" + d.code + "\" needs a name");
  }
  require(s.connectTimeoutMs >= 100 && s.connectTimeoutMs <= 600000, "connect_timeout_ms must be 100…600000");
  require(s.timeoutMs >= 100 && s.timeoutMs <= 600000, "timeout_ms must be 100…600000");
  require(s.maxAttempts >= 1 && s.maxAttempts <= 10, "max_attempts must be 1…10");
  require(s.retryDelayMs >= 0 && s.retryDelayMs <= 60000, "retry_delay_ms must be 0…60000");
  require(s.breakerFailures >= 1 && s.breakerFailures <= 1000, "breaker_failures must be 1…1000");
  require(s.breakerCooldownSeconds >= 1 && s.breakerCooldownSeconds <= 86400, "breaker_cooldown_seconds must be 1…86400");
  require(s.concurrency >= 1 && s.concurrency <= 32, "concurrency must be 1…32");
  if (s.provider == "http") {
    const auto& h = s.http;
    require(isHttpUrl(h.url), "http.url must be an http(s) URL");
    require(!h.secret.empty(), "http.secret (or BAOAN_BGCHECK_HTTP_SECRET) is required");
    require(h.signatureEncoding == "hex" || h.signatureEncoding == "base64",
            "http.signature_encoding must be \"hex\" or \"base64\"");
    require(!h.signatureHeader.empty() && !h.timestampHeader.empty(),
            "http.signature_header and http.timestamp_header must not be empty");
    require(!h.idNoField.empty(), "http.id_no_field must not be empty");
    require(!h.resultField.empty(), "http.result_field must not be empty");
    require(!h.passValues.empty() && !h.hitValues.empty(), "http.pass_values and http.hit_values must not be empty");
    for (const auto& v : h.passValues)
      for (const auto& w : h.hitValues) require(v != w, "http: \"" + v + "\" is both a pass and a hit value");
  }
}

const Database* findDatabase(const Settings& s, const std::string& code) {
  for (const auto& d : s.databases)
    if (d.code == code) return &d;
  return nullptr;
}

std::vector<Answer> Provider::checkAll(const Person& p, const std::vector<Database>& dbs) {
  std::vector<Answer> out;
  out.reserve(dbs.size());
  for (const auto& db : dbs) out.push_back(check(p, db));
  return out;
}

std::unique_ptr<Provider> makeLocalProvider(WatchListLookup lookup) { return std::make_unique<LocalProvider>(std::move(lookup)); }

std::unique_ptr<Provider> makeProvider(const Settings& s, WatchListLookup lookup) {
  if (s.provider == "http") return makeHttpProvider(s);
  return makeLocalProvider(std::move(lookup));
}

// ---------------------------------------------------------------------------------------------------

CircuitBreaker::CircuitBreaker(int failures, long long cooldownMs, Clock clock)
    : threshold_(failures), cooldownMs_(cooldownMs), clock_(std::move(clock)) {}

long long CircuitBreaker::now() const { return clock_ ? clock_() : steadyMs(); }

bool CircuitBreaker::allow() {
  std::lock_guard<std::mutex> l(mu_);
  if (!open_) return true;
  if (now() - openedAt_ < cooldownMs_ || trialInFlight_) return false;
  trialInFlight_ = true;  // half-open: this caller's request decides
  return true;
}

void CircuitBreaker::success() {
  std::lock_guard<std::mutex> l(mu_);
  consecutive_ = 0;
  open_ = false;
  trialInFlight_ = false;
}

void CircuitBreaker::failure() {
  std::lock_guard<std::mutex> l(mu_);
  if (open_) {
    // The trial failed (or a request let through before it opened): open for another cool-down.
    openedAt_ = now();
    trialInFlight_ = false;
    return;
  }
  if (++consecutive_ >= threshold_) {
    open_ = true;
    openedAt_ = now();
    trialInFlight_ = false;
  }
}

CircuitBreaker::State CircuitBreaker::state() {
  std::lock_guard<std::mutex> l(mu_);
  if (!open_) return State::closed;
  return now() - openedAt_ < cooldownMs_ ? State::open : State::halfOpen;
}

long long CircuitBreaker::msUntilRetry() {
  std::lock_guard<std::mutex> l(mu_);
  if (!open_) return 0;
  const long long left = cooldownMs_ - (now() - openedAt_);
  return left > 0 ? left : 0;
}

}  // namespace baoan::background_check
