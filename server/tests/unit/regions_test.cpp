// Unit tests for core/regions: the GB/T 2260 table of 陕西省 compiled into the binary.
#include "core/regions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

using namespace baoan::core;

namespace {

const RegionTable& table() { return RegionTable::instance(); }

bool allDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::set<std::string> codesOf(const std::vector<const Region*>& rs) {
  std::set<std::string> out;
  for (const auto* r : rs) out.insert(r->code);
  return out;
}

}  // namespace

TEST(Regions, InstanceIsASingleton) { EXPECT_EQ(&RegionTable::instance(), &RegionTable::instance()); }

TEST(Regions, Province) {
  const Region* p = table().find("610000");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "陕西省");
  EXPECT_EQ(p->level, "province");
  EXPECT_EQ(p->parent, "");
}

TEST(Regions, TenPrefectureLevelCities) {
  auto cities = table().children("610000");
  EXPECT_EQ(cities.size(), 10u);
  for (const auto* c : cities) {
    EXPECT_EQ(c->level, "city") << c->code;
    EXPECT_EQ(c->code.size(), 6u) << c->code;
    EXPECT_EQ(c->code.substr(0, 2), "61") << c->code;
    EXPECT_EQ(c->code.substr(4), "00") << c->code;
  }
  ASSERT_NE(table().find("610100"), nullptr);
  EXPECT_EQ(table().find("610100")->name, "西安市");
}

TEST(Regions, XianyangHasFourteenCounties) {
  const Region* xy = table().find("610400");
  ASSERT_NE(xy, nullptr);
  EXPECT_EQ(xy->name, "咸阳市");
  EXPECT_EQ(xy->level, "city");
  EXPECT_EQ(xy->parent, "610000");

  auto counties = table().children("610400");
  EXPECT_EQ(counties.size(), 14u);
  for (const auto* c : counties) {
    EXPECT_EQ(c->level, "county") << c->code;
    EXPECT_EQ(c->parent, "610400");
    EXPECT_EQ(c->code.substr(0, 4), "6104") << c->code;
  }
  auto codes = codesOf(counties);
  EXPECT_TRUE(codes.count("610404"));
  EXPECT_TRUE(codes.count("610482"));
  EXPECT_EQ(table().find("610404")->name, "渭城区");
  EXPECT_EQ(table().find("610482")->name, "彬州市");
}

TEST(Regions, ChildrenAreInCodeOrder) {
  auto counties = table().children("610400");
  EXPECT_TRUE(std::is_sorted(counties.begin(), counties.end(),
                             [](const Region* a, const Region* b) { return a->code < b->code; }));
}

TEST(Regions, PathFromProvinceDown) {
  auto p = table().path("610404");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0]->code, "610000");
  EXPECT_EQ(p[1]->code, "610400");
  EXPECT_EQ(p[2]->code, "610404");
  EXPECT_EQ(table().path("610000").size(), 1u);
}

TEST(Regions, FullName) {
  EXPECT_EQ(table().fullName("610404"), "陕西省咸阳市渭城区");
  EXPECT_EQ(table().fullName("610482"), "陕西省咸阳市彬州市");
  EXPECT_EQ(table().fullName("610400"), "陕西省咸阳市");
  EXPECT_EQ(table().fullName("610000"), "陕西省");
  EXPECT_EQ(table().fullName("610404001000"), "陕西省咸阳市渭城区中山街街道");
  EXPECT_EQ(table().path("610404001000").size(), 4u);
}

TEST(Regions, UnknownCodes) {
  for (const char* code : {"", "999999", "6104", "61040", "6104040", "110000", "610404999999", "渭城区"}) {
    EXPECT_EQ(table().find(code), nullptr) << code;
    EXPECT_TRUE(table().path(code).empty()) << code;
    EXPECT_EQ(table().fullName(code), "") << code;
  }
  for (const char* code : {"999999", "6104", "110000", "610404999999"}) {
    EXPECT_FALSE(table().hasChildren(code)) << code;
    EXPECT_TRUE(table().children(code).empty()) << code;
  }
}

TEST(Regions, TheProvinceIsTheOnlyRoot) {
  // children("") lists the top level, which a region picker starts from.
  auto roots = table().children("");
  ASSERT_EQ(roots.size(), 1u);
  EXPECT_EQ(roots[0]->code, "610000");
}

TEST(Regions, HasChildren) {
  EXPECT_TRUE(table().hasChildren("610000"));
  EXPECT_TRUE(table().hasChildren("610400"));
  EXPECT_TRUE(table().hasChildren("610404"));
  EXPECT_FALSE(table().hasChildren("610404001000"));  // towns are leaves
}

TEST(Regions, TownsHaveTwelveDigitCodesUnderTheirCounty) {
  std::size_t towns = 0;
  for (const auto* county : table().children("610400")) {
    for (const auto* t : table().children(county->code)) {
      ++towns;
      EXPECT_EQ(t->level, "town") << t->code;
      EXPECT_EQ(t->code.size(), 12u) << t->code;
      EXPECT_TRUE(allDigits(t->code)) << t->code;
      EXPECT_EQ(t->code.substr(0, 6), county->code) << t->code;
      const Region* parent = table().find(t->parent);
      ASSERT_NE(parent, nullptr) << t->code;
      EXPECT_EQ(parent->level, "county") << t->code;
    }
  }
  EXPECT_GT(towns, 100u);
  EXPECT_EQ(table().find("610404001000")->parent, "610404");
}

// Known data bug (see report): 33 towns hang under 610305 (凤翔区) and 610981 (旬阳市), which the table
// lacks — it still lists the pre-2021 counties 610322 凤翔县 and 610928 旬阳县, which have no towns.
TEST(Regions, WholeTableIsOneTreeUnderTheProvince) {
  // Walking province → cities → counties → towns reaches every row: no orphans, no wrong levels.
  std::size_t seen = 1;
  std::size_t towns = 0;
  for (const auto* city : table().children("610000")) {
    ++seen;
    EXPECT_EQ(city->level, "city");
    for (const auto* county : table().children(city->code)) {
      ++seen;
      EXPECT_EQ(county->level, "county") << county->code;
      EXPECT_EQ(county->code.size(), 6u) << county->code;
      EXPECT_EQ(county->code.substr(0, 4), city->code.substr(0, 4)) << county->code;
      for (const auto* town : table().children(county->code)) {
        ++seen;
        ++towns;
        EXPECT_EQ(town->level, "town") << town->code;
        EXPECT_EQ(town->code.size(), 12u) << town->code;
        EXPECT_EQ(town->code.substr(0, 6), county->code) << town->code;
        EXPECT_FALSE(table().hasChildren(town->code)) << town->code;
      }
    }
  }
  EXPECT_EQ(seen, table().size());
  EXPECT_GT(towns, 1000u);
}

// Same known data bug: a 凤翔区 town is named without its province, city and county.
TEST(Regions, FengxiangAndXunyangTownsHaveAFullName) {
  EXPECT_EQ(table().fullName("610305100000"), "陕西省宝鸡市凤翔区城关镇");
  EXPECT_EQ(table().fullName("610981100000"), "陕西省安康市旬阳市城关镇");
  EXPECT_NE(table().find("610305"), nullptr);
  EXPECT_NE(table().find("610981"), nullptr);
}

TEST(Regions, EveryCountyIsUnderACityOfTheProvince) {
  std::size_t counties = 0;
  for (const auto* city : table().children("610000"))
    for (const auto* county : table().children(city->code)) {
      ++counties;
      EXPECT_EQ(county->level, "county") << county->code;
      EXPECT_EQ(county->code.size(), 6u) << county->code;
      EXPECT_EQ(county->code.substr(0, 4), city->code.substr(0, 4)) << county->code;
    }
  EXPECT_GT(counties, 100u);
}

TEST(Regions, NamesHaveNoStrayWhitespaceOrCarriageReturns) {
  for (const auto* city : table().children("610000"))
    for (const auto* county : table().children(city->code))
      for (const Region* r : {city, county}) {
        EXPECT_FALSE(r->name.empty());
        EXPECT_EQ(r->name.find_first_of(" \t\r\n"), std::string::npos) << r->code;
        EXPECT_EQ(r->parent.find('\r'), std::string::npos) << r->code;
      }
}

TEST(RegionTableParsing, AcceptsCrLfAndUnsortedRowsAndSkipsBlankLines) {
  RegionTable t(
      "code,name,level,parent\r\n"
      "610402,秦都区,county,610400\r\n"
      "\r\n"
      "610000,陕西省,province,\r\n"
      "610400,咸阳市,city,610000\r\n");
  EXPECT_EQ(t.size(), 3u);
  ASSERT_NE(t.find("610000"), nullptr);
  EXPECT_EQ(t.find("610000")->parent, "");
  ASSERT_NE(t.find("610402"), nullptr);
  EXPECT_EQ(t.find("610402")->parent, "610400");
  EXPECT_EQ(t.fullName("610402"), "陕西省咸阳市秦都区");
  EXPECT_EQ(t.find("code"), nullptr);  // the header is not a region
}

TEST(RegionTableParsing, HeaderOnlyIsEmpty) {
  RegionTable t("code,name,level,parent\n");
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.find("610000"), nullptr);
}
