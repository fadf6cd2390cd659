#include "modules/supervision/screening_worker.h"

#include <spdlog/spdlog.h>

#include "core/clock.h"

namespace baoan::supervision {

void ScreeningWorker::start() {
  if (thread_.joinable() || !svc_.settings().enabled) return;
  thread_ = std::thread([this] { loop(); });
}

void ScreeningWorker::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ScreeningWorker::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  long long waitMs = 0;  // the first batch at once (changes left from before a restart)
  while (!stopping_) {
    if (waitMs > 0 && cv_.wait_for(lock, std::chrono::milliseconds(waitMs), [this] { return stopping_; })) break;
    lock.unlock();
    bool full = false;
    try {
      const auto s = svc_.screenBatch(core::nowMs());
      full = s.claimed >= svc_.settings().batchSize;
      if (s.flagged || s.failed)
        spdlog::info("screening: {} changes screened, {} to retry, {} persons flagged", s.screened, s.failed, s.flagged);
    } catch (const std::exception& e) {
      spdlog::error("screening: batch failed: {}", e.what());
    }
    waitMs = full ? 0 : svc_.settings().intervalMs;
    lock.lock();
  }
}

}  // namespace baoan::supervision
