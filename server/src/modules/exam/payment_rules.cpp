#include "modules/exam/payment_rules.h"

#include <cstdio>

namespace baoan::exam {

FeeDecision decideFee(const CityFee& fee, int attempt, const std::optional<PreviousAttempt>& previous, bool freeResitUsed) {
  FeeDecision d;
  const bool resit = attempt >= 2 && previous && previous->status == "failed" && !previous->absent;
  if (resit && !freeResitUsed) {
    d.freeResit = true;
    return d;
  }
  d.theoryFen = fee.theoryFen;
  d.skillsFen = fee.skillsFen;
  d.amountFen = fee.theoryFen + fee.skillsFen;
  return d;
}

std::string yuan(long long fen) {
  const bool negative = fen < 0;
  const unsigned long long v = negative ? static_cast<unsigned long long>(-(fen + 1)) + 1 : static_cast<unsigned long long>(fen);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", negative ? "-" : "", v / 100, v % 100);
  return buf;
}

}  // namespace baoan::exam
