// 系统管理 → 工作日历: the statutory holidays and 调休 working days of a year. Every signed-in user reads
// it (the SPA counts working days left); calendar:update replaces a year.
#include "modules/calendar/calendar_service.h"
#include "modules/registry.h"
#include "modules/route_util.h"

namespace baoan::modules {

using http::Ctx;
using http::Response;

void registerCalendarRoutes(http::Router& r, calendar::CalendarService& svc) {
  r.get("/api/v1/calendar", [&svc](Ctx& c) {
    return Response::json(svc.year(calendar::CalendarService::parseYear(c.req.q("year"), false)));
  });
  r.put("/api/v1/calendar/{year}", [&svc](Ctx& c) {
    return Response::json(svc.replaceYear(actor(c), calendar::CalendarService::parseYear(c.req.params.at("year"), true),
                                          c.req.json()));
  }, {.permission = "calendar:update"});
}

}  // namespace baoan::modules
