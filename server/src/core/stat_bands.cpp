#include "core/stat_bands.h"

#include "core/regions.h"

namespace baoan::core {

namespace {
// The same date `years` earlier, as text: the year changed, month and day kept (2028-02-29 → 2027-02-29,
// which sorts between 02-28 and 03-01 — what ageOn's (month, day) comparison means).
std::string yearsBefore(std::string_view date, long long years) {
  const long long y = std::stoll(std::string(date.substr(0, 4))) - years;
  std::string out = std::to_string(y);
  while (out.size() < 4) out.insert(out.begin(), '0');
  return out + std::string(date.substr(4));
}
}  // namespace

const std::vector<Band>& ageBands() {
  static const std::vector<Band> bands = {
      {"to25", "25岁及以下", std::nullopt, 25}, {"26to35", "26～35岁", 26, 35}, {"36to45", "36～45岁", 36, 45},
      {"46to55", "46～55岁", 46, 55},         {"56to60", "56～60岁", 56, 60}, {"over60", "60岁以上", 61, std::nullopt}};
  return bands;
}

const std::vector<Band>& capitalBands() {
  static const std::vector<Band> bands = {{"to100", "100万元以下", std::nullopt, 99},
                                          {"100to499", "100～499万元", 100, 499},
                                          {"500to999", "500～999万元", 500, 999},
                                          {"from1000", "1000万元及以上", 1000, std::nullopt}};
  return bands;
}

const std::vector<Band>& guardBands() {
  static const std::vector<Band> bands = {{"none", "无在职保安员", std::nullopt, 0},
                                          {"1to49", "1～49人", 1, 49},
                                          {"50to199", "50～199人", 50, 199},
                                          {"200to999", "200～999人", 200, 999},
                                          {"from1000", "1000人及以上", 1000, std::nullopt}};
  return bands;
}

const Band* findBand(const std::vector<Band>& bands, std::string_view key) {
  for (const auto& b : bands)
    if (b.key == key) return &b;
  return nullptr;
}

const Band* bandOf(const std::vector<Band>& bands, long long value) {
  for (const auto& b : bands)
    if ((!b.min || value >= *b.min) && (!b.max || value <= *b.max)) return &b;
  return nullptr;
}

BirthRange birthRangeOfAges(const Band& band, std::string_view today) {
  BirthRange r;
  // age >= min  ⟺  born on or before the day `min` years ago;
  // age <= max  ⟺  born after the day `max + 1` years ago.
  if (band.min) r.upTo = yearsBefore(today, *band.min);
  if (band.max) r.after = yearsBefore(today, *band.max + 1);
  return r;
}

std::vector<std::string> statRegionsOf(std::string_view code) {
  const auto& table = RegionTable::instance();
  const Region* r = table.find(code);
  // A town (a 派出所's region) answers to no bureau, and guards and companies belong to counties: its
  // chart has the one bar of its county, which the caller's scope narrows to its own.
  while (r && r->level == "town") r = table.find(r->parent);
  if (!r) return {};
  code = r->code;
  std::vector<std::string> out;
  for (const Region* child : table.children(code))
    if (child->level == "city" || child->level == "county") out.push_back(child->code);
  if (out.empty()) out.push_back(r->code);
  return out;
}

std::string regionPrefix(std::string_view code) {
  std::string p(code);
  while (p.size() > 2 && p.size() % 2 == 0 && p.compare(p.size() - 2, 2, "00") == 0) p.resize(p.size() - 2);
  return p;
}

}  // namespace baoan::core
