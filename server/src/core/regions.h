#pragma once
// GB/T 2260 administrative divisions of 陕西省, loaded once from the table compiled into the binary.
#include <string>
#include <string_view>
#include <vector>

namespace baoan::core {

struct Region {
  std::string code;
  std::string name;
  std::string level;  // province | city | county | town
  std::string parent;
};

class RegionTable {
 public:
  static const RegionTable& instance();
  explicit RegionTable(std::string_view csv);
  const Region* find(std::string_view code) const;
  std::vector<const Region*> children(std::string_view parent) const;
  bool hasChildren(std::string_view code) const;
  // From the top down to `code`, e.g. 陕西省 / 咸阳市 / 渭城区.
  std::vector<const Region*> path(std::string_view code) const;
  std::string fullName(std::string_view code) const;  // "陕西省咸阳市渭城区"
  std::size_t size() const { return regions_.size(); }

 private:
  std::vector<Region> regions_;  // sorted by code
};

// The one-character abbreviation of the province of a GB/T 2260 code ("610404" → "陕"), as licence
// and filing numbers begin; "" when the first two digits name no province.
std::string provinceAbbreviation(std::string_view regionCode);

}  // namespace baoan::core
