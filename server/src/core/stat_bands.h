#pragma once
// The fixed bands of the map's statistics (§7.2 年龄段, §7.3 注册资本 and 保安员人数): named in Chinese,
// each a closed range [min, max] (an open end when absent). A list filter and a chart's group use the
// same band, so a bar's count is the list's total under that filter.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baoan::core {

struct Band {
  std::string key;    // as the query parameter and the group's key carry it
  std::string label;  // Chinese, with the unit
  std::optional<long long> min, max;  // inclusive
};

const std::vector<Band>& ageBands();      // years on the day asked
const std::vector<Band>& capitalBands();  // 注册资本, 万元 (not filled in: the key "none")
const std::vector<Band>& guardBands();    // guards in employment
const Band* findBand(const std::vector<Band>& bands, std::string_view key);
// The band a value falls in (nullptr when none: a value below every band).
const Band* bandOf(const std::vector<Band>& bands, long long value);

// The birth dates (YYYY-MM-DD, compared as text) of the people whose age on `today` lies in the band:
// birth_date > after (when set) and birth_date <= upTo (when set). The same rule as ageOn: a birthday
// of 02-29 counts as passed from 03-01 in common years.
struct BirthRange {
  std::optional<std::string> after, upTo;
};
BirthRange birthRangeOfAges(const Band& band, std::string_view today);

// The regions a "by region" chart of `code` has bars for: its cities or counties (GB/T 2260 children
// of level city or county); a county (whose children are towns, which no bureau answers for) is its
// own single bar, and so is a town's county. Empty for an unknown code.
std::vector<std::string> statRegionsOf(std::string_view code);
// The code's significant prefix: the codes within the region start with it ("610400" → "6104",
// "610000" → "61", "610404" → "610404").
std::string regionPrefix(std::string_view code);

}  // namespace baoan::core
