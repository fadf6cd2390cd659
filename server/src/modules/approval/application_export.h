#pragma once
// 导出 of the §5 case lists (GET /applications/export): the cases GET /applications lists for one
// business type, with the same filters and in the caller's data scope, streamed into an xlsx file
// (modules/export_util.h) and written to the audit log. The caller needs `<businessType>:export`
// (core/permissions.cpp declares it for every business type); a type without it is 403.
#include <string>

#include "app/context.h"
#include "core/principal.h"
#include "modules/approval/approval_store.h"
#include "modules/calendar/calendar_service.h"
#include "modules/export_util.h"

namespace baoan::approval {

class ApplicationExport {
 public:
  ApplicationExport(app::Context& ctx, calendar::CalendarService& calendar) : ctx_(ctx), calendar_(calendar) {}

  // `f` as GET /applications reads it (businessType required: 400 naming it when absent or unknown);
  // `conditions` is the request as the audit entry names it.
  modules::ExportFile exportFile(const core::Actor& a, const CaseFilter& f, const std::string& conditions);

 private:
  app::Context& ctx_;
  calendar::CalendarService& calendar_;
  ApprovalStore store_;
};

}  // namespace baoan::approval
