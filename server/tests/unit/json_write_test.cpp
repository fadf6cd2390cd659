// http::dumpJson writes the bytes nlohmann's dump(-1, ' ', false, replace) writes (responses keep their
// exact form), for every kind of value and for strings of any bytes, valid UTF-8 or not.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "http/json_write.h"

using nlohmann::json;

namespace {
std::string reference(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }
}  // namespace

TEST(JsonWrite, EveryKindOfValueAsNlohmannWritesIt) {
  const json cases[] = {
      nullptr, true, false, 0, -1, 42, INT64_MIN, INT64_MAX, 18446744073709551615ULL, 0.0, -0.0, 1.5, 108.9402, 1e21,
      1e-7, 3.141592653589793, "", "abc", "保安服务公司", "a\"b\\c/d", "\b\f\n\r\t", std::string("nul\0x", 5), "\x01\x1f\x7f",
      "\u2028\u2029", "😀 emoji", json::array(), json::object(), json::array({1, "two", nullptr, json::array({json::object()})}),
      json{{"z", 1}, {"a", {{"y", "保安"}, {"b", json::array({true, false})}}}, {"M", nullptr}, {"householdAddress", "陕西省"}},
      json{{"键\n", "值\t"}}};
  for (const auto& j : cases) EXPECT_EQ(baoan::http::dumpJson(j), reference(j)) << reference(j);
}

TEST(JsonWrite, InvalidUtf8IsReplacedExactlyAsNlohmannDoes) {
  const std::string cases[] = {"\xff", "a\xc3", "\xc3\x28", "\xe2\x82", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                               "\xc0\xaf", "ok\xf0\x9f\x98", "\x80\x80 tail", "保\xe4\xbf"};
  for (const auto& s : cases) {
    EXPECT_EQ(baoan::http::dumpJson(json(s)), reference(json(s)));
    EXPECT_EQ(baoan::http::dumpJson(json{{s, s}}), reference(json{{s, s}}));
  }
}

TEST(JsonWrite, RandomStringsOfAnyBytes) {
  std::mt19937 rng(2026);
  const std::string pieces[] = {"a", "Z", " ", "\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\x80", "\xc3\xa9", "\xe4\xbf\x9d",
                                "\xf0\x9f\x98\x80", "\xc3", "\xe4\xbf", "\xff", "\xed\xa0\x80", "/", "\t"};
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) s += pieces[rng() % (sizeof pieces / sizeof pieces[0])];
    ASSERT_EQ(baoan::http::dumpJson(json(s)), reference(json(s))) << json(s).dump(-1, ' ', true, json::error_handler_t::replace);
  }
}
