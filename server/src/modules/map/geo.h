#pragma once
// 地图轮廓 (§7, the offline map): the GeoJSON outline of a region, served from the binary. 610000 answers
// the province by city, a city's code its districts and counties, a county's code the county's own
// feature (cut from its city's file). Each answer carries an ETag (a hash of its bytes) so that the
// browser keeps it and asks again with If-None-Match.
#include <optional>
#include <string>
#include <string_view>

namespace baoan::map {

struct GeoOutline {
  std::string_view json;  // the GeoJSON FeatureCollection
  std::string etag;       // "\"<16 hex digits>\""
};

// nullopt when the code has no outline (not a code of 陕西's province, cities or counties).
std::optional<GeoOutline> geoOutline(std::string_view regionCode);

// The 64-bit FNV-1a hash of the bytes as a quoted ETag.
std::string etagOf(std::string_view bytes);

}  // namespace baoan::map
