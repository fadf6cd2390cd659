#include "core/regions.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "core/embedded.h"

namespace baoan::core {

const RegionTable& RegionTable::instance() {
  static const RegionTable table(embedded::regionsCsv());
  return table;
}

RegionTable::RegionTable(std::string_view csv) {
  std::istringstream in{std::string(csv)};
  std::string line;
  std::getline(in, line);  // header: code,name,level,parent
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    Region r;
    std::istringstream fields(line);
    std::getline(fields, r.code, ',');
    std::getline(fields, r.name, ',');
    std::getline(fields, r.level, ',');
    std::getline(fields, r.parent, ',');
    regions_.push_back(std::move(r));
  }
  std::sort(regions_.begin(), regions_.end(), [](const Region& a, const Region& b) { return a.code < b.code; });
}

const Region* RegionTable::find(std::string_view code) const {
  auto it = std::lower_bound(regions_.begin(), regions_.end(), code,
                             [](const Region& r, std::string_view c) { return r.code < c; });
  return it != regions_.end() && it->code == code ? &*it : nullptr;
}

std::vector<const Region*> RegionTable::children(std::string_view parent) const {
  std::vector<const Region*> out;
  for (const auto& r : regions_)
    if (r.parent == parent) out.push_back(&r);
  return out;
}

bool RegionTable::hasChildren(std::string_view code) const {
  return std::any_of(regions_.begin(), regions_.end(), [&](const Region& r) { return r.parent == code; });
}

std::vector<const Region*> RegionTable::path(std::string_view code) const {
  std::vector<const Region*> out;
  for (const Region* r = find(code); r; r = r->parent.empty() ? nullptr : find(r->parent)) out.push_back(r);
  std::reverse(out.begin(), out.end());
  return out;
}

std::string RegionTable::fullName(std::string_view code) const {
  std::string s;
  for (const Region* r : path(code)) s += r->name;
  return s;
}

std::string provinceAbbreviation(std::string_view regionCode) {
  static const std::map<std::string, std::string, std::less<>> abbr = {
      {"11", "京"}, {"12", "津"}, {"13", "冀"}, {"14", "晋"}, {"15", "蒙"}, {"21", "辽"}, {"22", "吉"}, {"23", "黑"},
      {"31", "沪"}, {"32", "苏"}, {"33", "浙"}, {"34", "皖"}, {"35", "闽"}, {"36", "赣"}, {"37", "鲁"}, {"41", "豫"},
      {"42", "鄂"}, {"43", "湘"}, {"44", "粤"}, {"45", "桂"}, {"46", "琼"}, {"50", "渝"}, {"51", "川"}, {"52", "贵"},
      {"53", "云"}, {"54", "藏"}, {"61", "陕"}, {"62", "甘"}, {"63", "青"}, {"64", "宁"}, {"65", "新"}};
  auto it = abbr.find(regionCode.substr(0, 2));
  return it == abbr.end() ? "" : it->second;
}

}  // namespace baoan::core
