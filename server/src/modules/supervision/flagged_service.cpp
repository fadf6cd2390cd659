#include "modules/supervision/flagged_service.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "io/import_table.h"
#include "io/xlsx_reader.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "modules/supervision/screening_rules.h"

namespace baoan::supervision {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxOpinionRows = 20000;
constexpr std::size_t kOpinionLength = 500;
// The states the portal sees: a police opinion that concerns the company.
const std::vector<std::string> kPortalStates = {"dismiss", "observe"};

const std::vector<io::ImportColumn>& opinionColumns() {
  static const std::vector<io::ImportColumn> cols = {{"id", "编号", true, false},
                                                     {"action", "处理意见", true, false},
                                                     {"opinion", "意见内容", false, false}};
  return cols;
}

// The action and the opinion of a body or an imported row, checked: 误报 needs a reason.
std::pair<std::string, std::string> readOpinion(const json& body, FieldErrors& errors) {
  core::Form form(body, errors);
  const std::string actionText = form.text("action", "处理意见", {true, 20});
  const std::string opinion = form.text("opinion", "意见内容", {false, kOpinionLength, true});
  std::string action;
  if (!actionText.empty() && !errors.has("action")) {
    action = opinionActionOf(actionText);
    if (action.empty()) errors.add("action", "处理意见的取值无效,应为责令辞退、继续观察或误报");
  }
  if (action == "false_positive" && opinion.empty() && !errors.has("opinion"))
    errors.add("opinion", "误报需填写意见内容(误报原因)");
  return {action, opinion};
}

}  // namespace

std::string FlaggedService::databaseNames(const std::string& codes) const {
  std::string out;
  std::size_t start = 0;
  while (start <= codes.size()) {
    const auto end = std::min(codes.find(',', start), codes.size());
    const std::string code = codes.substr(start, end - start);
    if (!code.empty()) {
      const auto* d = background_check::findDatabase(ctx_.config.backgroundCheck, code);
      out += (out.empty() ? "" : "、") + (d ? d->name : code);
    }
    start = end + 1;
  }
  return out;
}

json FlaggedService::toJson(const FlaggedRow& f, bool fullIdNo) const {
  return {{"id", f.id},
          {"guardId", f.guardId},
          {"name", f.name},
          {"idNo", fullIdNo ? f.idNo : core::maskIdNumber(f.idNo)},
          {"companyName", f.companyName},
          {"employed", f.employed},
          {"orgId", f.orgId},
          {"reason", f.reason},
          {"database", databaseNames(f.database)},
          {"flaggedAt", core::toIso(f.flaggedAt)},
          {"state", f.state},
          {"stateName", flaggedStateName(f.state)},
          {"opinion", modules::textOrNull(f.opinion)},
          {"opinionBy", modules::textOrNull(f.opinionByName)},
          {"opinionAt", modules::isoOrNull(f.opinionAt)},
          {"confirmation", modules::textOrNull(f.confirmation)},
          {"confirmedOn", modules::textOrNull(f.confirmedOn)}};
}

// The company's view: the police opinion, never the screening detail (reason, database, report).
json FlaggedService::portalJson(const FlaggedRow& f) const {
  return {{"id", f.id},
          {"guardId", f.guardId},
          {"name", f.name},
          {"idNo", f.idNo},
          {"employed", f.employed},
          {"state", f.state},
          {"stateName", flaggedStateName(f.state)},
          {"opinion", modules::textOrNull(f.opinion)},
          {"opinionAt", modules::isoOrNull(f.opinionAt)},
          {"confirmation", modules::textOrNull(f.confirmation)},
          {"confirmedOn", modules::textOrNull(f.confirmedOn)}};
}

FlaggedFilter FlaggedService::filter(const core::Principal& p, const FlaggedQuery& q) const {
  FlaggedFilter f;
  f.scope = &p.scope;
  f.name = core::trim(q.name);
  f.idNo = core::trim(q.idNo);
  std::transform(f.idNo.begin(), f.idNo.end(), f.idNo.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  if (f.idNo.find_first_not_of("0123456789X") != std::string::npos) throw invalidField("idNo", "身份证号只能包含数字和X");
  f.companyName = core::trim(q.companyName);
  f.reason = core::trim(q.reason);
  f.companyId = q.companyId;
  const std::string state = core::trim(q.state);
  if (!state.empty()) {
    if (state != "pending" && !isOpinionAction(state))
      throw invalidField("state", "状态的取值无效,应为 pending、dismiss、observe 或 false_positive");
    f.states = {state};
  }
  return f;
}

json FlaggedService::list(const core::Principal& p, const FlaggedQuery& q, const core::PageRequest& page) {
  const FlaggedFilter f = filter(p, q);
  const bool full = p.has("guard:pii");
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, f, page);
    json items = json::array();
    for (const auto& r : rows) items.push_back(toJson(r, full));
    return modules::pageJson(std::move(items), total, page);
  });
}

json FlaggedService::get(const core::Actor& a, long long id) {
  const bool full = a.who.has("guard:pii");
  auto load = [&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound("问题人员不存在");
    const FlaggedRow f = *store_.find(c, id);
    json j = toJson(f, full);
    j["report"] = json::parse(f.report, nullptr, false);
    if (j["report"].is_discarded()) j["report"] = json::array();
    return j;
  };
  if (!full) return ctx_.db.read(load);
  return ctx_.db.write([&](db::Conn& c) {
    json j = load(c);
    audit::record(c, a, "view_pii", "flagged_person", std::to_string(id), "查看问题人员 " + j["name"].get<std::string>() + " 的完整身份证号");
    return j;
  });
}

json FlaggedService::opinion(const core::Actor& a, long long id, const json& body) {
  // A record outside the scope does not exist for the caller, whatever the body says.
  ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound("问题人员不存在");
  });
  FieldErrors errors;
  const auto [action, opinion] = readOpinion(body.is_object() ? body : json::object(), errors);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound("问题人员不存在");
    const long long now = core::nowMs();
    store_.setOpinion(c, id, action, opinion, a.who.name, now);
    store_.addOpinion(c, id, action, opinion, "web", std::nullopt, a.who.userId, a.who.name, now);
    const FlaggedRow f = *store_.find(c, id);
    audit::record(c, a, "opinion", "flagged_person", std::to_string(id),
                  "问题人员 " + f.name + " 处理意见:" + opinionActionName(action) + (opinion.empty() ? "" : "(" + opinion + ")"));
    return toJson(f, a.who.has("guard:pii"));
  });
}

modules::ExportFile FlaggedService::exportFile(const core::Actor& a, const FlaggedQuery& q) {
  const FlaggedFilter f = filter(a.who, q);
  const bool full = a.who.has("guard:pii");
  using io::ColumnKind;
  // 编号, 处理意见 and 意见内容 are what an import of opinions reads back.
  const std::vector<modules::ExportColumn> columns = {
      {"id", "编号", ColumnKind::integer, 8},          {"name", "姓名", ColumnKind::text, 10},
      {"idNo", "身份证号", ColumnKind::text, 22},      {"companyName", "所属公司", ColumnKind::text, 28},
      {"database", "库", ColumnKind::text, 24},        {"reason", "情形", ColumnKind::text, 40},
      {"flaggedAt", "标记时间", ColumnKind::datetime, 18}, {"actionName", "处理意见", ColumnKind::text, 10},
      {"opinion", "意见内容", ColumnKind::text, 36},   {"opinionBy", "处理人", ColumnKind::text, 10},
      {"opinionAt", "处理时间", ColumnKind::datetime, 18}, {"confirmationName", "公司确认", ColumnKind::text, 16}};
  auto file = modules::exportXlsx("问题人员", columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) {
      store_.forEach(c, f, [&](const FlaggedRow& r) {
        json j = toJson(r, full);
        j["actionName"] = r.state == "pending" ? "" : opinionActionName(r.state);
        j["confirmationName"] = r.confirmation ? "已辞退 " + r.confirmedOn.value_or("") : "";
        sink(j);
      });
    });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "flagged_person", "", "导出问题人员 " + std::to_string(file.rows) + " 条(条件:" + q.conditions + ")");
  });
  return file;
}

OpinionImportResult FlaggedService::importOpinions(const core::Actor& a, const std::string& xlsx) {
  const io::ReadSheet sheet = io::readUploadedSheet(xlsx, kMaxOpinionRows + 1);
  io::ImportTable table(opinionColumns());
  io::ImportErrors errors(table.columns());
  struct Good {
    int row;
    long long id;
    std::string action, opinion;
  };
  std::vector<Good> good;
  if (table.read(sheet, errors)) {
    std::map<long long, int> seen;
    ctx_.db.read([&](db::Conn& c) {
      for (const auto& r : table.rows()) {
        json body = r.toJson();
        FieldErrors fe;
        long long id = 0;
        const std::string idText = body.value("id", "");
        try {
          std::size_t used = 0;
          id = std::stoll(idText, &used);
          if (used != idText.size() || id <= 0) id = 0;
        } catch (const std::exception&) {
          id = 0;
        }
        if (id == 0 || !store_.visible(c, a.who.scope, id)) fe.add("id", "编号对应的问题人员不存在");
        // A row without an opinion (a person still 待处理 in the export) is left as it is.
        if (core::trim(body.value("action", "")).empty()) continue;
        auto [action, opinion] = readOpinion(body, fe);
        if (fe.empty()) {
          auto [it, fresh] = seen.emplace(id, r.row);
          if (!fresh) fe.add("id", "编号与第" + std::to_string(it->second) + "行重复");
        }
        errors.addFieldErrors(r.row, fe);
        if (fe.empty()) good.push_back({r.row, id, action, opinion});
      }
    });
  }
  if (!errors.empty()) {
    OpinionImportResult bad;
    bad.errors = errors.toJson(1000);
    bad.errorCount = errors.size();
    return bad;
  }
  OpinionImportResult result;
  ctx_.db.write([&](db::Conn& c) {
    const long long now = core::nowMs();
    for (const auto& g : good) {
      const std::string key = opinionImportKey(g.id, g.action, g.opinion);
      const FlaggedRow current = *store_.find(c, g.id);
      // Imported before, or already in force (a re-import of an export): nothing changes.
      if (store_.hasImportKey(c, g.id, key) || (current.state == g.action && current.opinion.value_or("") == g.opinion)) {
        ++result.unchanged;
        continue;
      }
      store_.setOpinion(c, g.id, g.action, g.opinion, a.who.name, now);
      store_.addOpinion(c, g.id, g.action, g.opinion, "import", key, a.who.userId, a.who.name, now);
      ++result.imported;
    }
    audit::record(c, a, "import", "flagged_person", "",
                  "导入处理意见 " + std::to_string(result.imported) + " 条(未变 " + std::to_string(result.unchanged) + " 条)");
  });
  return result;
}

FlaggedRow FlaggedService::ownFlag(db::Conn& c, const core::Principal& p, long long id) const {
  auto f = store_.find(c, id);
  // Another company's guard, or a flag without a police opinion, does not exist for this company.
  if (!f || f->employerKind != "company" || f->employerId != p.companyId ||
      std::find(kPortalStates.begin(), kPortalStates.end(), f->state) == kPortalStates.end())
    throw notFound("问题人员不存在");
  return *f;
}

json FlaggedService::portalList(const core::Principal& p, const core::PageRequest& page) {
  FlaggedFilter f;
  f.companyId = p.companyId;
  f.states = kPortalStates;
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, f, page);
    json items = json::array();
    for (const auto& r : rows) items.push_back(portalJson(r));
    return modules::pageJson(std::move(items), total, page);
  });
}

json FlaggedService::portalConfirm(const core::Actor& a, long long id, const json& body) {
  const FlaggedRow before = ctx_.db.read([&](db::Conn& c) { return ownFlag(c, a.who, id); });
  FieldErrors errors;
  const json b = body.is_object() ? body : json::object();
  core::Form form(b, errors);
  const std::string action = form.text("action", "处理结果", {true, 20});
  if (!action.empty() && !errors.has("action") && action != "dismissed") errors.add("action", "处理结果的取值无效,应为 dismissed(已辞退)");
  std::string on = form.pastDate({"on", "辞退日期", {true, 10}});
  errors.throwIfAny();
  // 已辞退 ends the employment through the registry (its checks: the date not before hiring).
  if (before.employed) guards_->leave(a, before.guardId, {{"leftOn", on}});
  return ctx_.db.write([&](db::Conn& c) {
    ownFlag(c, a.who, id);
    store_.confirm(c, id, action, on, core::nowMs());
    audit::record(c, a, "confirm", "flagged_person", std::to_string(id), "公司确认问题人员 " + before.name + " 已辞退(" + on + ")");
    return portalJson(*store_.find(c, id));
  });
}

}  // namespace baoan::supervision
