// The approval engine's transition table (issue 11), on SQLite with the real ApprovalService: a
// 保安服务公司设立许可 case is brought into every state it can be in, and every action — the officers'
// thirteen verbs and the applicant's submit / withdraw — is tried on it by the user who would try it
// (the holder of the step, the head of the deciding org, someone up the chain). An allowed action
// lands the case in the expected status and step; any other is refused with 409 (404 for a draft,
// which no officer sees) and leaves the case as it was. Then the pieces of procedure the table alone
// does not show: withdraw only before 受理, the clock stopped by 补正 and by 特别程序, 退回, 不予许可
// (不同意 at the deciding step), the last step's 同意, and a running case keeping its chain version.
#include <gtest/gtest.h>
#include <unistd.h>

#include <deque>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapters/sms/sms_gateway.h"
#include "app/config.h"
#include "app/context.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "db/migrations.h"
#include "modules/approval/approval_service.h"
#include "modules/auth/auth_store.h"
#include "modules/registry.h"

using namespace baoan;
using approval::Verb;
using db::Conn;
using db::Query;
using nlohmann::json;

namespace {

std::string idNumberTT(int n) {
  char s[24];
  std::snprintf(s, sizeof s, "6104041980%02d%02d%03d", 1 + n % 12, 1 + n % 28, 100 + n % 900);
  const std::string first17(s);
  return first17 + core::idNumberCheckChar(first17);
}

const char* const kPdfTT = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

// Where a case stands: its status and, while open, the chain step it waits at.
struct Where {
  std::string status;
  std::optional<int> step;
  bool operator==(const Where& o) const { return status == o.status && step == o.step; }
};
std::ostream& operator<<(std::ostream& os, const Where& w) {
  return os << w.status << (w.step ? "@" + std::to_string(*w.step) : std::string());
}

// The engine on a throw-away SQLite file: the province, 咸阳 with its 渭城分局, one officer for each
// post of the company-licence chain (a second holder of the posts the table's 转办 needs) and a fresh
// applicant per case.
class Engine {
 public:
  Engine() {
    db::migrate(db);
    shared = std::make_unique<modules::Shared>(ctx);
    approval::ensureChains(db);
    db.write([&](Conn& c) {
      std::string p, cityPath, detPath, secPath, wcPath;
      province = org(c, std::nullopt, "/", "陕西省公安厅", "610000", "province_dept", p);
      const long long city = org(c, province, p, "咸阳市公安局", "610400", "city_bureau", cityPath);
      const long long det = org(c, city, cityPath, "治安支队", "610400", "detachment", detPath);
      const long long sec = org(c, det, detPath, "保安管理科", "610400", "brigade", secPath);
      district = org(c, city, cityPath, "渭城分局", "610404", "district_bureau", districtPath);
      const long long role = c.insert(Query("INSERT INTO roles (org_id, org_path, name, scope_kind, created_at, updated_at) "
                                            "VALUES (?, ?, '审批民警', 'all', 0, 0)", province, p));
      auto officer = [&](const std::string& account, long long orgId, const std::string& path, const std::string& post) {
        const long long id = c.insert(Query(
            "INSERT INTO users (account, password_hash, must_change_password, name, is_police, id_no, gender, birth_date, mobile, "
            "org_id, org_path, created_at, updated_at) VALUES (?, 'x', 0, ?, 1, ?, 'male', '1980-01-01', ?, ?, ?, 0, 0)",
            account, "民警" + account, idNumberTT(static_cast<int>(ids.size()) + 1), "1390000" + std::to_string(1000 + ids.size()),
            orgId, path));
        c.exec(Query("INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", id, role));
        c.exec(Query("INSERT INTO user_approval_posts (user_id, business_type, post) VALUES (?, 'company_licence', ?)", id, post));
        ids[account] = id;
      };
      officer("xy_jb", sec, secPath, "city_handler");
      officer("xy_jb2", sec, secPath, "city_handler");
      officer("xy_bac", det, detPath, "city_security_leader");
      officer("xy_bac2", det, detPath, "city_security_leader");
      officer("xy_zaj", det, detPath, "city_public_order_leader");
      officer("xy_sj", city, cityPath, "city_bureau_leader");
      officer("st_kz", province, p, "province_section_chief");
      officer("st_kz2", province, p, "province_section_chief");
      officer("st_mj", province, p, "province_officer");
      officer("st_fcz", province, p, "province_deputy_director");
      officer("st_fcz2", province, p, "province_deputy_director");
    });
  }
  ~Engine() {
    shared.reset();
    database.reset();  // closed before its files go
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ec);
  }

  const core::Actor& as(const std::string& account) { return actorOf(ids.at(account)); }
  long long idOf(const std::string& account) const { return ids.at(account); }

  // A new applicant's case, saved as a draft (every field filled, its materials uploaded).
  long long draft() {
    const int n = ++serial;
    const long long userId = db.write([&](Conn& c) {
      const std::string first17 = "91610404MA6TT" + std::to_string(1000 + n);
      const std::string code = first17 + core::creditCodeCheckChar(first17);
      system::PortalAccount acc{0, code, "咸阳测试" + std::to_string(n) + "保安服务有限公司", idNumberTT(500 + n),
                                "1380000" + std::to_string(1000 + n), district, districtPath};
      return shared->users.createApplicantAccount(c, acc, "x");
    });
    const core::Actor& a = actorOf(userId);
    auto file = [&](const char* name) { return json::array({shared->files.upload(a, name, kPdfTT).id}); };
    auto person = [&](const char* name, int k, const char* role) {
      return json{{"name", name}, {"idNo", idNumberTT(n * 10 + k)}, {"mobile", "1370000" + std::to_string(1000 + n * 10 + k)}, {"role", role}};
    };
    const json form = {{"name", a.who.name},
                       {"creditCode", a.who.account},
                       {"regionCode", "610404"},
                       {"address", "咸阳市渭城区文汇路8号"},
                       {"regCapital", 300},
                       {"serviceScope", json::array({"door"})},
                       {"legalPerson", json::array({person("韩立明", 0, "法定代表人")})},
                       {"managers", json::array({person("郑经理", 1, "总经理")})},
                       {"facilities", "办公用房260平方米"},
                       {"organisation", "设总经理办公室、业务部"},
                       {"businessLicenceFiles", file("licence.pdf")},
                       {"resumeFiles", file("resumes.pdf")},
                       {"capitalFiles", file("capital.pdf")},
                       {"facilityFiles", file("facilities.pdf")},
                       {"rulesFiles", file("rules.pdf")},
                       {"charterFiles", file("charter.pdf")}};
    const long long id = svc().create(a, {{"businessType", "company_licence"}, {"form", form}, {"submit", false}})["id"].get<long long>();
    applicantOf[id] = userId;
    return id;
  }
  const core::Actor& applicant(long long id) { return actorOf(applicantOf.at(id)); }

  // The account that holds the case's current step now (nullopt when nobody does).
  std::optional<std::string> holder(long long id) {
    approval::CaseFilter byNo;
    byNo.caseNo = db.read([&](Conn& c) { return c.queryOne(Query("SELECT case_no FROM applications WHERE id = ?", id))->str(0); });
    for (const char* acc : {"xy_jb", "xy_bac", "xy_zaj", "xy_sj", "st_kz", "st_mj", "st_fcz"}) {
      const json page = svc().todo(as(acc).who, byNo, {1, 20});
      for (const auto& it : page["items"])
        if (it["id"] == id) return std::string(acc);
    }
    return std::nullopt;
  }

  // The case as its step's holder moves it on: 背景审查 where asked, 指派 at an assign step, 同意.
  void forward(long long id) {
    const auto who = holder(id);
    ASSERT_TRUE(who) << "nobody holds case " << id;
    const json c = svc().get(as(*who).who, id);
    const json& step = c["steps"][c["stepIndex"].get<std::size_t>()];
    if (step.value("backgroundCheck", false)) svc().runBackgroundChecks(as(*who), id);
    if (step.value("kind", "") == "assign") svc().act(as(*who), id, Verb::assign, {{"userId", idOf("st_mj")}});
    else svc().act(as(*who), id, Verb::approve, {{"opinion", "经审查,同意"}});
  }

  long long submitted() {
    const long long id = draft();
    svc().submit(applicant(id), id);
    return id;
  }
  long long accepted() {
    const long long id = submitted();
    svc().act(as("xy_jb"), id, Verb::accept, {{"opinion", "予以受理"}});
    return id;
  }
  // Accepted and moved on to the step `step` of the chain.
  long long atStep(int step) {
    const long long id = accepted();
    for (int i = 0; i < step; ++i) forward(id);
    return id;
  }

  Where where(long long id) {
    return db.read([&](Conn& c) {
      auto r = c.queryOne(Query("SELECT status, step_index FROM applications WHERE id = ?", id));
      return Where{r->str("status"), r->optI64("step_index") ? std::optional<int>(static_cast<int>(*r->optI64("step_index"))) : std::nullopt};
    });
  }

  // Moves a time column of the case back by `days` natural days (the clock's tests).
  void backdate(long long id, const std::string& column, int days) {
    db.write([&](Conn& c) {
      c.exec(Query("UPDATE applications SET " + column + " = " + column + " - ? WHERE id = ?", days * core::kDayMs, id));
    });
  }

  approval::ApprovalService& svc() { return *shared->approval; }

  static inline int instances = 0;
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("baoan_transitions_" + std::to_string(::getpid()) + "_" + std::to_string(++instances) + ".db");
  std::unique_ptr<db::Database> database = std::make_unique<db::Database>("sqlite3://db=" + path.string(), 2);
  db::Database& db = *database;
  std::unique_ptr<sms::Gateway> sms = sms::makeLocalGateway();
  app::Config cfg;
  app::Context ctx{db, *sms, cfg};
  std::unique_ptr<modules::Shared> shared;

 private:
  long long org(Conn& c, std::optional<long long> parent, const std::string& parentPath, const std::string& name, const std::string& region,
                const std::string& type, std::string& out) {
    const long long id = c.insert(Query("INSERT INTO orgs (parent_id, path, level, name, region_code, type, created_at, updated_at) "
                                        "VALUES (?, ?, 1, ?, ?, ?, 0, 0)",
                                        parent, parentPath + "tmp" + name + "/", name, region, type));
    out = parentPath + std::to_string(id) + "/";
    c.exec(Query("UPDATE orgs SET path = ? WHERE id = ?", out, id));
    return id;
  }
  const core::Actor& actorOf(long long userId) {
    auto p = db.read([&](Conn& c) { return auth.loadPrincipal(c, userId); });
    principals.push_back(*p);
    actors.push_back(core::Actor{principals.back(), "127.0.0.1", "test"});
    return actors.back();
  }

  long long province = 0, district = 0;
  std::string districtPath;
  std::map<std::string, long long> ids;
  std::map<long long, long long> applicantOf;
  int serial = 0;
  auth::AuthStore auth;
  std::deque<core::Principal> principals;
  std::deque<core::Actor> actors;
};

// The status of an AppError thrown by f, or 0 when f succeeded.
template <class F>
int statusOf(F&& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const AppError& e) {
    if (message) *message = e.what();
    return e.status;
  }
  return 0;
}

// ---- the table --------------------------------------------------------------------------------------

// The states a case can be in, each made the way users make it.
enum class State { draft, submitted, correction, review0, review1, assign4, last7, paused, returned, refused, withdrawn, granted };

const char* stateName(State s) {
  switch (s) {
    case State::draft: return "draft";
    case State::submitted: return "submitted";
    case State::correction: return "correction";
    case State::review0: return "in_review@0 (after 受理)";
    case State::review1: return "in_review@1";
    case State::assign4: return "in_review@4 (指派)";
    case State::last7: return "in_review@7 (the deciding step)";
    case State::paused: return "paused@7";
    case State::returned: return "returned";
    case State::refused: return "refused";
    case State::withdrawn: return "withdrawn";
    case State::granted: return "granted";
  }
  return "?";
}

long long make(Engine& e, State s) {
  switch (s) {
    case State::draft: return e.draft();
    case State::submitted: return e.submitted();
    case State::correction: {
      const long long id = e.submitted();
      e.svc().act(e.as("xy_jb"), id, Verb::requestCorrection, {{"items", {"营业执照须加盖公章"}}});
      return id;
    }
    case State::review0: return e.accepted();
    case State::review1: return e.atStep(1);
    case State::assign4: return e.atStep(4);
    case State::last7: return e.atStep(7);
    case State::paused: {
      const long long id = e.atStep(7);
      e.svc().act(e.as("st_fcz"), id, Verb::pause, {{"kind", "expert_review"}, {"reason", "组织专家评审"}});
      return id;
    }
    case State::returned: {
      const long long id = e.accepted();
      e.svc().act(e.as("xy_jb"), id, Verb::reject, {{"reason", "专业技术人员不足"}});
      return id;
    }
    case State::refused: {
      const long long id = e.submitted();
      e.svc().act(e.as("xy_jb"), id, Verb::refuse, {{"reason", "不属于本机关职权范围"}});
      return id;
    }
    case State::withdrawn: {
      const long long id = e.submitted();
      e.svc().withdraw(e.applicant(id), id);
      return id;
    }
    case State::granted: {
      const long long id = e.atStep(7);
      e.forward(id);
      return id;
    }
  }
  return 0;
}

// An action as its natural actor tries it. The officers' verbs are tried by the holder of the
// case's step (the city handler when nobody holds it), except 催办 (the 市局领导, up the chain and
// not at the step — the 省厅科长 for a case at the city's leader), 延期 / 特别程序 / 恢复 (the head of the
// deciding org) and 撤回 (the officer who acted last). submit / withdraw are the applicant's.
enum class Act { accept, refuse, requestCorrection, approve, reject, sendBack, recall, transfer, assign, urge, extend, pause, resume, submit, withdraw };
const std::vector<Act> kActs = {Act::accept, Act::refuse,   Act::requestCorrection, Act::approve, Act::reject,
                                Act::sendBack, Act::recall,  Act::transfer,          Act::assign,  Act::urge,
                                Act::extend,   Act::pause,   Act::resume,            Act::submit,  Act::withdraw};
const char* actName(Act a) {
  static const char* names[] = {"accept", "refuse", "request-correction", "approve", "reject", "send-back", "recall", "transfer",
                                "assign", "urge",   "extend", "pause",              "resume",  "submit", "withdraw"};
  return names[static_cast<int>(a)];
}

// The step holder of each state, and who acted last (撤回).
std::string holderIn(State s) {
  switch (s) {
    case State::review1: return "xy_bac";
    case State::assign4: return "st_kz";
    case State::last7:
    case State::paused: return "st_fcz";
    default: return "xy_jb";
  }
}
std::string lastActorIn(State s) {
  switch (s) {
    case State::review1: return "xy_jb";   // its 同意 moved the case on
    case State::assign4: return "xy_sj";
    case State::last7:
    case State::paused: return "st_kz";
    default: return "xy_jb";
  }
}

int run(Engine& e, long long id, State s, Act a, std::string* message) {
  auto& svc = e.svc();
  auto officer = [&](const std::string& acc, Verb v, const json& body) { return statusOf([&] { svc.act(e.as(acc), id, v, body); }, message); };
  const std::string h = holderIn(s);
  switch (a) {
    case Act::accept: return officer(h, Verb::accept, {{"opinion", "予以受理"}});
    case Act::refuse: return officer(h, Verb::refuse, {{"reason", "不属于本机关职权范围"}});
    case Act::requestCorrection: return officer(h, Verb::requestCorrection, {{"items", {"营业执照须加盖公章"}}});
    case Act::approve:
      // 背景审查 first where the step asks for it (so that only the table decides whether 同意 may happen)
      if (s == State::review0) svc.runBackgroundChecks(e.as(h), id);
      return officer(h, Verb::approve, {{"opinion", "同意"}});
    case Act::reject: return officer(h, Verb::reject, {{"reason", "条件不符"}});
    case Act::sendBack: return officer(h, Verb::sendBack, {{"toStep", 0}, {"opinion", "请重新审查"}});
    case Act::recall: return officer(lastActorIn(s), Verb::recall, {{"opinion", "撤回"}});
    case Act::transfer:
      return officer(h, Verb::transfer, {{"userId", e.idOf(h + "2")}});  // another holder of the same post
    case Act::assign: return officer(h, Verb::assign, {{"userId", e.idOf("st_mj")}});
    case Act::urge: return officer(s == State::review1 || s == State::review0 || s == State::submitted ? "xy_sj" : "xy_jb", Verb::urge, {{"opinion", "请尽快办理"}});
    case Act::extend: return officer("st_fcz", Verb::extend, {{"days", 10}, {"reason", "需实地核查"}});
    case Act::pause: return officer("st_fcz", Verb::pause, {{"kind", "hearing"}, {"reason", "组织听证"}});
    case Act::resume: return officer("st_fcz", Verb::resume, {{"opinion", "听证结束"}});
    case Act::submit: return statusOf([&] { svc.submit(e.applicant(id), id); }, message);
    case Act::withdraw: return statusOf([&] { svc.withdraw(e.applicant(id), id); }, message);
  }
  return -1;
}

// What an action does to a case in a state: nullopt = refused (409; 404 for a draft, which no
// officer sees); otherwise where the case lands.
std::optional<Where> expected(State s, Act a) {
  const Where same = [&] {
    switch (s) {
      case State::draft: return Where{"draft", std::nullopt};
      case State::submitted: return Where{"submitted", 0};
      case State::correction: return Where{"correction", 0};
      case State::review0: return Where{"in_review", 0};
      case State::review1: return Where{"in_review", 1};
      case State::assign4: return Where{"in_review", 4};
      case State::last7: return Where{"in_review", 7};
      case State::paused: return Where{"paused", 7};
      case State::returned: return Where{"returned", std::nullopt};
      case State::refused: return Where{"refused", std::nullopt};
      case State::withdrawn: return Where{"withdrawn", std::nullopt};
      case State::granted: return Where{"granted", std::nullopt};
    }
    return Where{};
  }();
  const bool reviewing = s == State::review0 || s == State::review1 || s == State::last7;
  const bool inReview = reviewing || s == State::assign4;
  const bool open = inReview || s == State::submitted || s == State::paused;
  switch (a) {
    case Act::accept:
    case Act::refuse:
    case Act::requestCorrection:
      if (s != State::submitted) return std::nullopt;
      if (a == Act::accept) return Where{"in_review", 0};
      if (a == Act::refuse) return Where{"refused", std::nullopt};
      return Where{"correction", 0};
    case Act::approve:
      if (!reviewing) return std::nullopt;
      if (s == State::last7) return Where{"granted", std::nullopt};
      return Where{"in_review", *same.step + 1};
    case Act::reject: return reviewing ? std::optional<Where>(Where{"returned", std::nullopt}) : std::nullopt;
    case Act::sendBack:  // to a step already passed: never from the first
      return inReview && *same.step > 0 ? std::optional<Where>(Where{"in_review", 0}) : std::nullopt;
    case Act::recall: {
      // the officer's own last action, while the case is open and the next handler has not acted
      if (s == State::review0) return Where{"submitted", 0};
      if (s == State::review1) return Where{"in_review", 0};
      if (s == State::assign4) return Where{"in_review", 3};
      if (s == State::last7) return Where{"in_review", 6};
      return std::nullopt;  // paused: the pause was the last action, and it is not recallable
    }
    case Act::transfer: return s == State::submitted || inReview ? std::optional<Where>(same) : std::nullopt;
    case Act::assign: return s == State::assign4 ? std::optional<Where>(Where{"in_review", 5}) : std::nullopt;
    case Act::urge: return open ? std::optional<Where>(same) : std::nullopt;
    case Act::extend: return inReview ? std::optional<Where>(same) : std::nullopt;
    case Act::pause: return inReview ? std::optional<Where>(Where{"paused", same.step}) : std::nullopt;
    case Act::resume: return s == State::paused ? std::optional<Where>(Where{"in_review", 7}) : std::nullopt;
    case Act::submit:
      if (s == State::draft || s == State::correction || s == State::returned) return Where{"submitted", 0};
      return std::nullopt;
    case Act::withdraw:
      if (s == State::draft || s == State::submitted || s == State::correction || s == State::returned)
        return Where{"withdrawn", std::nullopt};
      return std::nullopt;
  }
  return std::nullopt;
}

TEST(TransitionTable, EveryActionInEveryStateLandsWhereTheProcedureSaysOrIsRefusedWith409) {
  Engine e;
  int allowed = 0, refused = 0;
  for (State s : {State::draft, State::submitted, State::correction, State::review0, State::review1, State::assign4, State::last7,
                  State::paused, State::returned, State::refused, State::withdrawn, State::granted}) {
    std::optional<long long> id;  // reused while the actions tried on it are refused
    for (Act a : kActs) {
      SCOPED_TRACE(std::string(stateName(s)) + " × " + actName(a));
      if (!id) id = make(e, s);
      const Where before = e.where(*id);
      std::string message;
      const int status = run(e, *id, s, a, &message);
      const auto want = expected(s, a);
      if (want) {
        EXPECT_EQ(status, 0) << message;
        EXPECT_EQ(e.where(*id), *want);
        ++allowed;
        id.reset();  // the case moved (or was touched): the next action gets a fresh one
      } else {
        const bool officerVerb = a != Act::submit && a != Act::withdraw;
        EXPECT_EQ(status, s == State::draft && officerVerb ? 404 : 409) << message;
        // in Chinese, saying what stands in the way: the case's state, or that it is not the actor's
        const bool says = message.find("不能") != std::string::npos || message.find("不在您的待办中") != std::string::npos ||
                          message == "办件不存在";
        EXPECT_TRUE(says) << message;
        EXPECT_EQ(e.where(*id), before) << "a refused action changed the case";
        ++refused;
      }
    }
  }
  // 12 states × 15 actions, every pair decided by the table above
  EXPECT_EQ(allowed + refused, 12 * 15);
}

TEST(TransitionTable, TheRefusalsSayWhyInChinese) {
  Engine e;
  std::string m;
  // 撤回 after 受理: the applicant is told the case was accepted
  const long long accepted = e.accepted();
  EXPECT_EQ(statusOf([&] { e.svc().withdraw(e.applicant(accepted), accepted); }, &m), 409);
  EXPECT_EQ(m, "办件已受理,不能撤回申请");
  // an officer of the chain whose step it is not: not in their 待办
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("xy_bac"), accepted, Verb::approve, {{"opinion", "同意"}}); }, &m), 409);
  EXPECT_NE(m.find("不在您的待办中"), std::string::npos) << m;
  // the step's holder, but a verb its state does not have
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("xy_jb"), accepted, Verb::accept, {{"opinion", "受理"}}); }, &m), 409);
  EXPECT_EQ(m, "办件状态为「审查中」,不能受理");
  // 同意 at the background-check step before every check passed
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("xy_jb"), accepted, Verb::approve, {{"opinion", "同意"}}); }, &m), 409);
  EXPECT_NE(m.find("背景审查"), std::string::npos) << m;
  // a decided case
  const long long granted = make(e, State::granted);
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("st_fcz"), granted, Verb::approve, {{"opinion", "同意"}}); }, &m), 409);
  EXPECT_EQ(m, "办件状态为「准予许可」,不能同意");
  // 退回 forward, or to the step the case is at
  const long long at3 = e.atStep(3);
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("xy_sj"), at3, Verb::sendBack, {{"toStep", 3}, {"opinion", "退回"}}); }, &m), 422);
  EXPECT_EQ(e.where(at3), (Where{"in_review", 3}));
}

// ---- the procedure around the table -------------------------------------------------------------

TEST(TransitionTable, UrgingIsOnceADayPerCaseAndIsNotOfferedAgain) {
  Engine e;
  const long long id = e.atStep(1);  // at the 市保安处领导
  const json urged = e.svc().act(e.as("xy_sj"), id, Verb::urge, {{"opinion", "请尽快办理"}});
  EXPECT_EQ(urged["actions"].dump().find("urge"), std::string::npos) << urged["actions"];
  std::string m;
  // nobody urges it again today, not even someone else up the chain
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("st_kz"), id, Verb::urge, {{"opinion", "再催"}}); }, &m), 409);
  EXPECT_EQ(m, "该办件今天已催办过,请明天再催");
  // the urge moved nothing: the holder still acts
  e.forward(id);
  EXPECT_EQ(e.where(id), (Where{"in_review", 2}));
}

TEST(TransitionTable, ACorrectionStopsTheClockAndTheResubmissionWaitsForAcceptanceAgain) {
  Engine e;
  const long long id = e.submitted();
  const json before = e.svc().get(e.as("xy_jb").who, id);
  ASSERT_TRUE(before["remainingWorkingDays"].is_number());
  ASSERT_TRUE(before["correctionDeadline"].is_string());
  e.backdate(id, "step_arrived_at", 1);
  e.svc().act(e.as("xy_jb"), id, Verb::requestCorrection, {{"items", {"营业执照须加盖公章", "章程缺少股东签字页"}}});
  // while the applicant corrects, nothing runs: no deadline, no time left, in nobody's 待办
  const json paused = e.svc().applicantGet(e.applicant(id).who, id);
  EXPECT_EQ(paused["status"], "correction");
  EXPECT_TRUE(paused["dueAt"].is_null());
  EXPECT_TRUE(paused["remainingWorkingDays"].is_null());
  EXPECT_EQ(paused["correctionItems"], json({"营业执照须加盖公章", "章程缺少股东签字页"}));
  EXPECT_FALSE(e.holder(id));
  // the resubmission arrives anew at the first step, with the step's whole time again and a new
  // five-day 补正 window; the case keeps its 办件编号
  e.svc().submit(e.applicant(id), id);
  const json again = e.svc().get(e.as("xy_jb").who, id);
  EXPECT_EQ(again["status"], "submitted");
  EXPECT_EQ(again["stepIndex"], 0);
  EXPECT_EQ(again["caseNo"], before["caseNo"]);
  EXPECT_EQ(again["remainingWorkingDays"], before["remainingWorkingDays"]);
  EXPECT_TRUE(again["correctionItems"].is_null());
  EXPECT_EQ(e.holder(id), std::optional<std::string>("xy_jb"));
}

TEST(TransitionTable, NoCorrectionNoticeWithinFiveWorkingDaysMeansAcceptedOnArrival) {
  Engine e;
  const long long id = e.submitted();
  e.backdate(id, "step_arrived_at", 20);  // twenty natural days hold more than five working days, even at 春节
  std::string m;
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("xy_jb"), id, Verb::requestCorrection, {{"items", {"补充材料"}}}); }, &m), 409);
  EXPECT_NE(m.find("5个工作日"), std::string::npos) << m;
  const json c = e.svc().get(e.as("xy_jb").who, id);
  EXPECT_EQ(std::find(c["actions"].begin(), c["actions"].end(), "request-correction"), c["actions"].end());
  const json accepted = e.svc().act(e.as("xy_jb"), id, Verb::accept, {{"opinion", "予以受理"}});
  EXPECT_EQ(accepted["acceptedAt"], accepted["arrivedAt"]);  // the day it arrived, not today
  const json mine = e.svc().applicantGet(e.applicant(id).who, id);
  EXPECT_NE(mine.dump().find("自收到申请之日起即为受理"), std::string::npos);  // and the applicant reads why
}

TEST(TransitionTable, ASpecialProcedureStopsTheClockUntilItEnds) {
  Engine e;
  const long long id = e.atStep(7);
  e.backdate(id, "step_arrived_at", 40);  // the deciding step has run for forty days
  const json running = e.svc().get(e.as("st_fcz").who, id);
  const std::string dueBefore = running["dueAt"].get<std::string>();
  e.svc().act(e.as("st_fcz"), id, Verb::pause, {{"kind", "expert_review"}, {"reason", "组织专家评审"}});
  // the case stays with its handler but only 恢复 moves it on
  const json paused = e.svc().get(e.as("st_fcz").who, id);
  EXPECT_EQ(paused["status"], "paused");
  EXPECT_EQ(paused["pauseKind"], "expert_review");
  EXPECT_EQ(paused["actions"], json({"resume"}));
  // the review began the day the step did and lasted forty days: the deadline moves by as long
  e.backdate(id, "paused_at", 40);
  e.svc().act(e.as("st_fcz"), id, Verb::resume, {{"opinion", "评审结束"}});
  const json resumed = e.svc().get(e.as("st_fcz").who, id);
  EXPECT_EQ(resumed["status"], "in_review");
  EXPECT_GT(resumed["dueAt"].get<std::string>(), dueBefore);
  // the applicant was told, with the reason, and never sees the officers' opinions
  const json mine = e.svc().applicantGet(e.applicant(id).who, id);
  EXPECT_NE(mine.dump().find("组织专家评审"), std::string::npos);
  EXPECT_EQ(mine.dump().find("经审查,同意"), std::string::npos);
  // a portal message when the clock stopped and when it runs again
  const std::string messages = e.svc().messages(e.applicant(id).who).dump();
  EXPECT_NE(messages.find("进入专家评审程序"), std::string::npos) << messages;
  EXPECT_NE(messages.find("特别程序结束"), std::string::npos) << messages;
}

TEST(TransitionTable, AnExtensionIsGrantedOnceWithinTheLegalDays) {
  Engine e;
  const long long id = e.atStep(7);
  const std::string dueBefore = e.svc().get(e.as("st_fcz").who, id)["dueAt"].get<std::string>();
  std::string m;
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("st_fcz"), id, Verb::extend, {{"days", 11}, {"reason", "核查"}}); }, &m), 422);
  const json extended = e.svc().act(e.as("st_fcz"), id, Verb::extend, {{"days", 10}, {"reason", "需实地核查"}});
  EXPECT_EQ(extended["extensionDays"], 10);
  EXPECT_GT(extended["dueAt"].get<std::string>(), dueBefore);
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("st_fcz"), id, Verb::extend, {{"days", 5}, {"reason", "再延"}}); }, &m), 409);
  // someone who is not the head of the deciding org may not extend
  const long long other = e.atStep(2);
  EXPECT_EQ(statusOf([&] { e.svc().act(e.as("xy_zaj"), other, Verb::extend, {{"days", 5}, {"reason", "核查"}}); }, &m), 409);
}

TEST(TransitionTable, SendBackReachesAnyPassedStepAndTheChainRunsOnFromThere) {
  Engine e;
  const long long id = e.atStep(6);
  e.svc().act(e.as("st_kz"), id, Verb::sendBack, {{"toStep", 2}, {"opinion", "请市治安局领导重新审核"}});
  EXPECT_EQ(e.where(id), (Where{"in_review", 2}));
  EXPECT_EQ(e.holder(id), std::optional<std::string>("xy_zaj"));
  for (int i = 2; i < 8; ++i) e.forward(id);
  EXPECT_EQ(e.where(id), (Where{"granted", std::nullopt}));
}

TEST(TransitionTable, DisagreementAtTheDecidingStepReturnsTheCaseAndItsResubmissionRestartsTheChain) {
  Engine e;
  const long long id = e.atStep(7);
  e.svc().act(e.as("st_fcz"), id, Verb::reject, {{"reason", "保安员培训场地不符合要求"}, {"opinion", "内部意见:场地存疑"}});
  const json mine = e.svc().applicantGet(e.applicant(id).who, id);
  EXPECT_EQ(mine["status"], "returned");
  EXPECT_EQ(mine["publicReason"], "保安员培训场地不符合要求");
  EXPECT_EQ(mine.dump().find("场地存疑"), std::string::npos);  // the opinion stays inside
  EXPECT_TRUE(mine["licence"].is_null());
  const long long licences = e.db.read([&](Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM licences WHERE application_id = ?", id)); });
  EXPECT_EQ(licences, 0);
  e.svc().submit(e.applicant(id), id);
  EXPECT_EQ(e.where(id), (Where{"submitted", 0}));
  EXPECT_EQ(e.holder(id), std::optional<std::string>("xy_jb"));
}

TEST(TransitionTable, TheLastStepsAgreementGrantsTheLicenceOnce) {
  Engine e;
  const long long id = e.atStep(7);
  const json done = e.svc().act(e.as("st_fcz"), id, Verb::approve, {{"opinion", "准予许可"}});
  EXPECT_EQ(done["status"], "granted");
  EXPECT_EQ(done["statusName"], "准予许可");
  EXPECT_TRUE(done["stepIndex"].is_null());
  EXPECT_TRUE(done["decidedAt"].is_string());
  EXPECT_EQ(done["actions"], json::array());  // nothing is left to do, not even 撤回
  const json mine = e.svc().applicantGet(e.applicant(id).who, id);
  ASSERT_TRUE(mine["licence"].is_object());
  EXPECT_EQ(mine["licence"]["status"], "valid");
  const auto count = e.db.read([&](Conn& c) { return c.scalar(Query("SELECT COUNT(*) FROM licences WHERE application_id = ?", id)); });
  EXPECT_EQ(count, 1);
  // the applicant is told (portal message)
  const json messages = e.svc().messages(e.applicant(id).who);
  EXPECT_NE(messages.dump().find("准予许可"), std::string::npos);
}

TEST(TransitionTable, ARunningCaseKeepsItsChainVersionWhenTheChainChanges) {
  Engine e;
  const long long running = e.atStep(1);
  const long long corrected = e.submitted();
  e.svc().act(e.as("xy_jb"), corrected, Verb::requestCorrection, {{"items", {"补充材料"}}});
  const long long returned = make(e, State::returned);
  // the administrator shortens the chain to two steps: the city handler, then the province decides
  const json twoSteps = {{"steps", json::array({{{"name", "市经办民警审查"}, {"post", "city_handler"}, {"legalDays", 15}, {"promisedDays", 10}, {"backgroundCheck", true}},
                                                {{"name", "省厅审批"}, {"post", "province_deputy_director"}, {"legalDays", 15}, {"promisedDays", 15}}})}};
  e.svc().saveChain(e.as("st_fcz"), "company_licence", twoSteps);
  // the running case stays on its eight-step version 1 and goes on through it
  json c = e.svc().get(e.as("xy_bac").who, running);
  EXPECT_EQ(c["workflowVersion"], 1);
  EXPECT_EQ(c["steps"].size(), 8u);
  for (int i = 1; i < 8; ++i) e.forward(running);
  EXPECT_EQ(e.where(running), (Where{"granted", std::nullopt}));
  // a corrected case resumes on its version; a returned one starts again on the chain in force
  e.svc().submit(e.applicant(corrected), corrected);
  EXPECT_EQ(e.svc().get(e.as("xy_jb").who, corrected)["workflowVersion"], 1);
  e.svc().submit(e.applicant(returned), returned);
  EXPECT_EQ(e.svc().get(e.as("xy_jb").who, returned)["workflowVersion"], 2);
  // a new case runs on version 2: after the city handler's 同意 it is at the province's decision
  const long long fresh = e.accepted();
  json f = e.svc().get(e.as("xy_jb").who, fresh);
  EXPECT_EQ(f["workflowVersion"], 2);
  e.forward(fresh);
  EXPECT_EQ(e.where(fresh), (Where{"in_review", 1}));
  EXPECT_EQ(e.holder(fresh), std::optional<std::string>("st_fcz"));
  e.forward(fresh);
  EXPECT_EQ(e.where(fresh), (Where{"granted", std::nullopt}));
}

}  // namespace
