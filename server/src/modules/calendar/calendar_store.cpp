#include "modules/calendar/calendar_store.h"

namespace baoan::calendar {

using db::Query;

namespace {
constexpr const char* kSelectAll = "SELECT day, kind, name FROM calendar_days ORDER BY day";
constexpr const char* kSelectYear = "SELECT day, kind, name FROM calendar_days WHERE year = ? ORDER BY day";
constexpr const char* kDeleteYear = "DELETE FROM calendar_days WHERE year = ?";
constexpr const char* kInsert =
    "INSERT INTO calendar_days (day, year, kind, name, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)";
constexpr const char* kRevision = "SELECT revision FROM calendar_revision WHERE id = 1";
constexpr const char* kRaiseRevision = "UPDATE calendar_revision SET revision = revision + 1, updated_at = ? WHERE id = 1";

std::vector<core::CalendarEntry> entries(const std::vector<db::Row>& rows) {
  std::vector<core::CalendarEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.str("day"), r.str("kind"), r.str("name")});
  return out;
}
}  // namespace

std::vector<core::CalendarEntry> CalendarStore::all(db::Conn& c) { return entries(c.query(Query(kSelectAll))); }

std::vector<core::CalendarEntry> CalendarStore::ofYear(db::Conn& c, int year) {
  return entries(c.query(Query(kSelectYear, year)));
}

void CalendarStore::replaceYear(db::Conn& c, int year, const std::vector<core::CalendarEntry>& list, long long userId,
                                long long now) {
  c.exec(Query(kDeleteYear, year));
  for (const auto& e : list) c.exec(Query(kInsert, e.date, year, e.kind, e.name, now, userId));
  c.exec(Query(kRaiseRevision, now));
}

long long CalendarStore::revision(db::Conn& c) { return c.scalar(Query(kRevision)); }

}  // namespace baoan::calendar
