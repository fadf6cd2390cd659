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
// server/data/calendar/cn-holidays.csv: the State Council's holidays and 调休 working days (date,kind,name),
// loaded into calendar_days by migration 0010.
std::string_view calendarCsv();
}  // namespace baoan::embedded
