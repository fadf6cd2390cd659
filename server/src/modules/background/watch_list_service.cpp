#include "modules/background/watch_list_service.h"

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "io/import_table.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"
#include "modules/audit/audit_log.h"
#include "modules/background/background_forms.h"
#include "modules/dto_util.h"

namespace baoan::background {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxImportRows = 20000;

const std::vector<io::ImportColumn>& importColumns() {
  static const std::vector<io::ImportColumn> cols = {{"idNo", "身份证号", true, true},
                                                     {"name", "姓名", true, false},
                                                     {"database", "库", true, false},
                                                     {"situation", "情形", true, false},
                                                     {"source", "来源", false, false}};
  return cols;
}

std::vector<io::Cell> exampleRow() {
  return {std::string("11010519491231002X"), std::string("张伟"), std::string("全国在逃人员信息库"),
          std::string("网上追逃人员"), std::string("公安部通报")};
}

}  // namespace

std::string WatchListService::databaseCode(const std::string& codeOrName) const {
  for (const auto& d : ctx_.config.backgroundCheck.databases)
    if (d.code == codeOrName || d.name == codeOrName) return d.code;
  return {};
}

std::string WatchListService::databaseName(const std::string& code) const {
  const auto* d = background_check::findDatabase(ctx_.config.backgroundCheck, code);
  return d ? d->name : code;
}

json WatchListService::databases() const {
  json out = json::array();
  for (const auto& d : ctx_.config.backgroundCheck.databases) out.push_back({{"code", d.code}, {"name", d.name}});
  return out;
}

json WatchListService::toJson(const WatchRow& w, bool full) const {
  return {{"id", w.id},
          {"idNo", full ? w.f.idNo : core::maskIdNumber(w.f.idNo)},
          {"name", w.f.name},
          {"database", w.f.database},
          {"databaseName", databaseName(w.f.database)},
          {"situation", w.f.situation},
          {"source", modules::textOrNull(w.f.source)},
          {"orgId", w.orgId},
          {"orgName", w.orgName},
          {"createdAt", core::toIso(w.createdAt)},
          {"updatedAt", core::toIso(w.updatedAt)}};
}

WatchFields WatchListService::readFields(const json& body, FieldErrors& errors) const {
  core::Form form(body, errors);
  const core::FormSpec& spec = watchListForm();
  WatchFields f;
  f.idNo = core::upperAscii(form.text(spec["idNo"]));
  if (!f.idNo.empty() && !errors.has("idNo"))
    if (auto e = core::checkIdNumber(f.idNo)) errors.add("idNo", "身份证号" + *e);
  f.name = form.text(spec["name"]);
  const std::string db = form.text(spec["database"]);
  if (!db.empty() && !errors.has("database")) {
    f.database = databaseCode(db);
    if (f.database.empty()) {
      std::string names;
      for (const auto& d : ctx_.config.backgroundCheck.databases) names += (names.empty() ? "" : "、") + d.name;
      errors.add("database", "库的取值无效,应为" + names + "之一");
    }
  }
  f.situation = form.text(spec["situation"]);
  f.source = form.optionalText(spec["source"]);
  return f;
}

WatchFilter WatchListService::filter(const core::Principal& p, const WatchQuery& q) const {
  WatchFilter f;
  f.scope = &p.scope;
  f.idNo = core::upperAscii(core::trim(q.idNo));
  if (f.idNo.find_first_not_of("0123456789X") != std::string::npos) throw invalidField("idNo", "身份证号只能包含数字和X");
  f.name = core::trim(q.name);
  if (!q.database.empty()) {
    f.database = databaseCode(q.database);
    if (f.database.empty()) throw invalidField("database", "库的取值无效");
  }
  return f;
}

void WatchListService::requireVisible(db::Conn& c, const core::Principal& p, long long id) const {
  if (!store_.visible(c, p.scope, id)) throw notFound("名单记录不存在");
}

json WatchListService::list(const core::Principal& p, const WatchQuery& q, const core::PageRequest& page) {
  const WatchFilter f = filter(p, q);
  const bool full = p.has("watch_list:pii");
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, f, page);
    json items = json::array();
    for (const auto& w : rows) items.push_back(toJson(w, full));
    return modules::pageJson(std::move(items), total, page);
  });
}

json WatchListService::get(const core::Actor& a, long long id) {
  const bool full = a.who.has("watch_list:pii");
  auto load = [&](db::Conn& c) {
    requireVisible(c, a.who, id);
    return toJson(*store_.find(c, id), full);
  };
  if (!full) return ctx_.db.read(load);
  // A full view of an ID number is recorded, as for every record with personal data.
  return ctx_.db.write([&](db::Conn& c) {
    json j = load(c);
    audit::record(c, a, "view_pii", "watch_list", std::to_string(id), "查看名单 " + j["name"].get<std::string>() + " 的完整身份证号");
    return j;
  });
}

json WatchListService::create(const core::Actor& a, const json& body) {
  FieldErrors errors;
  const WatchFields f = readFields(body, errors);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    if (store_.taken(c, f.idNo, f.database, 0))
      throw AppError(409, "conflict", "该人员已在" + databaseName(f.database) + "名单中", {{"idNo", "该人员已在" + databaseName(f.database) + "名单中"}});
    const long long id = store_.insert(c, f, a.who.orgId, a.who.orgPath, core::nowMs(), a.who.userId);
    audit::record(c, a, "create", "watch_list", std::to_string(id), "新增名单 " + f.name + "(" + databaseName(f.database) + ")");
    return toJson(*store_.find(c, id), a.who.has("watch_list:pii"));
  });
}

json WatchListService::update(const core::Actor& a, long long id, const json& body) {
  // An entry outside the scope does not exist for the caller, whatever the body says; a masked ID
  // number sent back unchanged keeps the stored one.
  json sent = body;
  ctx_.db.read([&](db::Conn& c) {
    requireVisible(c, a.who, id);
    if (sent.is_object()) core::restoreMaskedValue(sent, "idNo", store_.find(c, id)->f.idNo);
  });
  FieldErrors errors;
  const WatchFields f = readFields(sent, errors);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    requireVisible(c, a.who, id);
    if (store_.taken(c, f.idNo, f.database, id))
      throw AppError(409, "conflict", "该人员已在" + databaseName(f.database) + "名单中", {{"idNo", "该人员已在" + databaseName(f.database) + "名单中"}});
    store_.update(c, id, f, core::nowMs());
    audit::record(c, a, "update", "watch_list", std::to_string(id), "修改名单 " + f.name + "(" + databaseName(f.database) + ")");
    return toJson(*store_.find(c, id), a.who.has("watch_list:pii"));
  });
}

void WatchListService::remove(const core::Actor& a, long long id) {
  ctx_.db.write([&](db::Conn& c) {
    requireVisible(c, a.who, id);
    const WatchRow w = *store_.find(c, id);
    store_.remove(c, id);
    audit::record(c, a, "delete", "watch_list", std::to_string(id), "删除名单 " + w.f.name + "(" + databaseName(w.f.database) + ")");
  });
}

modules::ExportFile WatchListService::exportFile(const core::Actor& a, const WatchQuery& q) {
  const WatchFilter f = filter(a.who, q);
  const bool full = a.who.has("watch_list:pii");
  using io::ColumnKind;
  // The columns of the import template first, so that a full export can be imported elsewhere.
  const std::vector<modules::ExportColumn> columns = {
      {"idNo", "身份证号", ColumnKind::text, 22},     {"name", "姓名", ColumnKind::text, 10},
      {"databaseName", "库", ColumnKind::text, 24},  {"situation", "情形", ColumnKind::text, 40},
      {"source", "来源", ColumnKind::text, 20},       {"orgName", "维护单位", ColumnKind::text, 20},
      {"createdAt", "录入时间", ColumnKind::datetime, 18}};
  auto file = modules::exportXlsx("名单", columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) { store_.forEach(c, f, [&](const WatchRow& w) { sink(toJson(w, full)); }); });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "watch_list", "", "导出名单 " + std::to_string(file.rows) + " 条(条件:" + q.conditions + ")");
  });
  return file;
}

modules::ExportFile WatchListService::importTemplate() const {
  using io::ColumnKind;
  std::string names;
  for (const auto& d : ctx_.config.backgroundCheck.databases) names += (names.empty() ? "" : "、") + d.name;
  const std::vector<io::Column> cols = {{"身份证号", ColumnKind::text, 22, true, "必填,18位公民身份号码,请保持文本格式"},
                                        {"姓名", ColumnKind::text, 10, true, "必填"},
                                        {"库", ColumnKind::text, 24, true, "必填:" + names},
                                        {"情形", ColumnKind::text, 40, true, "必填,如:网上追逃、吸毒史"},
                                        {"来源", ColumnKind::text, 20, false, "选填,如:公安部通报"}};
  const std::string path = modules::tempFilePath(".xlsx");
  io::writeTemplate(path, "名单导入", cols, exampleRow());
  return {path, "名单导入模板.xlsx"};
}

WatchImportResult WatchListService::importXlsx(const core::Actor& a, const std::string& xlsx) {
  const io::ReadSheet sheet = io::readUploadedSheet(xlsx, kMaxImportRows + 1);
  io::ImportTable table(importColumns());
  table.ignoreExampleRow(exampleRow());
  io::ImportErrors errors(table.columns());
  struct Good {
    int row;
    WatchFields f;
  };
  std::vector<Good> good;
  if (table.read(sheet, errors)) {
    std::map<std::pair<std::string, std::string>, int> seen;  // (ID number, database) → first row
    for (const auto& r : table.rows()) {
      const json body = r.toJson();
      FieldErrors fe;
      WatchFields f = readFields(body, fe);
      if (fe.empty()) {
        auto [it, fresh] = seen.emplace(std::make_pair(f.idNo, f.database), r.row);
        if (!fresh) fe.add("idNo", "该人员在同一库中与第" + std::to_string(it->second) + "行重复");
      }
      errors.addFieldErrors(r.row, fe);
      if (fe.empty()) good.push_back({r.row, std::move(f)});
    }
  }
  std::vector<std::string> idNos;
  for (const auto& g : good) idNos.push_back(g.f.idNo);
  const auto listed = ctx_.db.read([&](db::Conn& c) { return store_.listedAmong(c, idNos); });
  for (const auto& g : good)
    if (listed.count({g.f.idNo, g.f.database})) errors.add(g.row, "idNo", "该人员已在" + databaseName(g.f.database) + "名单中");
  if (!errors.empty()) return {0, errors.toJson(1000), errors.size()};
  ctx_.db.write([&](db::Conn& c) {
    const long long now = core::nowMs();
    for (const auto& g : good) store_.insert(c, g.f, a.who.orgId, a.who.orgPath, now, a.who.userId);
    audit::record(c, a, "import", "watch_list", "", "导入名单 " + std::to_string(good.size()) + " 条");
  });
  return {static_cast<long long>(good.size()), json::array(), 0};
}

}  // namespace baoan::background
