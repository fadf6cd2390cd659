#include "app/seed_tasks.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "core/clock.h"
#include "core/regions.h"
#include "modules/tasks/task_store.h"

namespace baoan::app {

using db::Query;

namespace {
constexpr long long kHour = 3600LL * 1000;
constexpr long long kSeedTasksDay = 24 * kHour;

struct DemoCompany {
  long long id = 0, orgId = 0;
  std::string name, orgPath, regionCode;
  double lng = 0, lat = 0;
};

struct TaskIdea {
  const char* name;
  const char* type;
  const char* client;
  const char* place;
};
constexpr TaskIdea kIdeas[] = {
    {"小区门岗值守", "door", "{r}物业管理有限公司", "{r}世纪花园小区"},
    {"商业街夜间巡逻", "patrol", "{r}商业街管委会", "{r}步行街"},
    {"银行营业网点守护", "guarding", "中国工商银行{r}支行", "{r}人民路营业部"},
    {"现金押运", "escort", "中国农业银行{r}支行", "{r}金库至各网点"},
    {"企业负责人随身护卫", "bodyguard", "陕西某科技有限公司", "{r}高新产业园"},
    {"演唱会安全检查", "inspection", "{r}文化旅游局", "{r}体育馆"},
    {"马拉松赛事安保", "event", "{r}体育局", "{r}世纪大道"},
    {"工地夜间看护", "other", "中建某局{r}项目部", "{r}新区建设工地"},
};

std::string fill(const char* text, const std::string& region) {
  std::string s = text;
  for (std::size_t at; (at = s.find("{r}")) != std::string::npos;) s.replace(at, 3, region);
  return s;
}

std::string shortRegion(const std::string& name) {
  for (const char* suffix : {"区", "县", "市"}) {
    const std::string x(suffix);
    if (name.size() > x.size() && name.compare(name.size() - x.size(), x.size(), x) == 0) return name.substr(0, name.size() - x.size());
  }
  return name;
}
}  // namespace

TasksSummary seedDemoTasks(db::Database& db, const Config&) {
  return db.write([&](db::Conn& c) {
    TasksSummary out;
    const tasks::TaskStore store;
    const long long now = core::nowMs();
    std::vector<DemoCompany> companies;
    for (const auto& r : c.query(Query(
             "SELECT id, name, org_id, org_path, region_code, lng, lat FROM companies WHERE status = 'active' AND lng IS NOT NULL "
             "AND lat IS NOT NULL AND region_code LIKE '6104%' ORDER BY id"))) {
      companies.push_back({r.i64("id"), r.i64("org_id"), r.str("name"), r.str("org_path"), r.str("region_code").substr(0, 6),
                           r.f64("lng"), r.f64("lat")});
    }
    std::size_t n = 0;
    for (const auto& co : companies) {
      ++n;
      if (n % 5 == 0) continue;  // most companies publish tasks, not all
      const auto regionOrg = store.regionOrg(c, co.regionCode);
      std::vector<long long> guards;
      for (const auto& g : c.query(Query(
               "SELECT id FROM guards WHERE employer_kind = 'company' AND employer_id = ? AND employed = 1 ORDER BY id LIMIT 12", co.id)))
        guards.push_back(g.i64("id"));
      const auto* region = core::RegionTable::instance().find(co.regionCode);
      const std::string r = shortRegion(region ? region->name : "咸阳");
      // Four tasks a company: ended, running, pending, and one cancelled (a fifth, ended, for every other company).
      const int count = n % 2 == 0 ? 5 : 4;
      for (int k = 0; k < count; ++k) {
        const TaskIdea& idea = kIdeas[(n + static_cast<std::size_t>(k) * 3) % std::size(kIdeas)];
        tasks::TaskRow t;
        t.companyId = co.id;
        t.companyName = co.name;
        t.name = r + idea.name;
        t.type = idea.type;
        t.client = fill(idea.client, r);
        t.address = "陕西省咸阳市" + fill(idea.place, r);
        t.regionCode = co.regionCode;
        t.cityCode = co.regionCode.substr(0, 4) + "00";
        t.provinceCode = co.regionCode.substr(0, 2) + "0000";
        t.lng = co.lng + 0.004 * ((k % 3) - 1) + 0.001 * static_cast<double>(n % 7);
        t.lat = co.lat + 0.003 * ((k % 2) ? 1 : -1) - 0.001 * static_cast<double>(n % 5);
        const long long spread = static_cast<long long>((n * 7 + static_cast<std::size_t>(k) * 13) % 300) * kSeedTasksDay;  // over ten months
        switch (k) {
          case 0: t.startAt = now - 20 * kSeedTasksDay - spread; t.endAt = t.startAt + 3 * kSeedTasksDay; break;         // 已结束
          case 1: t.startAt = now - 2 * kSeedTasksDay - static_cast<long long>(n % 3) * kHour; t.endAt = now + 5 * kSeedTasksDay; break;       // 进行中
          case 2: t.startAt = now + (3 + static_cast<long long>(n % 20)) * kSeedTasksDay; t.endAt = t.startAt + 2 * kSeedTasksDay; break;  // 未开始
          case 3: t.startAt = now + 10 * kSeedTasksDay; t.endAt = t.startAt + kSeedTasksDay; t.cancelledAt = now - kSeedTasksDay; break;  // 已取消
          default: t.startAt = now - 60 * kSeedTasksDay - spread; t.endAt = t.startAt + 10 * kHour; break;      // 已结束
        }
        t.startMonth = core::toChinaDate(t.startAt).substr(0, 7);
        t.needed = 2 + static_cast<long long>((n + static_cast<std::size_t>(k)) % 4);
        t.orgId = co.orgId;
        t.orgPath = co.orgPath;
        t.regionOrgPath = regionOrg ? regionOrg->second : co.orgPath;
        t.createdAt = std::min(now, t.startAt - kSeedTasksDay);
        t.updatedAt = t.cancelledAt.value_or(t.createdAt);
        t.id = store.insert(c, t);
        if (t.cancelledAt) store.cancel(c, t.id, *t.cancelledAt);
        std::vector<long long> sent;
        for (std::size_t g = 0; g < guards.size() && static_cast<long long>(sent.size()) < t.needed; ++g)
          if ((g + static_cast<std::size_t>(k)) % 3 != 0 || k == 1) sent.push_back(guards[(g + static_cast<std::size_t>(k) * 2) % guards.size()]);
        std::sort(sent.begin(), sent.end());
        sent.erase(std::unique(sent.begin(), sent.end()), sent.end());
        store.setGuards(c, t.id, sent);
        ++out.tasks;
      }
    }

    // 紧急任务 of 咸阳市局 in 秦都, asking 秦都's companies (the nearest three to the place).
    const auto city = c.queryOne(Query("SELECT id, path FROM orgs WHERE region_code = '610400' ORDER BY level, id LIMIT 1"));
    const auto officer = c.queryOne(Query("SELECT id, name FROM users WHERE account = 'xy_jb'"));
    std::vector<const DemoCompany*> qindu;
    for (const auto& co : companies)
      if (co.regionCode == "610402") qindu.push_back(&co);
    if (!city || !officer || qindu.empty()) return out;
    const auto regionOrg = store.regionOrg(c, "610402");
    struct Emergency {
      const char* title;
      const char* detail;
      const char* address;
      long long startAt, endAt, needed;
      bool ended;
    };
    const DemoCompany& anchor = *qindu.front();
    const Emergency plans[] = {
        {"秦都区大型群众性活动临时安保", "渭河湿地公园举办灯光节,预计客流 5 万人次,需增派保安员协助现场秩序维护和疏导。",
         "陕西省咸阳市秦都区渭河湿地公园", now - 3 * kHour, now + 2 * kSeedTasksDay, 12, false},
        {"秦都区防汛抢险应急值守", "连日强降雨,沣河沿线需保安员协助巡查堤防、疏散群众。", "陕西省咸阳市秦都区沣河大桥", now - 9 * kSeedTasksDay,
         now - 7 * kSeedTasksDay, 8, true},
    };
    for (const auto& plan : plans) {
      tasks::EmergencyRow e;
      e.title = plan.title;
      e.detail = plan.detail;
      e.address = plan.address;
      e.regionCode = "610402";
      e.lng = anchor.lng + 0.002;
      e.lat = anchor.lat + 0.001;
      e.startAt = plan.startAt;
      e.endAt = plan.endAt;
      e.needed = plan.needed;
      e.radiusKm = 5.0;
      e.orgId = city->i64("id");
      e.orgPath = city->str("path");
      e.regionOrgPath = regionOrg ? regionOrg->second : city->str("path");
      e.createdAt = plan.startAt - kHour;
      e.createdByName = officer->str("name");
      e.id = store.insertEmergency(c, e, officer->i64("id"));
      const std::size_t asked = std::min<std::size_t>(3, qindu.size());
      for (std::size_t i = 0; i < asked; ++i) {
        const DemoCompany& co = *qindu[i];
        tasks::CompanyInfo info;
        info.id = co.id;
        info.name = co.name;
        store.askCompany(c, e.id, info, e.createdAt);
        for (long long user : store.portalUsers(c, co.id))
          store.message(c, user, std::string("紧急任务:") + plan.title, std::string(plan.detail), e.createdAt);
        if (i == 2) continue;  // the third has not answered yet
        const bool accept = i == 0 || plan.ended;
        store.respond(c, e.id, co.id, accept, e.createdAt + 20 * 60 * 1000, co.name);
        if (!accept) continue;
        std::vector<long long> guards;
        for (const auto& g : c.query(Query(
                 "SELECT id FROM guards WHERE employer_kind = 'company' AND employer_id = ? AND employed = 1 ORDER BY id DESC LIMIT 4", co.id)))
          guards.push_back(g.i64("id"));
        store.assignGuards(c, e.id, co.id, guards, e.createdAt + 20 * 60 * 1000);
        for (std::size_t g = 0; g < guards.size(); ++g) {
          if (!plan.ended && g == guards.size() - 1) continue;  // one still on the way
          const double lng = e.lng + 0.001 * static_cast<double>(g), lat = e.lat - 0.0005 * static_cast<double>(g);
          const long long distance = std::llround(tasks::distanceKm(e.lng, e.lat, lng, lat) * 1000.0);
          store.checkIn(c, e.id, guards[g], lng, lat, distance, e.startAt + static_cast<long long>(g + 1) * 10 * 60 * 1000);
        }
      }
      if (plan.ended)
        store.endEmergency(c, e.id, plan.endAt, officer->str("name"),
                           "险情解除。共出动保安员 8 名,协助巡查堤防 12 公里,疏散群众 160 余人,无人员伤亡。");
      ++out.emergency;
    }
    return out;
  });
}

}  // namespace baoan::app
