// The guard lists are written straight from the rows (guard_json.h): the bytes must be those of the
// document GuardService::toJson builds, as the API wrote it before (and as the OpenAPI tests read it).
#include "modules/industry/guard_json.h"

#include <gtest/gtest.h>

#include <random>

#include "http/json_write.h"
#include "modules/dto_util.h"

using namespace baoan;
using baoan::industry::GuardPage;
using baoan::industry::GuardRow;

namespace {

std::string pick(std::mt19937& rng, const std::vector<std::string>& v) { return v[rng() % v.size()]; }

std::optional<std::string> maybe(std::mt19937& rng, const std::vector<std::string>& v) {
  if (rng() % 3 == 0) return std::nullopt;
  return pick(rng, v);
}

GuardRow randomGuard(std::mt19937& rng) {
  const std::vector<std::string> texts = {"", "张伟", "a\"b\\c", "tab\there\nnew line", "\x01\x1f控制", "emoji 😀",
                                          "bad \xff\xfe utf-8", "秦都区人民路1号", "O'Brien <b>&amp;"};
  GuardRow g;
  g.id = static_cast<long long>(rng() % 1000000);
  g.person.idNo = pick(rng, {"610402199001011234", "61040219900101123X", "短", "6104021990"});
  g.person.name = pick(rng, texts);
  g.person.gender = pick(rng, {"male", "female"});
  g.person.birthDate = pick(rng, {"1990-01-01", ""});
  g.person.mobile = pick(rng, {"13912345678", "139", "１３９"});
  g.person.ethnicity = maybe(rng, {"汉族", "回族"});
  g.person.education = maybe(rng, {"junior", "bachelor", "unknown-code"});
  g.person.householdAddress = maybe(rng, texts);
  g.person.currentAddress = maybe(rng, texts);
  g.person.photoFileId = maybe(rng, {"f0a1"});
  g.person.certificateNo = maybe(rng, {"61000000000001"});
  g.person.certificateDate = maybe(rng, {"2020-02-02"});
  g.realNameVerified = rng() % 2;
  g.appInitialized = rng() % 2;
  g.employerKind = pick(rng, {"company", "inhouse"});
  g.employerId = static_cast<long long>(rng() % 5000);
  g.employerName = pick(rng, texts);
  g.employed = rng() % 2;
  g.hiredOn = maybe(rng, {"2020-01-01"});
  g.leftOn = maybe(rng, {"2025-01-01"});
  g.orgId = static_cast<long long>(rng() % 500);
  g.orgName = pick(rng, texts);
  g.createdAt = static_cast<long long>(rng()) * 1000 + static_cast<long long>(rng() % 1000);
  g.updatedAt = g.createdAt + static_cast<long long>(rng() % 100000000);
  return g;
}

}  // namespace

TEST(GuardJson, APageIsTheBytesOfTheDocument) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    GuardPage page;
    page.total = static_cast<long long>(rng() % 400000);
    page.page = {static_cast<int>(1 + rng() % 100), static_cast<int>(1 + rng() % 200)};
    page.fullPersonal = rng() % 2;
    const int n = static_cast<int>(rng() % 21);
    for (int i = 0; i < n; ++i) page.rows.push_back(randomGuard(rng));
    nlohmann::json items = nlohmann::json::array();
    for (GuardRow g : page.rows) items.push_back(industry::GuardService::toJson(std::move(g), page.fullPersonal));
    const std::string want =
        modules::pageJson(std::move(items), page.total, page.page).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    ASSERT_EQ(industry::guardPageJson(page), want) << "round " << round;
  }
}

TEST(GuardJson, TimesAreWrittenAsToIsoWritesThem) {
  for (long long ms : {0LL, 1LL, -1LL, 999LL, 1764400000000LL, 253402300799000LL, -62135596800000LL, -62135596800001LL}) {
    std::string out = "x";
    core::appendIso(out, ms);
    EXPECT_EQ(out, "x" + core::toIso(ms)) << ms;
  }
  EXPECT_EQ(core::toIso(0), "1970-01-01T08:00:00+08:00");
  EXPECT_EQ(core::toIso(1764400000000LL), "2025-11-29T15:06:40+08:00");
}
