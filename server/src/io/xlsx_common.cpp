#include "io/xlsx_common.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/validation.h"

namespace baoan::io {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t y;
  unsigned m, d;
};

Civil civilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

constexpr std::int64_t kEpochToSerial = 25569;  // serial of 1970-01-01 (days since 1899-12-30)
constexpr std::int64_t kMar1900 = 61;           // serial of 1900-03-01
constexpr double kMaxSerial = 2958465.99999;    // 9999-12-31 23:59:59

}  // namespace

std::optional<double> excelSerialFromDate(std::string_view ymd) {
  if (!core::isValidDate(ymd)) return std::nullopt;
  const int y = std::atoi(std::string(ymd.substr(0, 4)).c_str());
  const unsigned m = static_cast<unsigned>(std::atoi(std::string(ymd.substr(5, 2)).c_str()));
  const unsigned d = static_cast<unsigned>(std::atoi(std::string(ymd.substr(8, 2)).c_str()));
  const std::int64_t serial = daysFromCivil(y, m, d) + kEpochToSerial;
  if (serial < kMar1900) return std::nullopt;
  return static_cast<double>(serial);
}

double excelSerialFromEpochMs(std::int64_t epochMs, int utcOffsetMinutes) {
  std::int64_t secs = epochMs / 1000;
  if (epochMs % 1000 < 0) --secs;  // floor for times before 1970
  secs += static_cast<std::int64_t>(utcOffsetMinutes) * 60;
  std::int64_t days = secs / 86400;
  std::int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  return static_cast<double>(days + kEpochToSerial) + static_cast<double>(rem) / 86400.0;
}

std::optional<std::string> dateFromExcelSerial(double serial, bool withTime, bool date1904) {
  if (!std::isfinite(serial)) return std::nullopt;
  if (date1904) serial += 1462;  // 1904-01-01 is serial 1462 in the 1900 system
  if (serial < 1 || serial > kMaxSerial) return std::nullopt;
  std::int64_t day = static_cast<std::int64_t>(std::floor(serial));
  std::int64_t secs = static_cast<std::int64_t>(std::llround((serial - static_cast<double>(day)) * 86400.0));
  if (!withTime) secs = 0;
  if (secs >= 86400) {
    ++day;
    secs -= 86400;
  }
  Civil c{};
  if (day == 60) {
    c = {1900, 2, 29};  // Excel's day that never was; shown as Excel shows it
  } else {
    // Serials 1..59 are 1900-01-01..1900-02-28: one day later than the plain count from 1899-12-30.
    const std::int64_t daysSinceEpoch = (day < 60 ? day + 1 : day) - kEpochToSerial;
    c = civilFromDays(daysSinceEpoch);
  }
  char buf[32];
  if (withTime)
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(c.y), c.m, c.d,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  else
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(c.y), c.m, c.d);
  return std::string(buf);
}

std::string formatExcelNumber(double value) {
  if (!std::isfinite(value)) return {};
  if (value == 0) return "0";
  const double a = std::fabs(value);
  if (a < 1e15 && value == std::floor(value)) return std::to_string(static_cast<long long>(value));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  std::string s(buf);
  const auto e = s.find('e');
  if (e == std::string::npos || a < 1 || a >= 1e21) return s;
  // Large integer shown with exponent: expand "6.10404199001011e+17" to "610404199001011000".
  const int exponent = std::atoi(s.c_str() + e + 1);
  std::string digits;
  bool negative = false;
  for (std::size_t i = 0; i < e; ++i) {
    if (s[i] == '-') negative = true;
    else if (s[i] != '.') digits += s[i];
  }
  // digits = d0 d1 d2 ... with the decimal point after d0: the integer has exponent+1 digits.
  const std::size_t want = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() > want) return s;  // has a fractional part: keep Excel's scientific form
  digits.append(want - digits.size(), '0');
  return (negative ? "-" : "") + digits;
}

namespace {

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// "_xHHHH_" at in[i]: what Excel reads as an escaped character.
bool escapeSequenceAt(std::string_view in, std::size_t i) {
  if (i + 7 > in.size() || in[i + 1] != 'x' || in[i + 6] != '_') return false;
  for (std::size_t k = 2; k < 6; ++k)
    if (!isHex(in[i + k])) return false;
  return true;
}

void appendAscii(std::string& out, std::string_view in, std::size_t i, bool escapeXml) {
  const char c = in[i];
  if (!escapeXml) {
    out += c;
    return;
  }
  switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '\r': out += "_x000D_"; break;
    case '_':
      if (escapeSequenceAt(in, i)) out += "_x005F_";
      else out += c;
      break;
    default: out += c;
  }
}

}  // namespace

void appendCellText(std::string& out, std::string_view in, bool escapeXml) {
  std::size_t chars = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t n = in.size();
  std::size_t i = 0;
  while (i < n && chars < kMaxCellChars) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
        appendAscii(out, in, i, escapeXml);
        ++chars;
      }
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    }
    bool ok = len > 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) ok = false;
      else cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid.
    if (ok && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)))
      ok = false;
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++chars;
      ++i;
      continue;
    }
    if (cp != 0xFFFE && cp != 0xFFFF) {
      out.append(in.data() + i, len);
      ++chars;
    }
    i += len;
  }
}

}  // namespace baoan::io
