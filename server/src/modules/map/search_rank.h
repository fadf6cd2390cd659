#pragma once
// 一键搜 (§7.1): how the one search box reads what was typed, and how a hit ranks. Pure rules, unit-tested.
#include <string>
#include <string_view>
#include <vector>

namespace baoan::map {

// What was typed, trimmed; `code` when it can be part of an ID number, a mobile or a credit code
// (digits and letters only, upper-cased in `upper`).
struct SearchText {
  std::string text;
  std::string upper;
  bool code = false;     // only ASCII digits and letters
  bool digitsX = false;  // only digits and X (an ID number or a mobile, or part of one)
};
SearchText readSearchText(std::string_view q);

// The rank of a hit, best first: 0 an identifier equals the text (身份证号, 手机号, 统一社会信用代码);
// 1 a name equals it; 2 a field starts with it; 3 a field contains it; 4 none does (a hit found by a
// field not shown).
int searchRank(const SearchText& q, const std::vector<std::string_view>& identifiers, const std::vector<std::string_view>& texts);

}  // namespace baoan::map
