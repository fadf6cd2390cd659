#include "adapters/sms/sms_gateway.h"
#include "core/clock.h"

namespace baoan::sms {

namespace {
class LocalGateway : public Gateway {
 public:
  const char* name() const override { return "local"; }
  void send(db::Conn& c, const Message& m) override {
    c.exec(db::Query(
        "INSERT INTO sms_messages (at, mobile, purpose, content, status, provider, user_id, org_path) "
        "VALUES (?, ?, ?, ?, 'sent', 'local', ?, ?)",
        core::nowMs(), m.mobile, m.purpose, m.content, m.userId, m.orgPath));
  }
};
}  // namespace

std::unique_ptr<Gateway> makeLocalGateway() { return std::make_unique<LocalGateway>(); }

}  // namespace baoan::sms
