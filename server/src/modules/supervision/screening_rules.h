#pragma once
// Pure rules of the background screening of guards (§9.3), unit-tested without a database: the
// worker's settings, the retry schedule of a change whose check failed, and the key that makes an
// import of opinions idempotent.
#include <string>

namespace baoan::supervision {

// [screening] of the TOML config (and --screening-* flags of `baoan serve`).
struct ScreeningSettings {
  bool enabled = true;        // the worker runs in `baoan serve`
  int batchSize = 500;        // changes claimed at once
  int intervalMs = 1000;      // the pause when nothing is due (a full batch is followed at once by the next)
  int retryBaseMs = 30000;    // the first retry after an adapter error …
  int retryMaxMs = 3600000;   // … doubling up to this
  int leaseMs = 120000;       // a claimed change is left to its worker this long (a crash frees it after)
};

// Throws std::invalid_argument naming the wrong setting.
void validate(const ScreeningSettings& s);

// The settings of this process: set once at start-up, before any service reads them, by the config
// file's [screening] table (app/config.cpp) and the --screening-* flags of `baoan serve` (main.cpp).
ScreeningSettings& screeningSettings();

// When a change whose check failed for the `attempts`-th time (1, 2, …) is tried again: base, 2·base,
// 4·base, … capped at max, after `nowMs`.
long long nextAttemptAt(long long nowMs, int attempts, int baseMs, int maxMs);

// The key of an imported opinion row: the same flagged person, action and opinion (trimmed) give the
// same key, so that the same file imported twice changes nothing.
std::string opinionImportKey(long long flaggedId, const std::string& action, const std::string& opinion);

// The actions of an opinion and their names: dismiss 责令辞退, observe 继续观察, false_positive 误报.
bool isOpinionAction(const std::string& action);
std::string opinionActionName(const std::string& action);  // "" when unknown
// The action of a name or code ("责令辞退" or "dismiss"); "" when neither.
std::string opinionActionOf(const std::string& nameOrCode);
// The state's name: pending 待处理 and the actions' names.
std::string flaggedStateName(const std::string& state);

}  // namespace baoan::supervision
