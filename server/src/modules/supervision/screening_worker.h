#pragma once
// The screening worker of `baoan serve` (§9.3): a background thread that runs
// ScreeningService::screenBatch — at once again after a full batch, after interval_ms otherwise —
// and stops cleanly with the server. Several server processes may run it at once (the claim is a
// guarded update with a lease).
#include <condition_variable>
#include <mutex>
#include <thread>

#include "modules/supervision/screening_service.h"

namespace baoan::supervision {

class ScreeningWorker {
 public:
  explicit ScreeningWorker(ScreeningService& svc) : svc_(svc) {}
  ~ScreeningWorker() { stop(); }
  ScreeningWorker(const ScreeningWorker&) = delete;
  ScreeningWorker& operator=(const ScreeningWorker&) = delete;
  void start();
  void stop();

 private:
  void loop();
  ScreeningService& svc_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace baoan::supervision
