// Unit tests of the map's statistics bands (core/stat_bands: 年龄段, 注册资本, 保安员人数, regions of a
// chart), 一键搜's ranking (modules/map/search_rank) and the outlines served from the binary (geo).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <string>

#include "core/stat_bands.h"
#include "core/validation.h"
#include "modules/industry/guard_store.h"
#include "modules/map/geo.h"
#include "modules/map/search_rank.h"

using namespace baoan;

namespace {

// The band whose birth-date range holds the birth date, by the same text comparison as the SQL.
std::string bandByRange(const std::string& birth, const std::string& today) {
  std::string found;
  for (const auto& b : core::ageBands()) {
    const auto r = core::birthRangeOfAges(b, today);
    if ((!r.after || birth > *r.after) && (!r.upTo || birth <= *r.upTo)) {
      EXPECT_TRUE(found.empty()) << birth << " in two bands on " << today;
      found = b.key;
    }
  }
  return found;
}

std::string addDays(const std::string& date, int days) {
  // Enough for the test: walk day by day with a table of month lengths.
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)), d = std::stoi(date.substr(8, 2));
  auto monthDays = [](int yy, int mm) {
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (yy % 4 == 0 && yy % 100 != 0) || yy % 400 == 0;
    return mm == 2 && leap ? 29 : n[mm - 1];
  };
  for (int i = 0; i < days; ++i)
    if (++d > monthDays(y, m)) {
      d = 1;
      if (++m > 12) m = 1, ++y;
    }
  char buf[11];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace

TEST(AgeBands, NamedInChineseAndContiguous) {
  const auto& bands = core::ageBands();
  ASSERT_EQ(bands.size(), 6u);
  EXPECT_EQ(bands.front().label, "25岁及以下");
  EXPECT_EQ(bands.back().label, "60岁以上");
  for (std::size_t i = 1; i < bands.size(); ++i) EXPECT_EQ(*bands[i].min, *bands[i - 1].max + 1) << bands[i].key;
}

TEST(AgeBands, BirthRangeAgreesWithAgeOnEveryDayAroundTheBoundaries) {
  // Today on a common day, on 02-28 and 02-29 of a leap year, and on 03-01 after one.
  for (const std::string today : {"2026-12-07", "2028-02-28", "2028-02-29", "2028-03-01", "2027-02-28", "2027-03-01"}) {
    for (int years : {18, 25, 26, 35, 36, 45, 46, 55, 56, 60, 61, 70}) {
      const int y = std::stoi(today.substr(0, 4)) - years;
      // Every birth date from two days before to two days after the birthday of `years` years ago,
      // and the 02-29 birthdays of leap years.
      std::string start = std::to_string(y - 1) + today.substr(4);
      if (start.substr(5) == "02-29") start = start.substr(0, 5) + "02-28";
      for (int i = 0; i < 400; ++i) {
        const std::string birth = addDays(start, i);
        const int age = core::ageOn(birth, today);
        const core::Band* expected = core::bandOf(core::ageBands(), age);
        ASSERT_NE(expected, nullptr);
        EXPECT_EQ(bandByRange(birth, today), expected->key) << "born " << birth << ", today " << today << ", age " << age;
      }
    }
  }
}

TEST(NumberBands, CapitalAndGuardBandsCoverEveryValueOnce) {
  for (const auto* bands : {&core::capitalBands(), &core::guardBands()}) {
    for (long long v = 0; v <= 3000; ++v) {
      int n = 0;
      for (const auto& b : *bands) n += (!b.min || v >= *b.min) && (!b.max || v <= *b.max);
      EXPECT_EQ(n, 1) << v;
    }
  }
  EXPECT_EQ(core::bandOf(core::capitalBands(), 99)->label, "100万元以下");
  EXPECT_EQ(core::bandOf(core::capitalBands(), 100)->label, "100～499万元");
  EXPECT_EQ(core::bandOf(core::capitalBands(), 1000)->label, "1000万元及以上");
  EXPECT_EQ(core::bandOf(core::guardBands(), 0)->label, "无在职保安员");
  EXPECT_EQ(core::bandOf(core::guardBands(), 49)->label, "1～49人");
  EXPECT_EQ(core::bandOf(core::guardBands(), 50)->label, "50～199人");
}

TEST(StatRegions, ProvinceByCityCityByCountyCountyItself) {
  EXPECT_EQ(core::statRegionsOf("610000").size(), 10u);
  const auto xianyang = core::statRegionsOf("610400");
  EXPECT_EQ(xianyang.size(), 14u);
  EXPECT_NE(std::find(xianyang.begin(), xianyang.end(), "610404"), xianyang.end());
  EXPECT_EQ(core::statRegionsOf("610404"), std::vector<std::string>{"610404"});
  // A 派出所's town: the bar of its county (no bureau answers for a town; the scope narrows the count).
  EXPECT_EQ(core::statRegionsOf("610404003000"), std::vector<std::string>{"610404"});
  EXPECT_TRUE(core::statRegionsOf("999999").empty());
  EXPECT_EQ(core::regionPrefix("610000"), "61");
  EXPECT_EQ(core::regionPrefix("610400"), "6104");
  EXPECT_EQ(core::regionPrefix("610404"), "610404");
}

TEST(GuardDimensions, EveryGroupHasACondition) {
  for (const auto& d : industry::guardDimensions()) {
    EXPECT_FALSE(d.groups.empty()) << d.name;
    for (const auto& [key, label] : d.groups) EXPECT_TRUE(industry::GuardStore::groupTerm(d.name, key, "2026-12-07")) << d.name << " " << key;
    EXPECT_FALSE(industry::GuardStore::groupTerm(d.name, "nonsense", "2026-12-07")) << d.name;
  }
}

TEST(SearchRank, ExactIdentifierFirstThenNameThenPrefixThenContains) {
  const auto q = map::readSearchText(" 610404199001011234 ");
  EXPECT_TRUE(q.digitsX);
  EXPECT_EQ(q.text, "610404199001011234");
  EXPECT_EQ(map::searchRank(q, {"610404199001011234", "13900000000"}, {"张三"}), 0);
  const auto part = map::readSearchText("6104041990");
  EXPECT_EQ(map::searchRank(part, {"610404199001011234"}, {"张三"}), 2);
  EXPECT_EQ(map::searchRank(map::readSearchText("19900101"), {"610404199001011234"}, {"张三"}), 3);
  const auto name = map::readSearchText("张三");
  EXPECT_FALSE(name.code);
  EXPECT_EQ(map::searchRank(name, {"610404199001011234"}, {"张三"}), 1);
  EXPECT_EQ(map::searchRank(name, {"610404199001011234"}, {"张三丰"}), 2);
  EXPECT_EQ(map::searchRank(map::readSearchText("三"), {"610404199001011234"}, {"张三丰"}), 3);
  // A credit code typed in lower case ranks as the exact code.
  EXPECT_EQ(map::searchRank(map::readSearchText("91610404ma6t0x1y2k"), {"91610404MA6T0X1Y2K"}, {"某公司"}), 0);
}

TEST(Geo, ProvinceCitiesAndCountiesFromTheBinary) {
  const auto province = map::geoOutline("610000");
  ASSERT_TRUE(province);
  EXPECT_EQ(nlohmann::json::parse(province->json).at("features").size(), 10u);
  const auto city = map::geoOutline("610400");
  ASSERT_TRUE(city);
  EXPECT_EQ(nlohmann::json::parse(city->json).at("features").size(), 14u);
  const auto county = map::geoOutline("610404");
  ASSERT_TRUE(county);
  const auto doc = nlohmann::json::parse(county->json);
  ASSERT_EQ(doc.at("features").size(), 1u);
  EXPECT_EQ(doc["features"][0]["properties"]["name"], "渭城区");
  EXPECT_NE(county->etag, city->etag);
  EXPECT_EQ(county->etag.front(), '"');
  EXPECT_FALSE(map::geoOutline("620000"));
  EXPECT_FALSE(map::geoOutline("abc"));
}
