// `baoan seed --demo`, part 3: approval cases of the 保安服务公司设立许可 in every state (issue 11), so
// that 待办, the §5 list, the portal and the licence list show what an officer meets on a normal
// day. The cases are made the way users make them — applicant accounts sign up, upload their
// materials and apply; the demo officers act through the approval engine (背景审查 included) — and
// then their times are moved back so that some are near (yellow) or past (red) their deadline.
#include <deque>
#include <iostream>

#include "app/demo_cases.h"
#include "adapters/sms/sms_gateway.h"
#include "core/catalog.h"
#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "io/pdf.h"
#include "modules/approval/approval_service.h"
#include "modules/auth/auth_store.h"
#include "modules/registry.h"

namespace baoan::app {

namespace {

using db::Query;
using nlohmann::json;
constexpr long long kDayMs = 24LL * 3600 * 1000;

// Where a demo case ends up.
enum class Goal { draft, waiting, correction, atStep, extended, paused, refused, returned, withdrawn, granted };

struct DemoCase {
  std::string company, region, legal;
  Goal goal;
  int step = 0;                // atStep / extended / paused: the chain step the case waits at
  std::string warning = "none";  // none | yellow | red: how far its clock has run
  int daysAgo = 1;             // when it was submitted (natural days), for the others
};

const std::vector<DemoCase>& demoCases() {
  static const std::vector<DemoCase> cases = {
      {"咸阳恒信保安服务有限公司", "610404", "韩立伟", Goal::draft},
      {"咸阳安泰保安服务有限公司", "610402", "吕志刚", Goal::waiting, 0, "red"},
      {"咸阳盛世保安服务有限公司", "610481", "宋建新", Goal::waiting, 0, "none", 0},
      {"咸阳卫康保安服务有限公司", "610404", "范振宇", Goal::correction, 0, "none", 3},
      {"咸阳金盾卫士保安服务有限公司", "610402", "石海军", Goal::atStep, 1, "yellow"},
      {"咸阳秦安保安服务有限公司", "610422", "贾晓东", Goal::atStep, 2, "none", 6},
      {"咸阳渭水保安服务有限公司", "610404", "田国强", Goal::atStep, 3, "red"},
      {"咸阳长安卫保安服务有限公司", "610481", "邓永红", Goal::atStep, 4, "none", 10},
      {"咸阳铁骑保安服务有限公司", "610402", "任振国", Goal::atStep, 5, "yellow"},
      {"咸阳乾元保安服务有限公司", "610424", "葛俊峰", Goal::atStep, 6, "none", 16},
      {"咸阳泾阳卫士保安服务有限公司", "610423", "彭亚平", Goal::extended, 7, "none", 25},
      {"咸阳鼎力保安服务有限公司", "610404", "魏建华", Goal::paused, 7, "none", 22},
      {"咸阳速安保安服务有限公司", "610402", "汤明亮", Goal::refused, 0, "none", 12},
      {"咸阳众城保安服务有限公司", "610404", "谭志勇", Goal::returned, 0, "none", 8},
      {"咸阳和平保安服务有限公司", "610481", "崔文斌", Goal::withdrawn, 0, "none", 5},
      {"咸阳华卫保安服务有限公司", "610402", "郝红军", Goal::granted, 0, "none", 40},
      {"咸阳中盾保安服务有限公司", "610404", "秦立强", Goal::granted, 0, "none", 33},
  };
  return cases;
}

// The demo officer who acts at each step of the default company-licence chain.
const std::vector<std::string> kChainAccounts = {"xy_jb", "xy_bac", "xy_zaj", "xy_sj", "st_kz", "st_mj", "st_kz", "st_fcz"};

std::string idNumber(const std::string& region, int seq) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s197%d%02d%02d%03d", region.c_str(), 5 + seq % 5, 1 + seq % 12, 1 + seq % 27, 100 + seq);
  const std::string first17(buf);
  return first17 + core::idNumberCheckChar(first17);
}

std::string creditCode(const std::string& region, int seq) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "91%sMA6D%05d", region.c_str(), 17 + seq * 37);
  const std::string first17(buf);
  return first17 + core::creditCodeCheckChar(first17);
}

std::string mobile(int seq) {
  const std::string n = std::to_string(1000 + seq % 9000);
  return "1590291" + n;
}

// A one-page PDF standing for a material (what the officer opens in the browser).
std::string materialPdf(const std::string& title, const std::string& company) {
  io::pdf::Document d;
  d.setTitle(title);
  d.paragraph(title, {io::pdf::Family::serif, 20, true, io::pdf::Align::center});
  d.space(8);
  d.paragraph(company, {io::pdf::Family::sans, 14, false, io::pdf::Align::center});
  d.space(6);
  d.paragraph("(演示材料:由 baoan seed --demo 生成,内容仅供演示系统功能。)", {io::pdf::Family::sans, 10.5});
  return d.finish();
}

std::string percentEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') out += static_cast<char>(c);
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

class DemoCaseMaker {
 public:
  DemoCaseMaker(db::Database& db, app::Context& ctx, modules::Shared& shared)
      : db_(db), ctx_(ctx), shared_(shared),
        svc_(ctx, shared.files, shared.calendar, shared.background, shared.licences, shared.companyLicensing, shared.unitFilings) {}

  void make(const DemoCase& d, int seq) {
    const core::Actor applicant = signUp(d, seq);
    json form = formOf(d, seq, applicant);
    const bool submit = d.goal != Goal::draft;
    const long long id = svc_.create(applicant, {{"businessType", "company_licence"}, {"form", form}, {"submit", submit}})["id"].get<long long>();
    if (!submit) return;
    switch (d.goal) {
      case Goal::waiting: break;
      case Goal::withdrawn: svc_.withdraw(applicant, id); break;
      case Goal::refused:
        act("xy_jb", id, approval::Verb::refuse, {{"reason", "申请人住所与营业执照登记不一致,且未提交场所使用证明"}, {"opinion", "材料不实"}});
        break;
      case Goal::correction:
        act("xy_jb", id, approval::Verb::requestCorrection,
            {{"items", {"注册资本证明须为银行出具的验资证明原件扫描件", "主要管理人员履历须写明从业经历及起止时间"}}});
        break;
      case Goal::returned:
        act("xy_jb", id, approval::Verb::accept, {{"opinion", "材料齐全,予以受理"}});
        act("xy_jb", id, approval::Verb::reject, {{"reason", "专业技术人员不足,不符合《保安服务管理条例》第八条的条件"}, {"opinion", "人员条件不足"}});
        break;
      default: advance(d, id); break;
    }
    backdate(d, id);
  }

 private:
  // An Actor refers to its Principal: the principals live as long as the maker.
  core::Actor actorOf(long long userId) {
    auto p = db_.read([&](db::Conn& c) { return auth_.loadPrincipal(c, userId); });
    principals_.push_back(*p);
    return core::Actor{principals_.back(), "127.0.0.1", "seed-demo"};
  }

  core::Actor actor(const std::string& account) { return actorOf(officerId(account)); }

  void act(const std::string& account, long long id, approval::Verb v, const json& body) { svc_.act(actor(account), id, v, body); }

  core::Actor signUp(const DemoCase& d, int seq) {
    const std::string code = creditCode(d.region, seq);
    const auto userId = db_.write([&](db::Conn& c) {
      auto org = c.queryOne(Query("SELECT id, path FROM orgs WHERE region_code = ? AND type IN ('district_bureau', 'county_bureau')", d.region));
      system::PortalAccount acc{0, code, d.company, idNumber(d.region, seq), mobile(seq), org->i64("id"), org->str("path")};
      return shared_.users.createApplicantAccount(c, acc, crypto::hashPassword("Apply@2026"));
    });
    return actorOf(userId);
  }

  json formOf(const DemoCase& d, int seq, const core::Actor& applicant) {
    auto person = [&](const std::string& name, int n, const std::string& role) {
      return json{{"name", name}, {"idNo", idNumber(d.region, seq * 10 + n)}, {"mobile", mobile(seq * 10 + n)}, {"role", role}};
    };
    auto upload = [&](const std::string& title) {
      const auto info = shared_.files.upload(applicant, percentEncode(title + ".pdf"), materialPdf(title, d.company));
      return json::array({info.id});
    };
    const auto scopes = core::dictCodeNames("serviceScopes");
    json form = {
        {"name", d.company},
        {"creditCode", applicant.who.account},
        {"regionCode", d.region},
        {"address", "咸阳市" + d.company.substr(6, 6) + "路" + std::to_string(10 + seq) + "号"},
        {"regCapital", 100 + seq * 50},
        {"serviceScope", json::array({std::string(scopes.at(0).code), std::string(scopes.at(seq % 3 + 1).code)})},
        {"legalPerson", json::array({person(d.legal, 0, "法定代表人")})},
        {"managers", json::array({person("王" + d.legal.substr(3), 1, "总经理"), person("李" + d.legal.substr(3), 2, "副总经理")})},
        {"technicians", json::array({person("赵" + d.legal.substr(3), 3, "技防工程师")})},
        {"facilities", "办公场所 260 平方米(自有),监控指挥中心一处,训练场地 800 平方米,配备对讲机 40 部、巡逻车 2 辆。"},
        {"organisation", "设综合部、业务部、培训部、督查部;制定保安员招用、培训、考核、奖惩及值勤管理制度。"},
    };
    for (const auto& [key, title] : std::vector<std::pair<std::string, std::string>>{
             {"businessLicenceFiles", "营业执照"}, {"resumeFiles", "法定代表人及主要管理人员身份证明和履历"},
             {"capitalFiles", "注册资本证明"}, {"technicianFiles", "专业技术人员资格证明"}, {"facilityFiles", "场所和设施证明"},
             {"rulesFiles", "组织机构和管理制度"}, {"charterFiles", "公司章程"}})
      form[key] = upload(title);
    return form;
  }

  // Through the chain to the step the case should wait at (or to the grant), as the officers would.
  void advance(const DemoCase& d, long long id) {
    act("xy_jb", id, approval::Verb::accept, {{"opinion", "材料齐全,符合法定形式,同意受理。"}});
    const int target = d.goal == Goal::granted ? static_cast<int>(kChainAccounts.size()) : d.step;
    for (int i = 0; i < target; ++i) {
      const core::Actor officer = actor(kChainAccounts[static_cast<std::size_t>(i)]);
      const json c = svc_.get(officer.who, id);
      const json& step = c["steps"][static_cast<std::size_t>(i)];
      if (step.value("backgroundCheck", false)) svc_.runBackgroundChecks(officer, id);
      if (step.value("kind", "") == "assign")
        svc_.act(officer, id, approval::Verb::assign, {{"userId", officerId("st_mj")}, {"opinion", "请审查"}});
      else
        svc_.act(officer, id, approval::Verb::approve, {{"opinion", i == 7 ? "经审核,符合条件,准予许可。" : "经审查,情况属实,同意。"}});
    }
    if (d.goal == Goal::extended)
      act("st_fcz", id, approval::Verb::extend, {{"days", 10}, {"reason", "需赴实地核查训练场地,依法延长审查期限"}});
    if (d.goal == Goal::paused)
      act("st_fcz", id, approval::Verb::pause, {{"kind", "expert_review"}, {"reason", "技防方案需组织专家评审"}});
  }

  long long officerId(const std::string& account) {
    return db_.read([&](db::Conn& c) { return c.scalar(Query("SELECT id FROM users WHERE account = ?", account)); });
  }

  // Moves the whole case back in time: by the days asked, or as far as its clock must have run to
  // be yellow or red at its step today.
  void backdate(const DemoCase& d, long long id) {
    db_.write([&](db::Conn& c) {
      long long shift = d.daysAgo * kDayMs;
      if (d.warning != "none") {
        const auto row = c.queryOne(Query("SELECT a.step_arrived_at, a.step_index, w.steps FROM applications a "
                                          "JOIN workflow_versions w ON w.id = a.workflow_version_id WHERE a.id = ?", id));
        const int promised = json::parse(row->str("steps"))[row->i64("step_index")].value("promisedDays", 1);
        const auto cal = shared_.calendar.current(c);
        const long long now = core::nowMs();
        for (int days = 1; days < 120; ++days) {
          const auto st = cal->status({now - days * kDayMs, std::max(1, promised), {}, 0}, now);
          if (core::warningCode(st.warning) == d.warning) {
            shift = days * kDayMs + 3600 * 1000;
            break;
          }
        }
      }
      for (const char* col : {"created_at", "updated_at", "submitted_at", "accepted_at", "step_arrived_at", "decided_at", "paused_at"})
        c.exec(Query(std::string("UPDATE applications SET ") + col + " = " + col + " - ? WHERE id = ? AND " + col + " IS NOT NULL", shift, id));
      c.exec(Query("UPDATE application_log SET at = at - ? WHERE application_id = ?", shift, id));
      c.exec(Query("UPDATE portal_messages SET created_at = created_at - ? WHERE application_id = ?", shift, id));
      // a granted case's licence was issued on the day of its grant
      if (auto decided = c.queryOne(Query("SELECT decided_at FROM applications WHERE id = ? AND status = 'granted'", id)))
        c.exec(Query("UPDATE licences SET issued_on = ? WHERE application_id = ?", core::toChinaDate(decided->i64("decided_at")), id));
    });
  }

  db::Database& db_;
  app::Context& ctx_;
  modules::Shared& shared_;
  approval::ApprovalService svc_;
  auth::AuthStore auth_;
  std::deque<core::Principal> principals_;
};

}  // namespace

long long seedDemoCases(db::Database& db, const Config& cfg) {
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  modules::Shared shared(ctx);
  approval::ensureChains(db);
  DemoCaseMaker maker(db, ctx, shared);
  int seq = 0;
  for (const auto& d : demoCases()) maker.make(d, ++seq);
  return static_cast<long long>(demoCases().size());
}

}  // namespace baoan::app
