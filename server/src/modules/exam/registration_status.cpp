#include "modules/exam/registration_status.h"

#include <array>
#include <utility>
#include <vector>

namespace baoan::exam {

namespace {
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kStatuses = {{
    {"background_check", "待背景审查"},
    {"pending_payment", "待缴费"},
    {"pending_exam", "待安排考试"},
    {"scheduled", "已安排考试"},
    {"passed", "合格"},
    {"failed", "不合格"},
    {"pending_certificate", "待制证审批"},
    {"certifying", "待制证"},
    {"certified", "已制证"},
    {"rejected", "审查不通过"},
    {"cancelled", "已取消"},
}};
}  // namespace

std::string registrationStatusName(std::string_view status) {
  for (const auto& [code, name] : kStatuses)
    if (code == status) return std::string(name);
  return std::string(status);
}

bool isRegistrationStatus(std::string_view status) {
  for (const auto& s : kStatuses)
    if (s.first == status) return true;
  return false;
}

bool isClosedRegistration(std::string_view status) {
  return status == "failed" || status == "certified" || status == "rejected" || status == "cancelled";
}

bool moveRegistration(db::Conn& c, long long id, std::initializer_list<std::string_view> from, std::string_view to,
                      long long nowMs) {
  std::vector<std::string> states(from.begin(), from.end());
  db::Query q("UPDATE exam_registrations SET status = ?, updated_at = ? WHERE id = ? AND status IN ", std::string(to), nowMs, id);
  q.appendList(states);
  return c.exec(q) == 1;
}

namespace {
std::function<void(db::Conn&, long long)>& pendingPaymentHook() {
  static std::function<void(db::Conn&, long long)> hook;
  return hook;
}
}  // namespace

void setPendingPaymentHook(std::function<void(db::Conn&, long long registrationId)> hook) { pendingPaymentHook() = std::move(hook); }

void reachedPendingPayment(db::Conn& c, long long registrationId) {
  if (pendingPaymentHook()) pendingPaymentHook()(c, registrationId);
}

}  // namespace baoan::exam
