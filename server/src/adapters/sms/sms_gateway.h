#pragma once
// Sending SMS. `send` writes the message to the sms_messages table inside the caller's transaction
// (an outbox: a rolled-back change sends nothing) with status `queued`. A relay (sms_relay.h, started
// by `baoan serve`) then delivers queued rows through the configured provider (sms_provider.h: the
// local log, 阿里云短信服务 or a generic HTTP gateway), retries with backoff, and records `sent` or
// `failed` with the provider's answer. Operators read the log on the 短信记录 page or with
// `baoan sms list`.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "db/db.h"

namespace baoan::sms {

struct Message {
  std::string mobile;
  std::string purpose;  // account_created | password_reset | verification_code | …
  std::string content;  // the full text (the local log and free-text gateways send it as is)
  std::optional<long long> userId;
  std::string orgPath;  // whose data it is, for the log's data scope
  // Template parameters for providers that send templates (阿里云): e.g. {"code", "123456"}. The
  // [sms.templates.<purpose>] config maps them to the provider's template variables.
  std::map<std::string, std::string> params = {};
};

class Gateway {
 public:
  virtual ~Gateway() = default;
  virtual const char* name() const = 0;  // the provider that will deliver
  // Queues the message in the caller's transaction.
  virtual void send(db::Conn& c, const Message& m) = 0;
};

// The outbox: queues messages for `provider`; onQueued (may be empty) is called after each one so
// that a relay in this process wakes up at once instead of at its next poll.
std::unique_ptr<Gateway> makeOutbox(std::string provider, std::function<void()> onQueued);

// An outbox for the local provider with no relay to wake (tools, `baoan routes`).
std::unique_ptr<Gateway> makeLocalGateway();

}  // namespace baoan::sms
