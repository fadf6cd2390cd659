#include "modules/certificates/certificate_number.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

namespace baoan::certificates {

namespace {
bool allDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; });
}
}  // namespace

std::optional<std::string> cityPrefixOf(const std::string& regionCode) {
  if (regionCode.size() < 6 || !allDigits(regionCode)) return std::nullopt;
  if (regionCode.compare(0, 2, "61") != 0 || regionCode.compare(2, 2, "00") == 0) return std::nullopt;
  return regionCode.substr(0, 4);
}

std::string sequenceKey(const std::string& cityPrefix) { return "保安员证" + cityPrefix; }

std::string formatNumber(const std::string& cityPrefix, int year, long long seq) {
  if (cityPrefix.size() != 4 || !allDigits(cityPrefix)) throw std::out_of_range("city prefix must be 4 digits");
  if (year < 1000 || year > 9999) throw std::out_of_range("year must have 4 digits");
  if (seq < 1 || seq > 999999) throw std::out_of_range("sequence must be 1..999999");
  char tail[16];
  std::snprintf(tail, sizeof tail, "%04d%06lld", year, seq);
  return cityPrefix + tail;
}

bool isCertificateNumber(const std::string& s) { return s.size() == 14 && allDigits(s) && s.compare(0, 2, "61") == 0; }

}  // namespace baoan::certificates
