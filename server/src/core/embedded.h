#pragma once
// Resources compiled into the binary (see server/cmake/embed.cmake).
#include <string_view>
#include <vector>

namespace baoan::embedded {
struct Resource {
  std::string_view name;
  std::string_view text;
};
const std::vector<Resource>& migrations();
std::string_view regionsCsv();
}  // namespace baoan::embedded
