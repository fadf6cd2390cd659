#pragma once
// Field validation and personal-data masking shared by the API handlers and the import/export code.
// Pure functions: no I/O, standard library only. See docs "Validation users expect" / "Personal data".
#include <cstddef>
#include <optional>
#include <string>
#include <vector>
#include <string_view>

namespace baoan::core {

// What a valid 公民身份号码 tells about its holder.
struct IdNumberInfo {
  std::string regionCode;  // first 6 digits
  std::string birthDate;   // "YYYY-MM-DD"
  std::string gender;      // "male" | "female" (17th digit odd = male)
};

// Each check returns std::nullopt when valid, else a short Chinese message describing the problem
// (the caller prefixes the field name), e.g. "应为18位", "出生日期无效", "校验位错误".

// GB 11643-1999. Accepts a lowercase 'x' check character (the caller upper-cases before storing).
// The birth date is checked against today's date in China (UTC+8). info is filled only on success.
std::optional<std::string> checkIdNumber(std::string_view id, IdNumberInfo* info = nullptr);

// Age in whole years on a given date "YYYY-MM-DD" (for the art. 16 18+ rule later).
// The age goes up on the anniversary; a 02-29 birthday counts as 03-01 in common years.
// Returns -1 when either date is invalid or onDate is before birthDate.
int ageOn(std::string_view birthDate, std::string_view onDate);

// 统一社会信用代码 GB 32100-2015. Lowercase letters are accepted (checked as upper case).
std::optional<std::string> checkCreditCode(std::string_view code);

// Mobile: accepts optional "+86" / "86" prefix, spaces and dashes; on success writes the 11 digits to out
// (out is left untouched on failure).
std::optional<std::string> normalizeMobile(std::string_view in, std::string& out);

// Password rule: >= 8 characters, at least 3 of 4 classes (lower, upper, digit, other printable ASCII
// symbol), not equal to the account (case-insensitive), not "123456"; max 64 characters.
// Only visible ASCII (0x21-0x7E) is allowed: no spaces, control characters or non-ASCII text.
std::optional<std::string> checkPassword(std::string_view password, std::string_view account);

// Masking for lists and exports: ID first 6 + last 4 with '*' in between (same length);
// mobile 3 + "****" + 4. Strings too short to mask are fully replaced by '*' (one per code point).
std::string maskIdNumber(std::string_view id);
std::string maskMobile(std::string_view mobile);

// Dates "YYYY-MM-DD" (exactly 10 characters, year 0001-9999): exists in the calendar.
bool isValidDate(std::string_view ymd);

// Trim ASCII whitespace and U+3000 (ideographic space) at both ends.
std::string trim(std::string_view s);

// Text a person typed into a form holds no control characters: C0 (U+0000–U+001F), DEL and C1
// (U+0080–U+009F) are refused, except tab and line breaks in multi-line fields (remarks, reasons).
// A NUL cut messages and exports short; others hide text in logs and spreadsheets.
bool hasControlCharacters(std::string_view utf8, bool multiline);

// Number of Unicode code points in a UTF-8 string (for length limits on Chinese text).
std::size_t utf8Length(std::string_view s);
// Check characters, for generators of valid numbers (demo data, benchmarks): the argument is the
// first 17 characters (digits for an ID; upper-case code characters for a credit code).
char idNumberCheckChar(std::string_view first17);
char creditCodeCheckChar(std::string_view first17);

// ASCII letters upper-cased (ID numbers' x, credit codes, database codes); other bytes (UTF-8) untouched.
std::string upperAscii(std::string s);
// "a,b,,c" → {"a", "b", "c"}: a comma-separated list of codes as stored, empty items dropped.
std::vector<std::string> splitCodes(std::string_view s);

}  // namespace baoan::core
