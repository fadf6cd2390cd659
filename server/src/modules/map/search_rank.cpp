#include "modules/map/search_rank.h"

#include <algorithm>
#include <cctype>

namespace baoan::map {

namespace {
std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  return out;
}
}  // namespace

SearchText readSearchText(std::string_view q) {
  SearchText t;
  t.text = trim(q);
  t.upper = upper(t.text);
  t.code = !t.text.empty() && std::all_of(t.upper.begin(), t.upper.end(), [](char ch) { return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z'); });
  t.digitsX = !t.text.empty() && t.upper.find_first_not_of("0123456789X") == std::string::npos;
  return t;
}

int searchRank(const SearchText& q, const std::vector<std::string_view>& identifiers, const std::vector<std::string_view>& texts) {
  if (q.text.empty()) return 4;
  for (auto id : identifiers)
    if (upper(id) == q.upper) return 0;
  for (auto t : texts)
    if (t == q.text) return 1;
  int best = 4;
  auto test = [&](std::string_view value, std::string_view needle) {
    if (value.substr(0, needle.size()) == needle) best = std::min(best, 2);
    else if (value.find(needle) != std::string_view::npos) best = std::min(best, 3);
  };
  for (auto id : identifiers) test(upper(id), q.upper);
  for (auto t : texts) test(t, q.text);
  return best;
}

}  // namespace baoan::map
