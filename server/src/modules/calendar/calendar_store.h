#pragma once
// SQL of the working calendar: calendar_days (one row per holiday or 调休 working day) and the
// revision that every edit raises (migration 0010).
#include <optional>
#include <string>
#include <vector>

#include "core/working_calendar.h"
#include "db/db.h"

namespace baoan::calendar {

class CalendarStore {
 public:
  // Every entry, by date.
  std::vector<core::CalendarEntry> all(db::Conn& c);
  // The entries of one year, by date.
  std::vector<core::CalendarEntry> ofYear(db::Conn& c, int year);
  // Replaces the year's entries by `entries` (all inside that year) and raises the revision.
  void replaceYear(db::Conn& c, int year, const std::vector<core::CalendarEntry>& entries, long long userId, long long now);
  long long revision(db::Conn& c);
};

}  // namespace baoan::calendar
