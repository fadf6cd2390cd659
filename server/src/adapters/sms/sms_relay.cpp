#include "adapters/sms/sms_relay.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/clock.h"
#include "core/validation.h"
#include "crypto/crypto.h"

namespace baoan::sms {

RelayOptions relayOptions(const Settings& s) {
  RelayOptions o;
  o.maxAttempts = s.maxAttempts;
  o.backoffSeconds = s.backoffSeconds;
  o.pollMs = s.pollMs;
  o.leaseMs = static_cast<long long>(s.timeoutMs) + 60000;
  o.secrets = secretsOf(s);
  if (s.provider == "aliyun") o.secrets.push_back(s.aliyun.accessKeyId);
  return o;
}

Relay::Relay(db::Database& db, Provider& provider, RelayOptions options, Clock clock)
    : db_(db), provider_(provider), options_(std::move(options)), clock_(clock ? std::move(clock) : Clock(core::nowMs)) {
  if (options_.backoffSeconds.empty()) options_.backoffSeconds = {30};
  options_.maxAttempts = std::max(1, options_.maxAttempts);
}

Relay::~Relay() { stop(); }

void Relay::start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> l(mu_);
    stopping_ = false;
  }
  cancel_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Relay::stop() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stopping_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Relay::kick() {
  {
    std::lock_guard<std::mutex> l(mu_);
    ++kicks_;
    lastKick_ = std::chrono::steady_clock::now();
  }
  cv_.notify_all();
}

long long Relay::backoffMs(int attempt) const {
  const auto& b = options_.backoffSeconds;
  const std::size_t i = std::min(b.size() - 1, static_cast<std::size_t>(std::max(1, attempt) - 1));
  return static_cast<long long>(b[i]) * 1000;
}

void Relay::loop() {
  unsigned long long seen = 0;
  while (true) {
    int claimed = 0;
    try {
      claimed = runOnce();
    } catch (const std::exception& e) {
      // The database is away (restart, network): try again at the next poll.
      spdlog::warn("sms relay: {}", e.what());
    }
    std::unique_lock<std::mutex> l(mu_);
    if (stopping_) return;
    if (claimed > 0 || kicks_ != seen) {  // more may be due, or something was queued meanwhile
      seen = kicks_;
      continue;
    }
    // Shortly after a kick the message may not be committed yet: look again soon, then less often
    // (10 ms, …, half the time since the kick) until the normal poll interval.
    auto wait = std::chrono::milliseconds(options_.pollMs);
    if (kicks_ > 0) {
      const auto since = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - lastKick_);
      wait = std::clamp(since / 2, std::chrono::milliseconds(10), wait);
    }
    cv_.wait_for(l, wait, [&] { return stopping_ || kicks_ != seen; });
    if (stopping_) return;
    seen = kicks_;
  }
}

int Relay::runOnce() {
  const long long now = clock_();
  const auto due = db_.read([&](db::Conn& c) {
    return c.query(db::Query(
        "SELECT id FROM sms_messages WHERE (status = 'queued' AND next_attempt_at <= ?) "
        "OR (status = 'sending' AND lease_until < ?) ORDER BY id LIMIT ?",
        now, now, options_.batch));
  });
  int claimed = 0;
  for (const auto& row : due) {
    if (cancel_) break;
    Outgoing m;
    std::string token;
    if (!claim(row.i64(0), m, token)) continue;  // another relay took it
    ++claimed;
    Delivery d;
    try {
      d = provider_.deliver(m, cancel_);
    } catch (const std::exception& e) {
      d = {Outcome::retry, "", std::string("发送出错: ") + e.what()};
    }
    record(m, token, std::move(d));
  }
  return claimed;
}

bool Relay::claim(long long id, Outgoing& out, std::string& token) {
  token = crypto::randomToken(8);
  return db_.write([&](db::Conn& c) {
    const long long now = clock_();
    const long long n = c.exec(db::Query(
        "UPDATE sms_messages SET status = 'sending', attempts = attempts + 1, lease_until = ?, claim_token = ? "
        "WHERE id = ? AND ((status = 'queued' AND next_attempt_at <= ?) OR (status = 'sending' AND lease_until < ?))",
        now + options_.leaseMs, token, id, now, now));
    if (n != 1) return false;
    auto r = c.queryOne(db::Query("SELECT mobile, purpose, content, params, attempts FROM sms_messages WHERE id = ?", id));
    if (!r) return false;
    out.id = id;
    out.mobile = r->str(0);
    out.purpose = r->str(1);
    out.content = r->str(2);
    const auto params = nlohmann::json::parse(r->str(3), nullptr, false);
    if (params.is_object())
      for (const auto& [k, v] : params.items())
        if (v.is_string()) out.params[k] = v.get<std::string>();
    out.attempt = static_cast<int>(r->i64(4));
    out.requestId = "baoan-sms-" + std::to_string(id);
    return true;
  });
}

void Relay::record(const Outgoing& m, const std::string& token, Delivery d) {
  const long long now = clock_();
  const std::string who = core::maskMobile(m.mobile);
  const std::string error = scrub(d.error, options_.secrets);
  // Stopped mid-request: not the message's fault; due again at once for the next relay.
  const bool interrupted = d.outcome == Outcome::retry && cancel_;
  if (d.outcome == Outcome::retry && !interrupted && m.attempt >= options_.maxAttempts) d.outcome = Outcome::failed;
  const long long next = interrupted ? now : now + backoffMs(m.attempt);
  long long n = 0;
  db_.write([&](db::Conn& c) {
    if (d.outcome == Outcome::sent) {
      n = c.exec(db::Query(
          "UPDATE sms_messages SET status = 'sent', sent_at = ?, provider = ?, provider_message_id = ?, last_error = NULL, "
          "next_attempt_at = NULL, lease_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?",
          now, provider_.name(), scrub(d.providerMessageId, options_.secrets, 100), m.id, token));
    } else if (d.outcome == Outcome::retry) {
      n = c.exec(db::Query(
          "UPDATE sms_messages SET status = 'queued', next_attempt_at = ?, provider = ?, last_error = ?, lease_until = NULL, "
          "claim_token = NULL WHERE id = ? AND claim_token = ?",
          next, provider_.name(), error, m.id, token));
    } else {
      n = c.exec(db::Query(
          "UPDATE sms_messages SET status = 'failed', provider = ?, last_error = ?, next_attempt_at = NULL, lease_until = NULL, "
          "claim_token = NULL WHERE id = ? AND claim_token = ?",
          provider_.name(), error, m.id, token));
    }
  });
  if (n != 1) {
    spdlog::warn("sms {}: its lease ran out while sending; another relay took it over", m.id);
    return;
  }
  switch (d.outcome) {
    case Outcome::sent:
      spdlog::info("sms {}: sent via {} to {} ({}, attempt {})", m.id, provider_.name(), who, m.purpose, m.attempt);
      break;
    case Outcome::retry:
      spdlog::warn("sms {}: attempt {} via {} failed, next in {} s: {}", m.id, m.attempt, provider_.name(),
                   (next - now) / 1000, error);
      break;
    case Outcome::failed:
      spdlog::error("sms {}: failed via {} to {} ({}) after {} attempt(s): {}", m.id, provider_.name(), who, m.purpose,
                    m.attempt, error);
      break;
  }
}

}  // namespace baoan::sms
