#include "modules/supervision/screening_rules.h"

#include <algorithm>
#include <stdexcept>

#include "core/validation.h"

namespace baoan::supervision {

void validate(const ScreeningSettings& s) {
  auto require = [](bool ok, const char* what) {
    if (!ok) throw std::invalid_argument(std::string("[screening] ") + what);
  };
  require(s.batchSize >= 1 && s.batchSize <= 10000, "batch_size must be 1…10000");
  require(s.intervalMs >= 10 && s.intervalMs <= 3600000, "interval_ms must be 10…3600000");
  require(s.retryBaseMs >= 10 && s.retryBaseMs <= 86400000, "retry_base_ms must be 10…86400000");
  require(s.retryMaxMs >= s.retryBaseMs && s.retryMaxMs <= 7 * 86400000LL, "retry_max_ms must be retry_base_ms…7 days");
  require(s.leaseMs >= 1000 && s.leaseMs <= 86400000, "lease_ms must be 1000…86400000");
}

ScreeningSettings& screeningSettings() {
  static ScreeningSettings s;
  return s;
}

long long nextAttemptAt(long long nowMs, int attempts, int baseMs, int maxMs) {
  long long delay = baseMs;
  for (int i = 1; i < attempts && delay < maxMs; ++i) delay *= 2;
  return nowMs + std::min<long long>(delay, maxMs);
}

std::string opinionImportKey(long long flaggedId, const std::string& action, const std::string& opinion) {
  // FNV-1a over the normalised row: short, stable across processes and versions.
  const std::string text = std::to_string(flaggedId) + "\x1f" + core::trim(action) + "\x1f" + core::trim(opinion);
  unsigned long long h = 1469598103934665603ULL;
  for (unsigned char ch : text) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  static const char* hex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 0xF];
  return std::to_string(flaggedId) + "-" + out;
}

bool isOpinionAction(const std::string& action) { return !opinionActionName(action).empty(); }

std::string opinionActionName(const std::string& action) {
  if (action == "dismiss") return "责令辞退";
  if (action == "observe") return "继续观察";
  if (action == "false_positive") return "误报";
  return "";
}

std::string opinionActionOf(const std::string& nameOrCode) {
  const std::string t = core::trim(nameOrCode);
  for (const char* a : {"dismiss", "observe", "false_positive"})
    if (t == a || t == opinionActionName(a)) return a;
  return "";
}

std::string flaggedStateName(const std::string& state) {
  if (state == "pending") return "待处理";
  return opinionActionName(state);
}

}  // namespace baoan::supervision
