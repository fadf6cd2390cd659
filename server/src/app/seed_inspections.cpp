#include "app/seed_inspections.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "modules/supervision/inspection_store.h"

namespace baoan::app {

using db::Query;
using nlohmann::json;

namespace {
std::string dayOffset(int days) { return core::toChinaDate(core::nowMs() + static_cast<long long>(days) * 86400000LL); }

struct DemoInspection {
  int inspectedDaysAgo;
  std::string kind, conclusion;
  std::string findings, requirement;
  int deadlineDays;  // from today; 0 = none
  std::vector<std::string> states;  // the rectification's events after 责令整改: reported / returned / accepted
};
}  // namespace

long long seedDemoInspections(db::Database& db) {
  return db.write([&](db::Conn& c) -> long long {
    const supervision::InspectionStore store;
    const auto jb = c.queryOne(Query("SELECT id, name FROM users WHERE account = 'xy_jb'"));
    const auto bac = c.queryOne(Query("SELECT id, name FROM users WHERE account = 'xy_bac'"));
    if (!jb || !bac) return 0;
    // The first companies of 秦都 (610402) and 渭城 (610404), alternately.
    std::vector<long long> companies;
    for (const auto& r : c.query(Query("SELECT id FROM companies WHERE region_code IN ('610402', '610404') ORDER BY region_code, id LIMIT 8")))
      companies.push_back(r.i64("id"));
    if (companies.empty()) return 0;
    const std::vector<DemoInspection> demos = {
        {40, "annual", "pass", "各项制度健全,台账完整", "", 0, {}},
        {35, "daily", "rectify", "3名保安员未携带保安员证上岗;培训记录缺少2026年第三季度内容", "组织全员持证上岗,补齐培训记录", 10,
         {"reported", "accepted"}},
        {30, "special", "refer", "招用未取得保安员证人员从事保安服务", "", 0, {}},
        {20, "daily", "rectify", "保安员档案缺少身份证复印件及体检证明", "补齐保安员档案材料并报送复印件", -3, {}},  // 逾期
        {12, "complaint_check", "rectify", "市民投诉门岗保安员态度粗暴,核查属实;岗前培训记录不全",
         "对涉事保安员进行教育培训,完善服务规范并报送培训记录", 15, {"reported", "returned"}},
        {8, "special", "rectify", "防暴装备(防刺服、橡胶棍)配备不足", "按岗位配齐防暴装备并报送采购及发放记录", 20, {"reported"}},
        {3, "daily", "rectify", "值班登记台账记录不连续", "规范值班登记,补记缺失记录", 25, {}},
        {1, "daily", "pass", "", "", 0, {}},
    };
    const std::vector<std::string> codes = {"licensed_rate", "rules_ledger", "equipment", "training_records", "guard_files"};
    long long made = 0;
    for (std::size_t i = 0; i < demos.size(); ++i) {
      const DemoInspection& d = demos[i];
      const auto unit = store.unit(c, "company", companies[i % companies.size()]);
      if (!unit) continue;
      supervision::InspectionFields f;
      f.unitKind = "company";
      f.unitId = unit->id;
      f.unitName = unit->name;
      f.inspectedOn = dayOffset(-d.inspectedDaysAgo);
      f.kind = d.kind;
      f.inspectorIds = {jb->i64("id"), bac->i64("id")};
      f.inspectorNames = jb->str("name") + "、" + bac->str("name");
      json items = json::array();
      for (std::size_t k = 0; k < codes.size(); ++k) {
        const bool fails = d.conclusion != "pass" && k == i % codes.size();
        items.push_back({{"code", codes[k]}, {"result", fails ? "fail" : (k == 4 && i % 3 == 0 ? "na" : "pass")},
                         {"remark", fails ? d.findings.substr(0, d.findings.find(';')) : ""}});
      }
      f.itemsJson = items.dump();
      f.findings = d.findings;
      f.requirement = d.requirement;
      if (d.deadlineDays) f.deadline = dayOffset(d.deadlineDays);
      f.conclusion = d.conclusion;
      f.contentText = d.findings + "\n" + d.requirement;
      const bool rectify = d.conclusion == "rectify";
      std::string state = rectify ? "pending" : "";
      if (!d.states.empty()) state = d.states.back() == "reported" ? "reported" : d.states.back();
      const long long at = core::nowMs() - static_cast<long long>(d.inspectedDaysAgo) * 86400000LL;
      const long long id = store.insert(c, f, &*unit, unit->orgId, unit->orgPath,
                                        rectify ? std::optional<std::string>(state) : std::nullopt, at, jb->i64("id"));
      ++made;
      if (!rectify) continue;
      store.addEvent(c, id, "ordered", d.requirement + "(整改期限 " + *f.deadline + ")", {}, jb->i64("id"), jb->str("name"), at);
      const auto users = store.portalUsers(c, "company", unit->id);
      for (const long long u : users)
        store.message(c, u, "整改通知",
                      unit->name + ":咸阳市公安局于 " + f.inspectedOn + " 对贵单位进行了检查,检查结论为责令整改。整改要求:" + d.requirement +
                          "。请于 " + *f.deadline + " 前完成整改,并在企业服务平台「整改通知」中提交整改报告。",
                      at);
      long long t = at;
      const long long unitUser = users.empty() ? 0 : users.front();
      for (const auto& s : d.states) {
        t += 86400000LL * 2;
        if (s == "reported")
          store.addEvent(c, id, "reported", "已按整改要求完成整改:" + d.requirement + "。相关材料已整理归档。", {}, unitUser, unit->name, t);
        else if (s == "returned")
          store.addEvent(c, id, "returned", "整改报告未附培训记录,请补充后重新提交", {}, jb->i64("id"), jb->str("name"), t);
        else
          store.addEvent(c, id, "accepted", "经复查,整改到位", {}, jb->i64("id"), jb->str("name"), t);
      }
    }
    return made;
  });
}

}  // namespace baoan::app
