// `baoan seed --demo`, part 3: approval cases of the 保安服务公司设立许可 in every state (issue 11), and
// of the other business types (issue 12: filings, changes, the training licence), so
// that 待办, the §5 list, the portal and the licence list show what an officer meets on a normal
// day. The cases are made the way users make them — applicant accounts sign up, upload their
// materials and apply; the demo officers act through the approval engine (背景审查 included) — and
// then their times are moved back so that some are near (yellow) or past (red) their deadline.
#include <deque>
#include <functional>
#include <map>
#include <iostream>

#include "app/demo_cases.h"
#include "adapters/sms/sms_gateway.h"
#include "core/catalog.h"
#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/regions.h"
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

// A one-page PDF standing for a material (what the officer opens in the browser). One per title:
// each PDF embeds subsets of the CJK fonts, which costs cairo a copy of the whole font (~0.2 s), and
// the demo has ~160 materials of a dozen kinds.
std::string materialPdf(const std::string& title, const std::string& /*holder*/) {
  static std::map<std::string, std::string> made;
  auto& pdf = made[title];
  if (pdf.empty()) {
    io::pdf::Document d;
    d.setTitle(title);
    d.paragraph(title, {io::pdf::Family::serif, 20, true, io::pdf::Align::center});
    d.space(8);
    d.paragraph("(演示材料:由 baoan seed --demo 生成,内容仅供演示系统功能。)", {io::pdf::Family::sans, 10.5});
    pdf = d.finish();
  }
  return pdf;
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
      return shared_.users.createApplicantAccount(c, acc, demoApplicantHash());
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
      // A case meant to be on time that was submitted days ago reached the step it waits at only lately
      // (the steps before took the days): that step's arrival and what followed it (延期, 特别程序) move
      // to two hours ago, so that its clock is green, not run out with the whole case's age.
      const bool waitsAtALaterStep = d.goal == Goal::atStep || d.goal == Goal::extended || d.goal == Goal::paused;
      if (d.warning == "none" && waitsAtALaterStep && d.step > 0) {
        const long long arrived = c.scalar(Query("SELECT step_arrived_at FROM applications WHERE id = ?", id));
        const long long moved = core::nowMs() - 2 * 3600 * 1000 - arrived;
        const long long fromEntry = c.scalar(Query(
            "SELECT MAX(id) FROM application_log WHERE application_id = ? AND action IN ('approve', 'assign')", id));
        if (moved > 0) {
          c.exec(Query("UPDATE applications SET step_arrived_at = step_arrived_at + ?, paused_at = paused_at + ? WHERE id = ?", moved,
                       moved, id));
          c.exec(Query("UPDATE application_log SET at = at + ? WHERE application_id = ? AND id >= ?", moved, id, fromEntry));
          c.exec(Query("UPDATE portal_messages SET created_at = created_at + ? WHERE application_id = ? AND created_at >= ?", moved, id,
                       arrived));
        }
      }
      spreadLog(c, id);
      // a granted case's licence was issued on the day of its grant
      if (auto decided = c.queryOne(Query("SELECT decided_at FROM applications WHERE id = ? AND status = 'granted'", id)))
        c.exec(Query("UPDATE licences SET issued_on = ? WHERE application_id = ?", core::toChinaDate(decided->i64("decided_at")), id));
    });
  }

  // The engine ran the whole chain in one instant: spread the steps before the one the case waits at
  // (or its last decision) over the working days since it was submitted — about two natural days a
  // step, on working days in office hours — and record what each step took. The last chain entry (the
  // current step's arrival, or the decision) and what follows it (延期, 特别程序) keep their times;
  // a case whose whole clock was moved together is taken back further to make room.
  void spreadLog(db::Conn& c, long long id) {
    struct Entry {
      long long id, at;
      std::string action;
    };
    std::vector<Entry> log;
    for (const auto& r : c.query(Query("SELECT id, at, action FROM application_log WHERE application_id = ? ORDER BY id", id)))
      log.push_back({r.i64("id"), r.i64("at"), r.str("action")});
    int last = -1;
    for (int i = 0; i < static_cast<int>(log.size()); ++i)
      if (log[static_cast<std::size_t>(i)].action != "extend" && log[static_cast<std::size_t>(i)].action != "pause") last = i;
    if (last < 1 || log.front().action != "submit") return;
    const auto cal = shared_.calendar.current(c);
    const long long end = log[static_cast<std::size_t>(last)].at;
    long long start = log.front().at;
    const long long perStep = 2 * kDayMs;
    if (end - start < last * perStep) start = end - last * perStep;
    constexpr long long kHourMs = 3600 * 1000;
    auto officeTime = [&](long long t, int i) {
      // the China date of t, moved back to a working day, at 09:00 + 40 minutes a step (China time)
      long long day = core::parseTime(core::toChinaDate(t)).value_or(t);
      for (int k = 0; k < 10 && !cal->isWorkingDay(core::toChinaDate(day)); ++k) day -= kDayMs;
      return day + 9 * kHourMs + (i % 10) * 40 * 60 * 1000;
    };
    std::vector<long long> at(static_cast<std::size_t>(last) + 1);
    at[0] = officeTime(start, 0);
    at[static_cast<std::size_t>(last)] = end;
    for (int i = 1; i < last; ++i) {
      long long t = officeTime(start + (end - start) * i / last, i);
      t = std::max(t, at[static_cast<std::size_t>(i) - 1] + kHourMs);
      at[static_cast<std::size_t>(i)] = std::min(t, end - (last - i) * kHourMs);
    }
    if (at[0] > log.front().at) at[0] = log.front().at;  // never later than it was submitted
    for (int i = 0; i <= last; ++i) {
      const auto& e = log[static_cast<std::size_t>(i)];
      c.exec(Query("UPDATE application_log SET at = ? WHERE id = ?", at[static_cast<std::size_t>(i)], e.id));
      if (i == 0) continue;
      const auto took = cal->duration(at[static_cast<std::size_t>(i) - 1], at[static_cast<std::size_t>(i)], {});
      c.exec(Query("UPDATE application_log SET working_days = ?, natural_days = ? WHERE id = ? AND working_days IS NOT NULL",
                   static_cast<long long>(took.workingDays), static_cast<long long>(took.naturalDays), e.id));
      if (e.action == "accept") {
        c.exec(Query("UPDATE applications SET accepted_at = ? WHERE id = ? AND accepted_at IS NOT NULL", at[static_cast<std::size_t>(i)], id));
        c.exec(Query("UPDATE portal_messages SET created_at = ? WHERE application_id = ? AND title = '已受理'", at[static_cast<std::size_t>(i)], id));
      }
    }
    c.exec(Query("UPDATE applications SET submitted_at = ?, created_at = ? WHERE id = ?", at[0], at[0] - kHourMs, id));
  }

  friend class OtherTypesMaker;
  db::Database& db_;
  app::Context& ctx_;
  modules::Shared& shared_;
  approval::ApprovalService svc_;
  auth::AuthStore auth_;
  std::deque<core::Principal> principals_;
};

// The other business types, applied for by licensed demo companies (and two units that sign up), each
// left in a state an officer meets: waiting for 受理, in review, 补正, back with the applicant, done.
// Filings of 咸阳 wait for 王建国 (xy_jb), the 跨区域 ones for 西安's 韩立军 (xa_jb): 批量审批 has work.
class OtherTypesMaker {
 public:
  explicit OtherTypesMaker(DemoCaseMaker& m) : m_(m) {}

  long long make() {
    const auto companies = licensedCompanies();
    if (companies.size() < 6) return 0;
    long long n = 0;
    // 分公司备案: one waiting (filed late), one at the city's leader, one filed.
    n += file(companies[0], "branch_filing", branchForm(companies[0], "兴平分公司", "610481", -40), Goal::waiting);
    n += file(companies[1], "branch_filing", branchForm(companies[1], "三原分公司", "610422", -5), Goal::atStep, 1);
    n += file(companies[2], "branch_filing", branchForm(companies[2], "礼泉分公司", "610425", -8), Goal::granted);
    // 跨区域服务备案 in 西安: waiting, and filed.
    n += file(companies[3], "cross_region_filing", crossRegionForm(companies[3], "西安高新科技产业园管理中心", 12), Goal::waiting);
    n += file(companies[4], "cross_region_filing", crossRegionForm(companies[4], "西安曲江会展中心", 20), Goal::granted);
    // 年度报告备案 of 2026's round: three accepted at the city handler (one batch), one told to correct.
    for (int i = 0; i < 3; ++i) n += file(companies[static_cast<std::size_t>(i)], "annual_report", reportForm(companies[static_cast<std::size_t>(i)]), Goal::atStep, 0);
    n += file(companies[5], "annual_report", reportForm(companies[5]), Goal::correction);
    // 许可证项目变更: an address change at the city's leader (the city decides), a new legal person
    // on its way to the province, one returned.
    n += file(companies[3], "licence_change", changeForm(companies[3], "address", "咸阳市秦都区世纪大道66号"), Goal::atStep, 1);
    n += file(companies[4], "licence_change", changeForm(companies[4], "legalName", "高建军"), Goal::atStep, 2);
    n += file(companies[5], "licence_change", changeForm(companies[5], "regCapital", "800"), Goal::returned);
    // Units that sign up: a training school (设立许可 waiting) and an in-house unit (备案 filed late).
    n += file(signUp("training_unit", "咸阳华夏保安培训学校", "610404", 301), "training_licence", trainingForm(), Goal::waiting);
    n += file(signUp("inhouse_unit", "咸阳渭河发电有限公司", "610402", 302), "inhouse_filing", inhouseForm(), Goal::atStep, 1);
    return n;
  }

 private:
  struct Applicant {
    long long userId = 0, companyId = 0;
    std::string name, creditCode;
  };

  std::vector<Applicant> licensedCompanies() {
    std::vector<Applicant> out;
    m_.db_.read([&](db::Conn& c) {
      for (const auto& r : c.query(Query("SELECT u.id AS user_id, c.id, c.name, c.credit_code FROM companies c JOIN users u ON u.company_id = c.id "
                                         "AND u.kind = 'company' WHERE c.status = 'active' AND c.licence_no IS NOT NULL "
                                         "AND c.region_code LIKE '6104%' ORDER BY c.id LIMIT 6")))
        out.push_back({r.i64("user_id"), r.i64("id"), r.str("name"), r.str("credit_code")});
    });
    return out;
  }

  Applicant signUp(const std::string& unitKind, const std::string& name, const std::string& region, int seq) {
    DemoCase d{name, region, "", Goal::waiting};
    const core::Actor a = m_.signUp(d, seq);
    m_.db_.write([&](db::Conn& c) { c.exec(Query("UPDATE users SET unit_kind = ? WHERE id = ?", unitKind, a.who.userId)); });
    unit_ = d;
    return {a.who.userId, 0, name, a.who.account};
  }

  json person(const std::string& name, int n) {
    return {{"name", name}, {"idNo", idNumber("610404", 500 + n)}, {"mobile", mobile(500 + n)}, {"role", "负责人"}};
  }
  json pdf(const core::Actor& a, const std::string& title, const std::string& holder) {
    return json::array({m_.shared_.files.upload(a, percentEncode(title + ".pdf"), materialPdf(title, holder)).id});
  }
  long long licenceOf(const Applicant& co) {
    return m_.db_.read([&](db::Conn& c) {
      return c.scalar(Query("SELECT id FROM licences WHERE holder_kind = 'company' AND holder_id = ? AND status = 'valid' ORDER BY id", co.companyId));
    });
  }
  static std::string daysFromToday(int days) { return core::toChinaDate(core::nowMs() + days * kDayMs); }

  // Each form builder gets the applicant's actor to upload its materials.
  using Form = std::function<json(const core::Actor&)>;

  Form branchForm(const Applicant& co, const std::string& branch, const std::string& region, int setUpDaysAgo) {
    return [=, this](const core::Actor& a) {
      const auto scopes = core::dictCodeNames("serviceScopes");
      return json{{"licenceId", licenceOf(co)}, {"branchName", co.name.substr(0, co.name.find("保安")) + branch},
                  {"regionCode", region}, {"address", core::RegionTable::instance().fullName(region) + "人民路18号"},
                  {"setUpOn", daysFromToday(setUpDaysAgo)}, {"head", json::array({person("付" + branch.substr(0, 6), ++seq_)})},
                  {"serviceScope", json::array({std::string(scopes.at(0).code)})},
                  {"branchLicenceFiles", pdf(a, "分公司营业执照", co.name)}, {"headFiles", pdf(a, "负责人身份证明", co.name)}};
    };
  }
  Form crossRegionForm(const Applicant& co, const std::string& client, int startsIn) {
    return [=, this](const core::Actor& a) {
      json guards = json::array();
      m_.db_.read([&](db::Conn& c) {
        for (const auto& r : c.query(Query("SELECT id FROM guards WHERE employer_kind = 'company' AND employer_id = ? AND employed = 1 "
                                           "ORDER BY id LIMIT 3", co.companyId)))
          guards.push_back(r.i64("id"));
      });
      return json{{"licenceId", licenceOf(co)}, {"serviceRegionCode", "610113"}, {"clientName", client},
                  {"serviceAddress", "西安市雁塔区" + client.substr(6, 6) + "路1号"}, {"periodFrom", daysFromToday(startsIn)},
                  {"periodTo", daysFromToday(startsIn + 180)}, {"leader", json::array({person("项目负责人", ++seq_)})},
                  {"guardIds", guards}, {"contractFiles", pdf(a, "保安服务合同", co.name)}};
    };
  }
  Form reportForm(const Applicant& co) {
    return [=, this](const core::Actor& a) {
      return json{{"year", 2026}, {"operations", "全年经营正常,服务客户稳定。"}, {"guardCount", 120 + seq_}, {"certifiedCount", 110},
                  {"training", "开展岗前培训2期、在职培训4期。"}, {"clientCount", 35}, {"violations", "无违法违规及重大事故。"},
                  {"finance", "营业收入约900万元,依法纳税。"}, {"reportFiles", pdf(a, "2026年度报告", co.name)}};
    };
  }
  Form changeForm(const Applicant& co, const std::string& item, const std::string& value) {
    return [=, this](const core::Actor& a) {
      json form = {{"licenceId", licenceOf(co)}, {"changes", json::array({{{"item", item}, {"newValue", value}}})},
                   {"reason", item == "address" ? "公司迁址" : item == "legalName" ? "股东会决议更换法定代表人" : "增加注册资本"},
                   {"evidenceFiles", pdf(a, "变更证明材料", co.name)}};
      if (item == "legalName") form["legalPerson"] = json::array({person(value, ++seq_)});
      return form;
    };
  }
  Form trainingForm() {
    return [this](const core::Actor& a) {
      const std::string n = unit_.company;
      return json{{"name", n}, {"creditCode", a.who.account}, {"regionCode", unit_.region}, {"address", "咸阳市渭城区学府路9号"},
                  {"regCapital", 300}, {"trainingKinds", json::array({"basic", "refresher"})}, {"scale", 800},
                  {"legalPerson", json::array({person("罗振东", ++seq_)})}, {"principals", json::array({person("方卫国", ++seq_)})},
                  {"venue", "教学楼一栋(1200平方米)"}, {"facilities", "多媒体教室6间、训练场1处、模拟岗亭2处"},
                  {"teachers", json::array({person("周教员", ++seq_)})}, {"teachingPlan", "按《保安员培训大纲》组织教学,考核合格方可结业。"},
                  {"businessLicenceFiles", pdf(a, "登记证书", n)}, {"resumeFiles", pdf(a, "负责人身份证明及履历", n)},
                  {"capitalFiles", pdf(a, "注册资本证明", n)}, {"venueFiles", pdf(a, "教学场所证明", n)},
                  {"teacherFiles", pdf(a, "教员资格证明", n)}, {"planFiles", pdf(a, "教学计划", n)}};
    };
  }
  Form inhouseForm() {
    return [this](const core::Actor& a) {
      const std::string n = unit_.company;
      json guards = json::array();
      for (const char* name : {"赵铁柱", "钱国栋", "孙志远"}) guards.push_back(person(name, ++seq_));
      return json{{"name", n}, {"creditCode", a.who.account}, {"unitType", "enterprise"}, {"regionCode", unit_.region},
                  {"address", "咸阳市秦都区电厂路1号"}, {"startedOn", daysFromToday(-50)},
                  {"legalPerson", json::array({person("姚建设", ++seq_)})}, {"principal", json::array({person("保卫科长", ++seq_)})},
                  {"guards", guards}, {"businessLicenceFiles", pdf(a, "营业执照", n)}, {"rulesFiles", pdf(a, "保安服务管理制度", n)},
                  {"dutyFiles", pdf(a, "岗位责任制度", n)}};
    };
  }

  // The officer who holds a post where the case is (咸阳, 西安 or the province).
  std::string holderOf(const json& c) {
    const std::string post = c["steps"][c["stepIndex"].get<std::size_t>()]["post"];
    const bool xian = c["regionCode"].get<std::string>().rfind("6101", 0) == 0;
    if (post == "city_handler") return xian ? "xa_jb" : "xy_jb";
    if (post == "city_security_leader") return xian ? "xa_bac" : "xy_bac";
    if (post == "city_public_order_leader") return "xy_zaj";
    if (post == "city_bureau_leader") return "xy_sj";
    if (post == "province_section_chief") return "st_kz";
    if (post == "province_officer") return "st_mj";
    return "st_fcz";
  }

  long long file(const Applicant& who, const std::string& type, const Form& form, Goal goal, int step = 0) {
    const core::Actor applicant = m_.actorOf(who.userId);
    const json body = {{"businessType", type}, {"form", form(applicant)}, {"submit", true}};
    const long long id = m_.svc_.create(applicant, body)["id"].get<long long>();
    auto at = [&](const core::Actor& o) { return m_.svc_.get(o.who, id); };
    json c = at(m_.actor(holderOf(m_.svc_.get(m_.actor("admin").who, id))));
    auto officer = [&]() { return m_.actor(holderOf(c)); };
    if (goal == Goal::waiting) return 1;
    if (goal == Goal::correction) {
      m_.svc_.act(officer(), id, approval::Verb::requestCorrection, {{"items", {"年度报告须加盖公章", "持证人数与保安员名册不一致,请核实"}}});
      return 1;
    }
    m_.svc_.act(officer(), id, approval::Verb::accept, {{"opinion", "材料齐全,予以受理"}});
    if (goal == Goal::returned) {
      m_.svc_.act(officer(), id, approval::Verb::reject, {{"reason", "未提交增资的验资证明"}, {"opinion", "材料不全"}});
      return 1;
    }
    for (;;) {
      c = at(officer());
      if (c["status"] != "in_review" || (goal == Goal::atStep && c["stepIndex"] == step)) return 1;
      const core::Actor o = officer();
      const json& s = c["steps"][c["stepIndex"].get<std::size_t>()];
      if (s.value("backgroundCheck", false)) {
        try {
          m_.svc_.runBackgroundChecks(o, id);
        } catch (const AppError&) {  // nobody to check (a change naming no new person)
        }
      }
      if (s.value("kind", "") == "assign") m_.svc_.act(o, id, approval::Verb::assign, {{"userId", m_.officerId("st_mj")}, {"opinion", "请审查"}});
      else m_.svc_.act(o, id, approval::Verb::approve, {{"opinion", "经审查,符合规定,同意。"}});
    }
  }

  DemoCaseMaker& m_;
  DemoCase unit_;  // the unit that signed up last (its name and region fill its form)
  int seq_ = 0;
};

}  // namespace

const std::string& demoApplicantHash() {
  // Hashing is deliberately slow (and takes 64 MB): once for every demo applicant account.
  static const std::string hash = crypto::hashPassword("Apply@2026");
  return hash;
}

long long seedDemoCases(db::Database& db, const Config& cfg) {
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  modules::Shared shared(ctx);
  approval::ensureChains(db);
  DemoCaseMaker maker(db, ctx, shared);
  int seq = 0;
  for (const auto& d : demoCases()) maker.make(d, ++seq);
  return static_cast<long long>(demoCases().size()) + OtherTypesMaker(maker).make();
}

}  // namespace baoan::app
