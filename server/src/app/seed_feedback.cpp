#include "app/seed_feedback.h"

#include <string>
#include <vector>

#include "adapters/sms/sms_gateway.h"
#include "app/context.h"
#include "core/clock.h"
#include "core/working_calendar.h"
#include "modules/calendar/calendar_service.h"
#include "modules/supervision/feedback_store.h"

namespace baoan::app {

using db::Query;

namespace {
struct DemoFeedback {
  const char* type;
  const char* county;  // region code
  bool aboutCompany;
  const char* guardName;
  const char* content;
  const char* name;
  const char* state;  // received | assigned | replied | closed
  int daysAgo;        // working days since it was received (the default limit is 15)
  const char* reply;
};

// Open ones received 1–7 working days ago are in time, 13–14 ago yellow (< 20 % of 15 left), 17–20 ago red.
const std::vector<DemoFeedback>& demos() {
  static const std::vector<DemoFeedback> d = {
      {"complaint", "610404", true, "王某", "门岗保安员值勤时态度粗暴,推搡前来办事的群众。", "李女士", "received", 1, nullptr},
      {"complaint", "610404", true, nullptr, "公司拖欠保安员工资两个月未发放。", nullptr, "received", 20, nullptr},
      {"complaint", "610402", true, "张某", "小区保安员夜间值班时睡觉,未按规定巡逻。", "赵先生", "assigned", 14, nullptr},
      {"complaint", "610402", true, nullptr, "保安员未佩戴保安员证上岗。", "孙先生", "replied", 10,
       "经核查,该公司已对相关保安员进行教育并补办上岗证件,我局将加强日常检查。"},
      {"complaint", "610404", true, nullptr, "押运车辆在人行道违规停放,影响通行。", "周女士", "closed", 40,
       "已责令该公司整改,押运车辆停放已规范。感谢您的监督。"},
      {"suggestion", "610404", false, nullptr, "建议在大型活动安保中增加女性保安员配置。", "吴先生", "received", 5, nullptr},
      {"suggestion", "610402", false, nullptr, "建议公布保安服务公司的投诉电话和处理结果。", nullptr, "replied", 12,
       "感谢您的建议,我局将在门户网站公开投诉受理渠道。"},
      {"suggestion", "610403", false, nullptr, "建议加强对小区保安员的消防技能培训。", "郑女士", "closed", 35,
       "已纳入年度保安员培训计划。"},
      {"inquiry", "610404", false, nullptr, "请问报考保安员资格证需要准备哪些材料?", "陈先生", "replied", 3,
       "请携带身份证、近期证件照片和学历证明到户籍地派出所报名,也可在网上报名。"},
      {"inquiry", "610481", false, nullptr, "如何查询某家保安公司是否有合法资质?", "冯女士", "received", 13, nullptr},
      {"inquiry", "610423", false, nullptr, "个人可以开办保安培训学校吗?需要什么条件?", nullptr, "assigned", 7, nullptr},
      {"complaint", "610424", true, nullptr, "保安公司招聘时收取押金。", "褚先生", "received", 17, nullptr},
      {"complaint", "610400", true, nullptr, "商场保安员搜查顾客随身物品。", "卫女士", "closed", 50,
       "经调查情况属实,已依法对该公司作出处理。"},
  };
  return d;
}
}  // namespace

long long seedDemoFeedback(db::Database& db, const Config& cfg) {
  supervision::FeedbackStore store;
  // The calendar in force, loaded before the transaction (the seed's pool has one connection).
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  calendar::CalendarService calendarService(ctx);
  const auto cal = calendarService.current();
  return db.write([&](db::Conn& c) {
    // Active companies of 咸阳 to complain about (the registry's first few).
    std::vector<long long> companies;
    for (const auto& r : c.query(Query("SELECT c.id FROM companies c JOIN orgs o ON o.id = c.org_id WHERE c.status = 'active' "
                                       "AND o.region_code LIKE '6104%' ORDER BY c.id LIMIT 8")))
      companies.push_back(r.i64("id"));
    const long long now = core::nowMs();
    const long long day = 24LL * 3600 * 1000;
    long long n = 0;
    for (const auto& d : demos()) {
      const std::string county = d.county;
      const bool city = county.substr(4) == "00";
      auto bureau = city ? store.orgOfRegion(c, county, {"city_bureau"})
                         : store.orgOfRegion(c, county, {"district_bureau", "county_bureau"});
      if (!bureau) bureau = store.orgOfRegion(c, county.substr(0, 4) + "00", {"city_bureau"});
      if (!bureau) continue;
      supervision::NewFeedback f;
      f.code = "61" + std::to_string(4000000000LL + 1000 * (n + 1) + 7 * n);  // fixed demo 查询码 (12 digits)
      f.type = d.type;
      if (d.aboutCompany && !companies.empty()) f.companyId = companies[n % companies.size()];
      if (d.guardName) f.guardName = d.guardName;
      f.content = d.content;
      f.regionCode = county;
      if (d.name) f.name = d.name;
      f.mobile = "1390910" + std::to_string(1000 + n);
      f.orgId = bureau->id;
      f.orgPath = bureau->path;
      // Received at 09:00 China time on the day `daysAgo` working days before today.
      const long long at = core::dayStartMs(cal->addWorkingDays(core::chinaDay(now), -d.daysAgo)) + 9 * 3600 * 1000LL;
      const long long id = store.insert(c, f, at);
      // The steps through the same store calls as the officers' actions (each writes its event), by an
      // officer of the org that holds the feedback (else the city's handler).
      auto officerOf = [&](long long orgId) {
        auto u = c.queryOne(Query("SELECT id, name FROM users WHERE kind = 'officer' AND org_id = ? "
                                  "ORDER BY CASE WHEN account LIKE '%admin' THEN 1 ELSE 0 END, id LIMIT 1", orgId));
        if (!u) u = c.queryOne(Query("SELECT id, name FROM users WHERE account = 'xy_jb'"));
        return u ? supervision::FeedbackActor{u->i64("id"), u->str("name")} : supervision::FeedbackActor{};
      };
      long long holder = bureau->id;
      const std::string state = d.state;
      if (state == "assigned") {
        auto station = c.queryOne(Query("SELECT id, path FROM orgs WHERE parent_id = ? AND type = 'police_station' ORDER BY id LIMIT 1",
                                        bureau->id));
        if (station) {
          store.assign(c, id, bureau->id, station->i64("id"), station->str("path"), officerOf(bureau->id), at + day);
          holder = station->i64("id");
        }
      }
      if ((state == "replied" || state == "closed") && d.reply) store.reply(c, id, holder, d.reply, officerOf(holder), at + 2 * day);
      if (state == "closed") store.close(c, id, holder, officerOf(holder), at + 3 * day);
      ++n;
    }
    return n;
  });
}

}  // namespace baoan::app
