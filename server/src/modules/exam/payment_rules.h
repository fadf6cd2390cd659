#pragma once
// The exam fee of one registration (DOMAIN.md "Exam fee and payment"), as a pure function: unit-tested
// without a database.
//
// The fee is the city's (theory part + skills part, in fen) when the order is opened. One free resit
// (补考): a registration pays nothing when
//   - it is a resit: attempt ≥ 2, and
//   - the person's previous registration (the latest earlier one that reached an exam result) ended
//     failed having sat the exam — 缺考 (absent) is not 不合格, so an absence gives no free resit, and
//   - the person has not used the free resit yet: no earlier registration of the same ID number has a
//     free order that stands (paid; one refunded because its registration was cancelled gives it back).
// Everyone else pays the city's fee.
#include <optional>
#include <string>

namespace baoan::exam {

struct CityFee {
  long long theoryFen = 0;
  long long skillsFen = 0;
};

struct PreviousAttempt {
  std::string status;  // the registration's status (failed, certified, …)
  bool absent = false;  // did not sit the exam (缺考)
};

struct FeeDecision {
  long long theoryFen = 0;
  long long skillsFen = 0;
  long long amountFen = 0;
  bool freeResit = false;
};

FeeDecision decideFee(const CityFee& fee, int attempt, const std::optional<PreviousAttempt>& previous, bool freeResitUsed);

// "120.00" for 12000 fen.
std::string yuan(long long fen);

}  // namespace baoan::exam
