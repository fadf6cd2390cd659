#pragma once
// 统计管理 (manual §8, issue 14): the figures of the 审批统计 and 企业统计 pages, each counted over the
// rows its 详情 list shows (statistics_store.h), in the caller's data scope and under a region at or
// below the caller's own. Durations are the approval engine's working-day clock (pauses excluded):
// the calendar in force (modules/calendar) and the working days the engine logged per step.
#include <memory>
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/calendar/calendar_service.h"
#include "modules/export_util.h"
#include "modules/statistics/statistics_store.h"

namespace baoan::statistics {

// What a page asks: "YYYY-MM-DD" dates (either may be empty: the last 12 months up to today) and a
// region code (empty: the caller's own region).
struct StatsQuery {
  std::string from, to, regionCode, businessType;
};

class StatisticsService {
 public:
  StatisticsService(app::Context& ctx, calendar::CalendarService& calendar) : ctx_(ctx), calendar_(calendar) {}

  // GET /stats/approvals (8.1.1 + 8.1.2).
  nlohmann::json approvals(const core::Principal& p, const StatsQuery& q);
  // GET /stats/exam-registrations (8.2 + 8.3).
  nlohmann::json examRegistrations(const core::Principal& p, const StatsQuery& q);
  // GET /stats/companies/initialization (8.4).
  nlohmann::json companyInitialization(const core::Principal& p, const StatsQuery& q);
  // GET /stats/guards/analysis (8.5).
  nlohmann::json guardAnalysis(const core::Principal& p, const StatsQuery& q);

  // The table behind each page as xlsx (GET …/export, the same query): kind is approvals,
  // exam-registrations, companies-initialization or guards-analysis.
  modules::ExportFile exportTable(const core::Actor& a, const std::string& kind, const StatsQuery& q);

 private:
  struct Resolved {
    Period period;
    std::string regionCode, regionName;
  };
  Resolved resolve(db::Conn& c, const core::Principal& p, const StatsQuery& q, bool needsDates);

  app::Context& ctx_;
  calendar::CalendarService& calendar_;
  StatisticsStore store_;
};

}  // namespace baoan::statistics
