#pragma once
// The working calendar (系统管理 → 工作日历): statutory holidays and 调休 working days per year, kept by
// the operator, and the core::WorkingCalendar built from them that the approval engine's clock uses.
//
// The calendar in force is held in memory as an immutable snapshot: current() is a mutex-guarded
// shared_ptr copy (no database access once loaded), safe from any thread; a snapshot stays valid
// and unchanged for as long as the caller keeps it. An edit through this process installs the new
// calendar when its transaction commits. Several server processes may share one database: every
// edit raises calendar_revision, and current(conn) compares it (one indexed read of a one-row table,
// at most once a second per process) so that the others follow within a second.
#include <cstdint>
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/form.h"
#include "core/principal.h"
#include "core/working_calendar.h"
#include "modules/calendar/calendar_store.h"

namespace baoan::calendar {

// The text fields of one day of PUT /calendar/{year} (docs/openapi.yaml CalendarDay).
const core::FormSpec& calendarDayForm();

class CalendarService {
 public:
  explicit CalendarService(app::Context& ctx) : ctx_(ctx) {}

  // The calendar in force. For callers inside a db.read/db.write: checks the shared revision on the
  // caller's connection (at most once a second) and reloads on a change made by another process.
  std::shared_ptr<const core::WorkingCalendar> current(db::Conn& c);
  // The same without a connection: the snapshot this process holds (loaded on first use through
  // its own read — so do not make the first call while holding a connection of a one-connection pool).
  std::shared_ptr<const core::WorkingCalendar> current();

  // GET /calendar?year= → {"year", "days": [{"date", "kind", "name"}]}.
  nlohmann::json year(int year);
  // PUT /calendar/{year} {"days": [...]}: validates (422 naming days[i].date / .kind / .name),
  // replaces the year, audits, installs the new calendar; answers like year().
  nlohmann::json replaceYear(const core::Actor& a, int year, const nlohmann::json& body);

  // The year of a query or path parameter: 2000–2100; absent (query) = this year in China. 400 naming
  // the parameter otherwise.
  static int parseYear(const std::string& text, bool required);

  // How often current(conn) looks at the shared revision.
  static constexpr std::int64_t kRecheckMs = 1000;

 private:
  std::vector<core::CalendarEntry> readDays(int year, const nlohmann::json& body);
  void install(std::shared_ptr<const core::WorkingCalendar> cal, long long revision);
  void reload(db::Conn& c);

  app::Context& ctx_;
  CalendarStore store_;
  std::mutex mu_;
  std::shared_ptr<const core::WorkingCalendar> snapshot_;  // null until loaded
  long long revision_ = 0;
  std::int64_t checkedAt_ = 0;
};

}  // namespace baoan::calendar
