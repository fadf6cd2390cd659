#pragma once
// The exam registration pipeline (DOMAIN.md "Exam registration pipeline", migration 0019): the status
// codes, their names, and the one way every part of the exam module (the engine's grant, payment,
// exams and scores, certificates) moves a registration from one status to the next.
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

#include "db/db.h"

namespace baoan::exam {

// background_check pending_payment pending_exam scheduled passed failed pending_certificate
// certifying certified rejected cancelled
std::string registrationStatusName(std::string_view status);
bool isRegistrationStatus(std::string_view status);
// Closed registrations: the person may register again (failed) or is done.
bool isClosedRegistration(std::string_view status);

// Moves registration `id` to `to` when it is in one of `from`, in the caller's transaction; false when
// it is not (another request moved it first, or it never was there). Callers turn false into a 409.
bool moveRegistration(db::Conn& c, long long id, std::initializer_list<std::string_view> from, std::string_view to,
                      long long nowMs);

// A registration reached 待缴费 (the final 同意 of its checks), inside that transaction: the payment
// module opens its order there (a free resit is paid at once and moves on to 待安排考试 by itself). The
// composition root sets the hook once (modules/registry.h); without it the reconciliation timer opens
// the order later.
void setPendingPaymentHook(std::function<void(db::Conn&, long long registrationId)> hook);
void reachedPendingPayment(db::Conn& c, long long registrationId);

}  // namespace baoan::exam
