#pragma once
// The background screening of guards (§9.3, DOMAIN.md "Background check"): every guard create or
// change recorded in guard_changes is checked through the background-check adapter (the provider of
// BackgroundCheckService, the four police databases and the watch list) by a background worker,
// never in the request. Results are kept per guard and database (background_checks, subject
// "guard"); a hit makes or renews the guard's 问题人员 record; an adapter error is retried with
// backoff (screening_rules.h) and never counts as a pass.
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "modules/background/background_check_service.h"
#include "modules/supervision/flagged_store.h"
#include "modules/supervision/screening_rules.h"
#include "modules/supervision/screening_store.h"

namespace baoan::supervision {

struct BatchSummary {
  int claimed = 0;   // changes taken
  int screened = 0;  // changes done (every database answered)
  int failed = 0;    // changes put back for a retry
  int flagged = 0;   // flags made or opened again
};

class ScreeningService {
 public:
  ScreeningService(app::Context& ctx, background::BackgroundCheckService& checks,
                   ScreeningSettings settings = screeningSettings())
      : ctx_(ctx), checks_(checks), settings_(settings) {}
  // Claims one batch of due changes and screens them: one claim, the provider's answers outside any
  // transaction, one write of results, flags and marks. Several processes may run it at once.
  BatchSummary screenBatch(long long nowMs);
  // Runs batches until nothing is due (the demo seed; the bench).
  BatchSummary screenAllDue();
  // GET /api/v1/screening/status: {"pending", "done", "errors"}.
  nlohmann::json status();
  const ScreeningSettings& settings() const { return settings_; }

 private:
  app::Context& ctx_;
  background::BackgroundCheckService& checks_;
  ScreeningSettings settings_;
  ScreeningStore store_;
  FlaggedStore flagged_;
  background::BackgroundCheckStore results_;
};

}  // namespace baoan::supervision
