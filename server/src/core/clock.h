#pragma once
// Time: stored as UTC epoch milliseconds, shown to people in Asia/Shanghai (+08:00, no DST).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace baoan::core {
inline constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;  // one calendar day
inline constexpr std::int64_t kChinaOffsetMs = 8LL * 3600 * 1000;  // Asia/Shanghai, UTC+8 all year
// Division rounding toward negative infinity (instants before 1970 fall on the right day).
inline std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
std::int64_t nowMs();
// "2026-11-29T15:04:05+08:00"
std::string toIso(std::int64_t epochMs);
void appendIso(std::string& out, std::int64_t epochMs);  // the same, appended
// "YYYY-MM-DD" of the given instant in China time.
std::string toChinaDate(std::int64_t epochMs);
// Parses "YYYY-MM-DD" (start of that day, China time) or an ISO-8601 instant with offset.
std::optional<std::int64_t> parseTime(std::string_view text);
// Test hook: shifts nowMs() by the given offset.
void setClockOffsetMs(std::int64_t offset);
}  // namespace baoan::core
