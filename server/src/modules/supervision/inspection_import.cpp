// 监督检查 xlsx: 数据导出 of the list (its search applied) and 导入 (template + per-row report,
// all-or-nothing, as the registry's imports: io/import_table.h).
#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "io/import_table.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"
#include "modules/audit/audit_log.h"
#include "modules/supervision/inspection_rules.h"
#include "modules/supervision/inspection_service.h"

namespace baoan::supervision {

using nlohmann::json;

namespace {
constexpr std::size_t kMaxImportRows = 5000;

// The fixed columns; the checklist's follow them (checklistColumns).
const std::vector<io::ImportColumn>& fixedColumns() {
  static const std::vector<io::ImportColumn> cols = {
      {"unitKind", "单位类型", false, false}, {"unitName", "单位名称", true, false},   {"inspectedOn", "检查日期", true, false},
      {"kind", "检查类型", true, false},      {"inspectors", "检查人", true, false},   {"findings", "发现问题", false, false},
      {"requirement", "整改要求", false, false}, {"deadline", "整改期限", false, false}, {"conclusion", "检查结论", true, false}};
  return cols;
}

std::vector<std::string> fixedExample() {
  return {"保安服务公司", "咸阳示例保安服务有限公司", "2026-11-20", "日常检查", "王建国、李振华", "部分保安员未持证上岗",
          "组织全员持证上岗", "2026-12-20", "责令整改"};
}

// The checklist as columns: the administrator's template is data, so the columns follow its enabled
// items (a result column named as the item, a remark column after it). Optional in a file: a sheet of
// an older template, without them, imports records without a checklist.
std::string resultKey(const ItemRow& i) { return "item." + i.code; }
std::string remarkKey(const ItemRow& i) { return "remark." + i.code; }
std::string remarkHeader(const ItemRow& i) { return i.name + "备注"; }
constexpr std::size_t kMaxRemark = 200;

std::vector<ItemRow> enabledItems(const std::vector<ItemRow>& items) {
  std::vector<ItemRow> out;
  for (const auto& i : items)
    if (i.enabled) out.push_back(i);
  return out;
}

std::vector<io::ImportColumn> importColumns(const std::vector<ItemRow>& checklist) {
  std::vector<io::ImportColumn> cols = fixedColumns();
  for (const auto& i : checklist) {
    cols.push_back({resultKey(i), i.name, false, false});
    cols.push_back({remarkKey(i), remarkHeader(i), false, false});
  }
  return cols;
}

// The template's example: the first item failed with a remark, the others passed.
std::vector<io::Cell> exampleRow(const std::vector<ItemRow>& checklist) {
  std::vector<io::Cell> row;
  for (auto& v : fixedExample()) row.emplace_back(std::move(v));
  for (std::size_t n = 0; n < checklist.size(); ++n) {
    row.emplace_back(std::string(n == 0 ? "不合格" : "合格"));
    row.emplace_back(std::string(n == 0 ? "2名保安员未携带保安员证" : ""));
  }
  return row;
}

// A row's checklist cells as the form's items; a bad cell is reported on its own column.
json checklistOf(const io::ImportRow& row, const std::vector<ItemRow>& checklist, FieldErrors& fe) {
  json items = json::array();
  for (const auto& i : checklist) {
    const std::string& result = row.get(resultKey(i));
    const std::string& remark = row.get(remarkKey(i));
    if (result.empty()) {
      // Blank: the item was not recorded; a remark alone says nothing about the result.
      if (!remark.empty()) fe.add(remarkKey(i), "填写了「" + remarkHeader(i) + "」,请同时在「" + i.name + "」填写检查结果");
      continue;
    }
    if (resultCode(result).empty()) {
      fe.add(resultKey(i), "「" + i.name + "」应为 合格、不合格、不涉及 之一,不填表示未检查");
      continue;
    }
    if (core::utf8Length(remark) > kMaxRemark) {
      fe.add(remarkKey(i), "「" + remarkHeader(i) + "」不能超过" + std::to_string(kMaxRemark) + "字");
      continue;
    }
    items.push_back({{"code", i.code}, {"result", resultCode(result)}, {"remark", remark}});
  }
  return items;
}

// Where a form field's problem shows in the sheet.
std::string columnOf(const std::string& field) {
  if (field == "unitId") return "unitName";
  if (field == "inspectorIds") return "inspectors";
  return field;
}

std::vector<std::string> splitNames(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const auto b = cur.find_first_not_of(' ');
    const auto e = cur.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    // Separators: 、 ， , ; ；
    if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0 || text.compare(i, 3, "；") == 0) {
      flush();
      i += 3;
    } else if (text[i] == ',' || text[i] == ';') {
      flush();
      ++i;
    } else {
      cur += text[i++];
    }
  }
  flush();
  return out;
}

std::string itemsText(const json& items) {
  // Appended piece by piece: GCC 12's -Wrestrict misfires on "literal" + std::string&& at -O3.
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out.append(";");
    out.append(i.value("name", "")).append(":").append(resultName(i.value("result", "")));
    const std::string remark = i.value("remark", "");
    if (!remark.empty()) out.append("(").append(remark).append(")");
  }
  return out;
}
}  // namespace

modules::ExportFile InspectionService::exportFile(const core::Actor& a, const InspectionQuery& q) {
  using io::ColumnKind;
  // The columns of the import template first, so that an export can be imported elsewhere.
  // The columns of the import template first (the checklist's included), so that an export re-imports.
  const auto checklist = ctx_.db.read([&](db::Conn& c) { return enabledItems(store_.items(c)); });
  std::vector<modules::ExportColumn> columns = {
      {"unitKindName", "单位类型", ColumnKind::text, 16},   {"unitName", "单位名称", ColumnKind::text, 30},
      {"inspectedOn", "检查日期", ColumnKind::date, 12},    {"kindName", "检查类型", ColumnKind::text, 10},
      {"inspectorNames", "检查人", ColumnKind::text, 16},   {"findings", "发现问题", ColumnKind::text, 40},
      {"requirement", "整改要求", ColumnKind::text, 40},    {"deadline", "整改期限", ColumnKind::date, 12},
      {"conclusionName", "检查结论", ColumnKind::text, 10}};
  for (const auto& i : checklist) {
    columns.push_back({resultKey(i), i.name, ColumnKind::text, 10});
    columns.push_back({remarkKey(i), remarkHeader(i), ColumnKind::text, 20});
  }
  // Items no longer in the template (disabled since) have no column: they stay readable here.
  columns.insert(columns.end(), {{"itemsText", "其他检查项目", ColumnKind::text, 30},
                                 {"rectStateName", "整改状态", ColumnKind::text, 14},
                                 {"overdueText", "是否逾期", ColumnKind::text, 8},
                                 {"orgName", "监管单位", ColumnKind::text, 20}});
  const InspectionFilter f = filterOf(a.who, q);
  auto file = modules::exportXlsx("监督检查情况", columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) {
      const auto names = itemNames(c);
      store_.forEach(c, f, [&](const InspectionRow& r) {
        json j = toJson(c, r, false, names);
        j["unitKindName"] = std::string(unitKindName(r.f.unitKind));
        j["kindName"] = std::string(kindName(r.f.kind));
        j["conclusionName"] = std::string(conclusionName(r.f.conclusion));
        json others = json::array();
        for (const auto& item : j["items"]) {
          const std::string code = item.value("code", "");
          const bool hasColumn = std::any_of(checklist.begin(), checklist.end(), [&](const ItemRow& i) { return i.code == code; });
          if (!hasColumn) {
            others.push_back(item);
            continue;
          }
          j["item." + code] = std::string(resultName(item.value("result", "")));
          j["remark." + code] = item.value("remark", "");
        }
        j["itemsText"] = itemsText(others);
        j["rectStateName"] = r.rectState ? std::string(rectStateName(*r.rectState)) : std::string();
        j["overdueText"] = j["overdue"].get<bool>() ? "逾期" : "";
        sink(j);
      });
    });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "inspection", "", "导出监督检查记录 " + std::to_string(file.rows) + " 条(条件:" + q.conditions + ")");
  });
  return file;
}

modules::ExportFile InspectionService::importTemplate() const {
  using io::ColumnKind;
  const auto checklist = ctx_.db.read([&](db::Conn& c) { return enabledItems(store_.items(c)); });
  std::vector<io::Column> cols = {
      {"单位类型", ColumnKind::text, 16, false, "选填:保安服务公司、分公司、自行招用保安员单位、保安培训单位、其他单位;不填为保安服务公司"},
      {"单位名称", ColumnKind::text, 30, true, "必填,登记信息中的单位全称(本单位管辖范围内);其他单位照实填写"},
      {"检查日期", ColumnKind::text, 12, true, "必填,YYYY-MM-DD,不晚于今天"},
      {"检查类型", ColumnKind::text, 10, true, "必填:日常检查、专项检查、年度检查、投诉核查"},
      {"检查人", ColumnKind::text, 16, true, "必填,本单位民警姓名,多人用“、”分隔"},
      {"发现问题", ColumnKind::text, 40, false, "选填,2000字以内"},
      {"整改要求", ColumnKind::text, 40, false, "责令整改时必填,2000字以内"},
      {"整改期限", ColumnKind::text, 12, false, "责令整改时必填,YYYY-MM-DD,不早于检查日期"},
      {"检查结论", ColumnKind::text, 10, true, "必填:合格、责令整改、移交处罚"}};
  for (const auto& i : checklist) {
    cols.push_back({i.name, ColumnKind::text, 10, false, "检查项目,选填:合格、不合格、不涉及;不填表示未检查"});
    cols.push_back({remarkHeader(i), ColumnKind::text, 20, false, "选填,「" + i.name + "」的备注," + std::to_string(kMaxRemark) + "字以内"});
  }
  const std::string path = modules::tempFilePath(".xlsx");
  io::writeTemplate(path, "监督检查导入", cols, exampleRow(checklist));
  return {path, "监督检查导入模板.xlsx"};
}

std::vector<long long> InspectionService::recordedInspectors(db::Conn& c, const core::Principal& p, const json& body) const {
  std::vector<long long> out;
  const std::string on = body.value("inspectedOn", "");
  const std::string kind = body.value("unitKind", "");
  if (on.empty() || kind.empty()) return out;
  InspectionFilter f;
  f.scope = &p.scope;
  f.from = on;
  f.to = on;
  const std::optional<long long> unitId = body.contains("unitId") ? std::optional<long long>(body.at("unitId").get<long long>()) : std::nullopt;
  store_.forEach(c, f, [&](const InspectionRow& r) {
    if (r.f.inspectedOn != on || r.f.unitKind != kind) return;
    if (kind == "other" ? r.f.unitName != body.value("unitName", "") : r.f.unitId != unitId) return;
    for (const long long id : r.f.inspectorIds)
      if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  });
  return out;
}

InspectionImportResult InspectionService::importXlsx(const core::Actor& a, const std::string& xlsx) {
  const io::ReadSheet sheet = io::readUploadedSheet(xlsx, kMaxImportRows + 1);
  const auto checklist = ctx_.db.read([&](db::Conn& c) { return enabledItems(store_.items(c)); });
  io::ImportTable table(importColumns(checklist));
  table.ignoreExampleRow(exampleRow(checklist));
  io::ImportErrors errors(table.columns());
  std::vector<Input> good;
  if (table.read(sheet, errors)) {
    ctx_.db.read([&](db::Conn& c) {
      for (const auto& row : table.rows()) {
        FieldErrors fe;
        json body = {{"unitName", row.get("unitName")}, {"inspectedOn", row.get("inspectedOn")}, {"kind", row.get("kind")},
                     {"findings", row.get("findings")},  {"requirement", row.get("requirement")}, {"conclusion", row.get("conclusion")},
                     {"fileIds", json::array()}};
        if (!row.get("deadline").empty()) body["deadline"] = row.get("deadline");
        // The unit: a registry unit of that kind named exactly so in the caller's scope.
        const std::string kindText = row.get("unitKind").empty() ? "company" : row.get("unitKind");
        const std::string kind = unitKindCode(kindText);
        if (kind.empty()) {
          fe.add("unitKind", "单位类型应为 保安服务公司、分公司、自行招用保安员单位、保安培训单位、其他单位 之一");
        } else {
          body["unitKind"] = kind;
          if (kind != "other" && !row.get("unitName").empty()) {
            const auto units = store_.unitsNamed(c, kind, row.get("unitName"), a.who.scope);
            if (units.empty())
              fe.add("unitName", "在本单位管辖范围内的" + std::string(unitKindName(kind)) + "中没有找到「" + row.get("unitName") +
                                     "」;登记外的单位请将单位类型填为「其他单位」");
            else body["unitId"] = units.front().id;
          }
        }
        // The inspectors: officers of the caller's org (and below), as on the form — or, for a row that
        // describes an inspection already on record in the caller's scope (the same unit and inspection
        // date: an exported row imported again), that record's inspectors, as an edit of it may keep them
        // (a 市局 officer of a joint inspection of a 分局's unit).
        const std::vector<long long> kept = recordedInspectors(c, a.who, body);
        json inspectorIds = json::array();
        for (const auto& name : splitNames(row.get("inspectors"))) {
          auto o = store_.officerNamed(c, name, a.who.orgPath);
          if (!o)
            for (const long long id : kept)
              if (auto k = store_.officer(c, id, "/"); k && k->name == name) {
                o = k;
                break;
              }
          if (!o) {
            fe.add("inspectors", "检查人「" + name + "」不是本单位的民警");
            break;
          }
          inspectorIds.push_back(o->id);
        }
        body["inspectorIds"] = inspectorIds;
        body["items"] = checklistOf(row, checklist, fe);
        if (fe.empty()) {
          try {
            good.push_back(readInput(c, a.who, body, kept));
          } catch (const AppError& e) {
            for (const auto& [field, message] : e.fields) fe.add(columnOf(field), message);
            if (e.fields.empty()) fe.add("", e.what());
          }
        }
        errors.addFieldErrors(row.row, fe);
      }
    });
  }
  if (!errors.empty()) return {0, errors.toJson(1000), errors.size()};
  ctx_.db.write([&](db::Conn& c) {
    for (const auto& in : good) write(c, a, in);
    audit::record(c, a, "import", "inspection", "", "导入监督检查记录 " + std::to_string(good.size()) + " 条");
  });
  return {static_cast<long long>(good.size()), json::array(), 0};
}

}  // namespace baoan::supervision
