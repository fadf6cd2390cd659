// The outbox: a message becomes a `queued` row in the caller's transaction; the relay delivers it.
#include <nlohmann/json.hpp>

#include "adapters/sms/sms_gateway.h"
#include "core/clock.h"

namespace baoan::sms {

namespace {
class Outbox : public Gateway {
 public:
  Outbox(std::string provider, std::function<void()> onQueued)
      : provider_(std::move(provider)), onQueued_(std::move(onQueued)) {}
  const char* name() const override { return provider_.c_str(); }
  void send(db::Conn& c, const Message& m) override {
    const long long now = core::nowMs();
    const std::string params = nlohmann::json(m.params).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    c.exec(db::Query(
        "INSERT INTO sms_messages (at, mobile, purpose, content, params, status, provider, attempts, next_attempt_at, "
        "user_id, org_path) VALUES (?, ?, ?, ?, ?, 'queued', ?, 0, ?, ?, ?)",
        now, m.mobile, m.purpose, m.content, params, provider_, now, m.userId, m.orgPath));
    // Still inside the caller's transaction: the relay may look before the commit and find nothing;
    // it then looks again a few times in quick succession (sms_relay.cpp).
    if (onQueued_) onQueued_();
  }

 private:
  std::string provider_;
  std::function<void()> onQueued_;
};
}  // namespace

std::unique_ptr<Gateway> makeOutbox(std::string provider, std::function<void()> onQueued) {
  return std::make_unique<Outbox>(std::move(provider), std::move(onQueued));
}

std::unique_ptr<Gateway> makeLocalGateway() { return makeOutbox("local", nullptr); }

}  // namespace baoan::sms
