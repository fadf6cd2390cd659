#pragma once
// The background check adapter (背景审查, §4.1.1): checks one person (身份证号, 姓名) against one police
// database and answers pass, hit or error with a detail. An error never counts as a pass.
//
// Providers: `local` answers from the watch list an administrator keeps (名单管理, modules/background),
// reached through a lookup function so that the adapter holds no SQL; `http` asks the real police
// databases (JSON over HTTP, signed, with timeouts, bounded retries and a circuit breaker). Both are
// called outside any database transaction and may be called from several threads at once.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/background_check/background_check_settings.h"

namespace baoan::background_check {

enum class Result { pass, hit, error };
const char* resultCode(Result r);  // "pass" | "hit" | "error"

struct Person {
  std::string idNo;  // 18 characters, upper-case X
  std::string name;
};

struct Answer {
  Result result = Result::error;
  std::string detail;  // Chinese; for a hit the 情形, for an error what went wrong (no secret, no URL)
};

// One entry of the watch list for the local provider.
struct WatchHit {
  std::string database;  // Database::code
  std::string name;      // the name on the list
  std::string situation; // 情形
  std::string source;    // 来源
};
// Every watch-list entry of an ID number (any database).
using WatchListLookup = std::function<std::vector<WatchHit>(const std::string& idNo)>;

class Provider {
 public:
  virtual ~Provider() = default;
  virtual const char* name() const = 0;
  // Checks one person against one database. Never throws for a provider's or the network's failure:
  // that is an Answer with Result::error.
  virtual Answer check(const Person& p, const Database& db) = 0;
  // The person against each database, answers in the same order (the local provider asks once).
  virtual std::vector<Answer> checkAll(const Person& p, const std::vector<Database>& dbs);
  // How many checks the caller may run at once (a slow remote service is asked in parallel).
  virtual int concurrency() const { return 1; }
};

// The watch list: hit when the ID number is listed in that database, pass otherwise; an error when
// the lookup fails.
std::unique_ptr<Provider> makeLocalProvider(WatchListLookup lookup);

// Milliseconds of a steady clock; tests pass their own.
using Clock = std::function<long long()>;

std::unique_ptr<Provider> makeHttpProvider(const Settings& s, Clock clock = nullptr);

// The provider named by s.provider (validate(s) first); `lookup` serves the local one.
std::unique_ptr<Provider> makeProvider(const Settings& s, WatchListLookup lookup);

// Closed: requests go through and failures in a row are counted. After `failures` in a row it opens:
// allow() answers false for `cooldownMs`. Then it is half-open: allow() lets exactly one trial request
// through (others still get false) whose success closes it and whose failure opens it again.
class CircuitBreaker {
 public:
  enum class State { closed, open, halfOpen };
  CircuitBreaker(int failures, long long cooldownMs, Clock clock = nullptr);
  bool allow();
  void success();
  void failure();
  State state();
  long long msUntilRetry();  // while open: how long until a trial is let through; 0 otherwise

 private:
  long long now() const;
  int threshold_;
  long long cooldownMs_;
  Clock clock_;
  std::mutex mu_;
  int consecutive_ = 0;
  bool open_ = false;
  long long openedAt_ = 0;
  bool trialInFlight_ = false;
};

namespace http_protocol {
// HMAC-SHA256(secret, timestamp + "\n" + body), hex or base64 (as the generic SMS gateway).
std::string signature(const std::string& secret, const std::string& timestamp, const std::string& body,
                      const std::string& encoding);
}  // namespace http_protocol

}  // namespace baoan::background_check
