#pragma once
// The map outlines compiled into the binary (server/data/geo, written by server/cmake/embed_geo.cmake).
#include <string_view>
#include <vector>

namespace baoan::map {
struct GeoFile {
  std::string_view code;  // "610000": the province by city; a city's code: its districts and counties
  std::string_view text;  // GeoJSON FeatureCollection
};
const std::vector<GeoFile>& geoFiles();
}  // namespace baoan::map
