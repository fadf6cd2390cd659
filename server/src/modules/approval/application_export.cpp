#include "modules/approval/application_export.h"

#include "modules/approval/case_state.h"

#include <map>
#include <memory>

#include "core/catalog.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/permissions.h"
#include "core/regions.h"
#include "core/working_calendar.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"

namespace baoan::approval {

using nlohmann::json;


modules::ExportFile ApplicationExport::exportFile(const core::Actor& a, const CaseFilter& f, const std::string& conditions) {
  if (!f.businessType || f.businessType->empty())
    throw AppError(400, "bad_request", "导出时请选择业务类型", {{"businessType", "请选择业务类型"}});
  const core::BusinessType* type = core::findBusinessType(*f.businessType);
  if (!type) throw AppError(400, "bad_request", "业务类型不存在", {{"businessType", "业务类型不存在"}});
  const std::string typeName(type->name);
  const std::string permission = *f.businessType + ":export";
  if (!core::isKnownPermission(permission) || !a.who.has(permission)) throw forbidden("没有导出" + typeName + "办件的权限");

  using io::ColumnKind;
  const std::vector<modules::ExportColumn> columns = {
      {"caseNo", "办件编号", ColumnKind::text, 20},           {"businessTypeName", "业务类型", ColumnKind::text, 22},
      {"applicantName", "申请人", ColumnKind::text, 30},      {"applicantCode", "统一社会信用代码", ColumnKind::text, 22},
      {"regionName", "所属区域", ColumnKind::text, 22},       {"statusName", "状态", ColumnKind::text, 10},
      {"stepName", "当前步骤", ColumnKind::text, 18},         {"submittedAt", "提交时间", ColumnKind::datetime, 18},
      {"acceptedAt", "受理时间", ColumnKind::datetime, 18},   {"decidedAt", "办结时间", ColumnKind::datetime, 18},
      {"remainingWorkingDays", "剩余工作日", ColumnKind::integer, 10}, {"warningName", "预警", ColumnKind::text, 10}};
  const auto& regions = core::RegionTable::instance();
  auto file = modules::exportXlsx(typeName + "办件", columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) {
      const auto cal = calendar_.current(c);
      const long long now = core::nowMs();
      std::map<long long, std::shared_ptr<const Chain>> chains;  // by workflow version: a case keeps the one it started with
      auto chainOf = [&](long long versionId) {
        auto& ch = chains[versionId];
        if (!ch) {
          auto found = store_.chainById(c, versionId);
          ch = std::make_shared<const Chain>(found ? std::move(*found) : Chain{});
        }
        return ch;
      };
      store_.forEachInScope(c, a.who.scope, f, [&](const CaseRow& r) {
        const auto chain = chainOf(r.workflowVersionId);
        const Step* step = r.state.stepIndex && *r.state.stepIndex >= 0 && *r.state.stepIndex < static_cast<int>(chain->steps.size())
                               ? &chain->steps[static_cast<std::size_t>(*r.state.stepIndex)]
                               : nullptr;
        json remaining = nullptr, warning = nullptr;
        if (auto clock = stepClock(r, *chain)) {
          const auto st = cal->status(*clock, now);
          remaining = st.remainingWorkingDays;
          warning = std::string(core::warningCode(st.warning));
        }
        // The 预警 filter is decided by the clock, as in the list.
        if (f.warning && warning != *f.warning) return;
        sink(json{{"caseNo", modules::textOrNull(r.caseNo)},
                  {"businessTypeName", typeName},
                  {"applicantName", r.applicantName},
                  {"applicantCode", r.applicantCode},
                  {"regionName", regions.fullName(r.regionCode)},
                  {"statusName", statusName(r.state.status, r.businessType)},
                  {"stepName", step ? json(step->name) : json(nullptr)},
                  {"submittedAt", modules::isoOrNull(r.submittedAt)},
                  {"acceptedAt", modules::isoOrNull(r.state.acceptedAt)},
                  {"decidedAt", modules::isoOrNull(r.decidedAt)},
                  {"remainingWorkingDays", remaining},
                  {"warningName", warning.is_null() ? json(nullptr) : json(warningName(warning.get<std::string>()))}});
      });
    });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "application", "",
                  "导出" + typeName + "办件 " + std::to_string(file.rows) + " 条(条件:" + conditions + ")");
  });
  return file;
}

}  // namespace baoan::approval
