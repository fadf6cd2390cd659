#include "core/clock.h"

#include <atomic>
#include <chrono>
#include <cstdio>

namespace baoan::core {
namespace {
std::atomic<std::int64_t> g_offset{0};

// Howard Hinnant's civil-from-days / days-from-civil, so no libc time zone state is touched.
void civilFromDays(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe) + static_cast<int>(era) * 400 + (m <= 2);
}
std::int64_t daysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
}  // namespace

std::int64_t nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() + g_offset.load();
}

void setClockOffsetMs(std::int64_t offset) { g_offset = offset; }

void appendIso(std::string& out, std::int64_t epochMs) {
  const std::int64_t local = floorDiv(epochMs + kChinaOffsetMs, 1000);
  const std::int64_t days = floorDiv(local, 86400);
  const std::int64_t secs = local - days * 86400;
  int y;
  unsigned m, d;
  civilFromDays(days, y, m, d);
  const int h = static_cast<int>(secs / 3600), mi = static_cast<int>(secs / 60 % 60), s = static_cast<int>(secs % 60);
  if (y < 0 || y > 9999) {
    char buf[48];
    const int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", y, m, d, h, mi, s);
    out.append(buf, static_cast<std::size_t>(n));
    return;
  }
  // A list writes two per row: digits by hand rather than through snprintf.
  char buf[25] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10), static_cast<char>('0' + y / 10 % 10),
                  static_cast<char>('0' + y % 10), '-', static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                  static_cast<char>('0' + d / 10), static_cast<char>('0' + d % 10), 'T', static_cast<char>('0' + h / 10),
                  static_cast<char>('0' + h % 10), ':', static_cast<char>('0' + mi / 10), static_cast<char>('0' + mi % 10), ':',
                  static_cast<char>('0' + s / 10), static_cast<char>('0' + s % 10), '+', '0', '8', ':', '0', '0'};
  out.append(buf, sizeof buf);
}

std::string toIso(std::int64_t epochMs) {
  std::string out;
  appendIso(out, epochMs);
  return out;
}

std::string toChinaDate(std::int64_t epochMs) { return toIso(epochMs).substr(0, 10); }

std::optional<std::int64_t> parseTime(std::string_view t) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > t.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  if (t.size() < 10 || !num(0, 4, y) || t[4] != '-' || !num(5, 2, mo) || t[7] != '-' || !num(8, 2, d)) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  std::int64_t offsetMin = 8 * 60;
  if (t.size() > 10) {
    if (t.size() < 16 || (t[10] != 'T' && t[10] != ' ') || !num(11, 2, h) || t[13] != ':' || !num(14, 2, mi))
      return std::nullopt;
    std::size_t p = 16;
    if (p < t.size() && t[p] == ':') {
      if (!num(17, 2, s)) return std::nullopt;
      p = 19;
    }
    if (p < t.size() && t[p] == '.') {
      ++p;
      while (p < t.size() && t[p] >= '0' && t[p] <= '9') ++p;
    }
    if (p < t.size()) {
      if (t[p] == 'Z' && p + 1 == t.size()) {
        offsetMin = 0;
      } else if ((t[p] == '+' || t[p] == '-') && t.size() == p + 6 && t[p + 3] == ':') {
        int oh, om;
        if (!num(p + 1, 2, oh) || !num(p + 4, 2, om)) return std::nullopt;
        offsetMin = (t[p] == '-' ? -1 : 1) * (oh * 60 + om);
      } else {
        return std::nullopt;
      }
    }
    if (h > 23 || mi > 59 || s > 59) return std::nullopt;
  }
  const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  int cy;
  unsigned cm, cd;
  civilFromDays(days, cy, cm, cd);
  if (cy != y || static_cast<int>(cm) != mo || static_cast<int>(cd) != d) return std::nullopt;  // 2026-02-30
  const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + s - offsetMin * 60;
  return secs * 1000;
}

}  // namespace baoan::core
