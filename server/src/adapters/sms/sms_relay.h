#pragma once
// The relay: a background thread of `baoan serve` that delivers the outbox's due messages through the
// provider, one at a time, outside any transaction.
//
// A message is claimed with a conditional UPDATE (status queued and due, or sending with its lease
// run out → sending, attempts + 1, a fresh lease and claim token), so that several server processes
// on one database never deliver it twice at the same time; only the holder of the claim token records
// the outcome. A process that dies while sending leaves the row `sending` until its lease runs out;
// then another relay tries again (at least once: the provider may have got it).
//
// Outcomes: sent (sent_at, the provider's message id); retry → queued again after the next wait of
// backoffSeconds (the last repeats) with the provider's answer in last_error; after maxAttempts, or
// at once for a refusal (wrong template, number, signature), failed.
//
// The relay polls every pollMs; kick() (called when this process queues a message) wakes it at once
// and makes it look again a few times in quick succession, since the message becomes visible only when
// the caller's transaction commits.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/sms/sms_provider.h"
#include "adapters/sms/sms_settings.h"
#include "db/db.h"

namespace baoan::sms {

struct RelayOptions {
  int maxAttempts = 5;
  std::vector<int> backoffSeconds{30, 120, 600, 1800};
  int pollMs = 2000;
  long long leaseMs = 70000;  // longer than one delivery can take
  int batch = 20;             // rows looked at per pass
  std::vector<std::string> secrets;  // scrubbed from every error text
};

RelayOptions relayOptions(const Settings& s);

class Relay {
 public:
  using Clock = std::function<long long()>;  // epoch ms
  Relay(db::Database& db, Provider& provider, RelayOptions options, Clock clock = nullptr);
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  void start();
  // Finishes (or abandons, as a retry) the delivery in flight and joins the thread.
  void stop();
  void kick();

  // One pass on the calling thread: claims and delivers the messages due now. Returns how many it
  // claimed. Tests drive the state machine with it (and a clock of their own).
  int runOnce();
  // The wait before the attempt after `attempt` failed (1-based), in ms.
  long long backoffMs(int attempt) const;

 private:
  void loop();
  bool claim(long long id, Outgoing& out, std::string& token);
  void record(const Outgoing& m, const std::string& token, Delivery d);

  db::Database& db_;
  Provider& provider_;
  RelayOptions options_;
  Clock clock_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  unsigned long long kicks_ = 0;
  std::chrono::steady_clock::time_point lastKick_{};
  std::atomic<bool> cancel_{false};
};

}  // namespace baoan::sms
