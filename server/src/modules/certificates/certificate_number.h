#pragma once
// The number of a 保安员证 (issue 13, manual §6.3): 14 digits, never reused:
//   61 CC YYYY NNNNNN
//   │  │  │    └ the issuing city's sequence of that year, from 000001 (taken in the issuing transaction)
//   │  │  └ the year of issue
//   │  └ the issuing city (the 2 digits after the province in GB/T 2260: 04 = 咸阳市)
//   └ the province (61 = 陕西省)
// The sequence lives in licence_sequences (modules/number_sequence) under the key "保安员证CCCC",
// so two grants at once never share a number, and a revoked certificate's number is never given again.
#include <optional>
#include <string>

namespace baoan::certificates {

// "6104" for a region code of the city or below ("610400", "610404", "610404001000"); nullopt when the
// code is not one of a city of Shaanxi (61).
std::optional<std::string> cityPrefixOf(const std::string& regionCode);
// The sequence key of a city prefix ("保安员证6104").
std::string sequenceKey(const std::string& cityPrefix);
// "6104" + 2026 + 12 → "61042026000012"; throws std::out_of_range when seq is not 1…999999 or the year
// not four digits.
std::string formatNumber(const std::string& cityPrefix, int year, long long seq);
// 14 digits starting with 61.
bool isCertificateNumber(const std::string& s);

}  // namespace baoan::certificates
