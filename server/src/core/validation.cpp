#include "core/validation.h"

#include <array>
#include <chrono>

namespace baoan::core {
namespace {

using std::chrono::year_month_day;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool isAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
char toAsciiUpper(char c) { return isAsciiLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
char toAsciiLower(char c) { return isAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
bool isAllAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Value of a run of ASCII digits; callers have already checked they are digits.
int digitsValue(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool allDigits(std::string_view s) {
  for (char c : s) {
    if (!isDigit(c)) return false;
  }
  return true;
}

// Builds a calendar date from "YYYY" "MM" "DD" digit runs; nullopt if not digits or not a real date.
std::optional<year_month_day> makeDate(std::string_view y, std::string_view m, std::string_view d) {
  if (!allDigits(y) || !allDigits(m) || !allDigits(d)) return std::nullopt;
  const int yy = digitsValue(y);
  if (yy < 1) return std::nullopt;  // year 0000 is not a date anyone writes
  const year_month_day ymd{std::chrono::year{yy}, std::chrono::month{static_cast<unsigned>(digitsValue(m))},
                           std::chrono::day{static_cast<unsigned>(digitsValue(d))}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::optional<year_month_day> parseYmd(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  return makeDate(s.substr(0, 4), s.substr(5, 2), s.substr(8, 2));
}

std::string formatYmd(const year_month_day& d) {
  const auto two = [](unsigned v) {
    return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
  };
  const int y = static_cast<int>(d.year());
  std::string out = std::to_string(y);
  out.insert(0, 4 - out.size(), '0');
  return out + '-' + two(static_cast<unsigned>(d.month())) + '-' + two(static_cast<unsigned>(d.day()));
}

// Birth dates are written in Chinese local time. China Standard Time is UTC+8 all year (no DST),
// so a fixed offset is exact and avoids depending on the server's time zone or the tz database.
year_month_day todayInChina() {
  using namespace std::chrono;
  return year_month_day{floor<days>(system_clock::now() + hours{8})};
}

// ---- 公民身份号码 (GB 11643-1999) ----

constexpr std::array<int, 17> kIdWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kIdCheckChars = "10X98765432";

char idCheckChar(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < kIdWeights.size(); ++i) sum += (first17[i] - '0') * kIdWeights[i];
  return kIdCheckChars[static_cast<std::size_t>(sum % 11)];
}

// Only the province part is checked here; the exact GB/T 2260 lookup needs the table (caller's job).
bool isPlausibleProvince(int p) {
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) || (p >= 41 && p <= 46) ||
         (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 || p == 81 || p == 82 || p == 83 || p == 91;
}

std::optional<std::string> checkIdBirthDate(std::string_view yyyymmdd) {
  const auto birth = makeDate(yyyymmdd.substr(0, 4), yyyymmdd.substr(4, 2), yyyymmdd.substr(6, 2));
  if (!birth) return "出生日期无效";
  if (*birth < year_month_day{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}})
    return "出生日期不能早于1900年";
  if (*birth > todayInChina()) return "出生日期不能晚于今天";
  return std::nullopt;
}

// ---- 统一社会信用代码 (GB 32100-2015) ----

// The code alphabet omits I, O, Z, S, V so they cannot be confused with 1, 0, 2, 5, U.
constexpr std::string_view kCreditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCreditWeights{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
// 登记管理部门码: 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商,
// A 中央军委改革和编制办公室, N 农业, Y 其他.
constexpr std::string_view kCreditAuthorities = "123456789ANY";

char creditCheckChar(std::string_view first17Upper) {
  int sum = 0;
  for (std::size_t i = 0; i < kCreditWeights.size(); ++i)
    sum += static_cast<int>(kCreditAlphabet.find(first17Upper[i])) * kCreditWeights[i];
  const int check = 31 - sum % 31;
  return kCreditAlphabet[static_cast<std::size_t>(check == 31 ? 0 : check)];
}

// ---- passwords ----

bool isSymbol(char c) {
  return c >= 0x21 && c <= 0x7E && !isAsciiLower(c) && !isAsciiUpper(c) && !isDigit(c);
}

int passwordClassCount(std::string_view p) {
  bool lower = false, upper = false, digit = false, symbol = false;
  for (char c : p) {
    lower = lower || isAsciiLower(c);
    upper = upper || isAsciiUpper(c);
    digit = digit || isDigit(c);
    symbol = symbol || isSymbol(c);
  }
  return int{lower} + int{upper} + int{digit} + int{symbol};
}

bool equalsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (toAsciiLower(a[i]) != toAsciiLower(b[i])) return false;
  }
  return true;
}

// ---- trimming ----

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000 in UTF-8

bool isAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

}  // namespace

std::optional<std::string> checkIdNumber(std::string_view id, IdNumberInfo* info) {
  if (id.size() != 18) return "应为18位";
  if (!allDigits(id.substr(0, 17))) return "前17位应为数字";
  const char last = toAsciiUpper(id[17]);
  if (!isDigit(last) && last != 'X') return "末位应为数字或X";
  if (!isPlausibleProvince(digitsValue(id.substr(0, 2)))) return "地区码无效";
  if (auto err = checkIdBirthDate(id.substr(6, 8))) return err;
  if (idCheckChar(id.substr(0, 17)) != last) return "校验位错误";
  if (info != nullptr) {
    info->regionCode = std::string{id.substr(0, 6)};
    info->birthDate = formatYmd(*makeDate(id.substr(6, 4), id.substr(10, 2), id.substr(12, 2)));
    info->gender = (id[16] - '0') % 2 == 1 ? "male" : "female";
  }
  return std::nullopt;
}

int ageOn(std::string_view birthDate, std::string_view onDate) {
  const auto birth = parseYmd(birthDate);
  const auto on = parseYmd(onDate);
  if (!birth || !on || *on < *birth) return -1;
  int age = static_cast<int>(on->year()) - static_cast<int>(birth->year());
  // Comparing (month, day) makes a 02-29 birthday count as passed only from 03-01 in common years.
  const auto md = [](const year_month_day& d) { return unsigned(d.month()) * 100 + unsigned(d.day()); };
  if (md(*on) < md(*birth)) --age;
  return age;
}

std::optional<std::string> checkCreditCode(std::string_view code) {
  if (code.size() != 18) return "应为18位";
  std::string upper;
  upper.reserve(code.size());
  for (char c : code) upper += toAsciiUpper(c);
  for (char c : upper) {
    if (kCreditAlphabet.find(c) == std::string_view::npos) return "含有无效字符";
  }
  if (kCreditAuthorities.find(upper[0]) == std::string_view::npos) return "登记管理部门码无效";
  if (creditCheckChar(std::string_view{upper}.substr(0, 17)) != upper[17]) return "校验位错误";
  return std::nullopt;
}

std::optional<std::string> normalizeMobile(std::string_view in, std::string& out) {
  std::string s;
  for (char c : in) {
    if (c != ' ' && c != '-') s += c;  // separators people type: "138 0013 8000", "138-0013-8000"
  }
  if (!s.empty() && s[0] == '+') {
    if (s.rfind("+86", 0) != 0) return "仅支持中国大陆手机号";
    s.erase(0, 3);
  } else if (s.size() == 13 && s.rfind("86", 0) == 0) {
    s.erase(0, 2);  // only strip a bare "86" when what remains has mobile length
  }
  if (!allDigits(s)) return "含有无效字符";
  if (s.size() != 11) return "应为11位";
  if (s[0] != '1' || s[1] < '3') return "号码段无效";  // ^1[3-9]\d{9}$
  out = s;
  return std::nullopt;
}

std::optional<std::string> checkPassword(std::string_view password, std::string_view account) {
  if (password == "123456") return "过于简单";
  for (char c : password) {
    if (c < 0x21 || c > 0x7E) return "只能包含字母、数字和英文符号";
  }
  if (password.size() < 8) return "至少8位";
  if (password.size() > 64) return "不能超过64位";
  if (equalsIgnoreAsciiCase(password, account)) return "不能与账号相同";
  if (passwordClassCount(password) < 3) return "需包含大写字母、小写字母、数字、符号中的至少3类";
  return std::nullopt;
}

std::string maskIdNumber(std::string_view id) {
  // With 10 or fewer characters, "first 6 + last 4" would show everything.
  if (id.size() <= 10 || !isAllAscii(id)) return std::string(utf8Length(id), '*');
  return std::string{id.substr(0, 6)} + std::string(id.size() - 10, '*') +
         std::string{id.substr(id.size() - 4)};
}

std::string maskMobile(std::string_view mobile) {
  // Anything shorter than a mobile number would leave too little hidden behind "3 + **** + 4".
  if (mobile.size() < 11 || !isAllAscii(mobile)) return std::string(utf8Length(mobile), '*');
  return std::string{mobile.substr(0, 3)} + "****" + std::string{mobile.substr(mobile.size() - 4)};
}

bool isValidDate(std::string_view ymd) { return parseYmd(ymd).has_value(); }

std::string trim(std::string_view s) {
  for (;;) {
    if (!s.empty() && isAsciiSpace(s.front())) {
      s.remove_prefix(1);
    } else if (s.starts_with(kIdeographicSpace)) {
      s.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!s.empty() && isAsciiSpace(s.back())) {
      s.remove_suffix(1);
    } else if (s.ends_with(kIdeographicSpace)) {
      s.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return std::string{s};
}

bool hasControlCharacters(std::string_view s, bool multiline) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\t' || c == '\n' || c == '\r') {
      if (!multiline) return true;
    } else if (c < 0x20 || c == 0x7F) {
      return true;
    } else if (c == 0xC2 && i + 1 < s.size()) {  // U+0080–U+009F are C2 80 … C2 9F in UTF-8
      const auto next = static_cast<unsigned char>(s[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

std::size_t utf8Length(std::string_view s) {
  // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

char idNumberCheckChar(std::string_view first17) { return idCheckChar(first17); }
char creditCodeCheckChar(std::string_view first17) { return creditCheckChar(first17); }

std::string upperAscii(std::string s) {
  for (char& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return s;
}

std::vector<std::string> splitCodes(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(',', start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) out.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace baoan::core
