#pragma once
// The reconciliation timer of `baoan serve` (DOMAIN.md "Exam fee and payment"): a background thread that runs
// PaymentService::reconcileOnce every reconcile_every_seconds — opens the orders of registrations
// waiting for payment (a free resit is paid at once), asks the gateway about unpaid orders, sends due
// refunds. Several server processes may run it at once: every step is a guarded update.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "modules/exam/payment_service.h"

namespace baoan::exam {

class PaymentTimer {
 public:
  PaymentTimer(PaymentService& svc, int everySeconds) : svc_(svc), everyMs_(everySeconds * 1000LL) {}
  ~PaymentTimer() { stop(); }
  PaymentTimer(const PaymentTimer&) = delete;
  PaymentTimer& operator=(const PaymentTimer&) = delete;
  void start();
  void stop();

 private:
  void loop();
  PaymentService& svc_;
  long long everyMs_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace baoan::exam
