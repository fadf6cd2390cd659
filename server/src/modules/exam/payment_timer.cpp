#include "modules/exam/payment_timer.h"

#include <spdlog/spdlog.h>

#include "core/clock.h"

namespace baoan::exam {

void PaymentTimer::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { loop(); });
}

void PaymentTimer::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PaymentTimer::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    if (cv_.wait_for(lock, std::chrono::milliseconds(everyMs_), [this] { return stopping_; })) break;
    lock.unlock();
    try {
      const auto s = svc_.reconcileOnce(core::nowMs());
      if (s.opened || s.settled || s.refunds)
        spdlog::info("payment: reconciliation opened {} orders, asked about {}, settled {}, sent {} refunds", s.opened, s.checked,
                     s.settled, s.refunds);
    } catch (const std::exception& e) {
      spdlog::error("payment: reconciliation failed: {}", e.what());
    }
    lock.lock();
  }
}

}  // namespace baoan::exam
