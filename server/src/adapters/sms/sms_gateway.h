#pragma once
// Sending SMS. Every message is first written to the sms_messages table inside the caller's
// transaction (an outbox: a rolled-back change sends nothing). The built-in gateway delivers by
// recording the message as sent — an operator reads it on the 短信记录 page or with
// `baoan sms list`. A gateway for a real SMS provider implements the same interface and delivers
// queued rows from the outbox.
#include <memory>
#include <optional>
#include <string>

#include "db/db.h"

namespace baoan::sms {

struct Message {
  std::string mobile;
  std::string purpose;  // account_created | password_reset | verification_code | …
  std::string content;
  std::optional<long long> userId;
  std::string orgPath;  // whose data it is, for the log's data scope
};

class Gateway {
 public:
  virtual ~Gateway() = default;
  virtual const char* name() const = 0;
  virtual void send(db::Conn& c, const Message& m) = 0;
};

// Records messages as delivered in the local log: for installations without an SMS contract and for tests.
std::unique_ptr<Gateway> makeLocalGateway();

}  // namespace baoan::sms
