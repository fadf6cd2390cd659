// `baoan seed --demo`, part 4: 保安员资格证考试报名 of 咸阳 in every status of the pipeline (issue 13).
// Registrations are made the way users make them — a person on the portal, companies for their
// people, an officer at the window, each with a checked photo — and the station and county officers
// of 渭城 and 秦都 act on them through the approval engine, 背景审查 included.
#include "app/demo_exam.h"

#include "app/demo_cases.h"

#include <deque>

#include "adapters/sms/sms_gateway.h"
#include "core/clock.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "io/id_photo.h"
#include "modules/auth/auth_store.h"
#include "modules/exam/registration_service.h"
#include "modules/exam/registration_status.h"
#include "modules/registry.h"

namespace baoan::app {

namespace {

using db::Query;
using nlohmann::json;

// Where a demo registration ends up.
enum class Stop { atStation, atChief, atCounty, rejected, cancelled, pendingPayment, pendingExam, passed };

// The officers of each demo county: station officer, station chief, county handler.
struct CountyOfficers {
  std::string station, chief, county;
};
const CountyOfficers kWeicheng{"hc_mj", "hc_sz", "wc_jb"};
const CountyOfficers kQindu{"qd_mj", "qd_sz", "qd_jb"};

const char* kExamSurnames[] = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"};
const char* kGiven[] = {"伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "鹏", "浩", "亮", "刚", "平", "辉", "斌", "峰", "建华", "志强"};

class RegistrationMaker {
 public:
  RegistrationMaker(db::Database& db, app::Context& ctx, modules::Shared& shared)
      : db_(db), shared_(shared), regs_(ctx, shared.files, shared.approval) {}

  long long make() {
    long long n = 0;
    // The person of the demo: signs in with their ID number (password Apply@2026), registered and
    // waiting for the station's check.
    const core::Actor person = personAccount();
    n += one(person, person.who.account, "610404003000", kWeicheng, Stop::atStation, "石晓峰");
    const auto companies = companyAccounts();
    const std::vector<std::pair<Stop, int>> plan = {
        {Stop::atStation, 3}, {Stop::atChief, 2}, {Stop::atCounty, 2}, {Stop::rejected, 1}, {Stop::cancelled, 1},
        {Stop::pendingPayment, 6}, {Stop::pendingExam, 36}, {Stop::passed, 12}};
    int seq = 0;
    for (const auto& [stop, count] : plan)
      for (int i = 0; i < count; ++i, ++seq) {
        // Two in three in 渭城 (a town with its own station, or one the county's fallback station
        // takes), one in three in 秦都.
        const bool qindu = seq % 3 == 2;
        const std::string town = qindu ? "610402001000" : (seq % 2 ? "610404003000" : "610404006000");
        const core::Actor& by = companies[static_cast<std::size_t>(seq) % companies.size()];
        n += one(by, idNumber(qindu ? "610402" : "610404", seq), town, qindu ? kQindu : kWeicheng, stop, "");
      }
    return n;
  }

 private:
  long long one(const core::Actor& by, const std::string& idNo, const std::string& town, const CountyOfficers& o, Stop stop,
                std::string name) {
    const int seq = ++made_;
    if (name.empty()) name = std::string(kExamSurnames[seq % 18]) + kGiven[(seq * 7) % 20];
    json form = {{"name", name},
                 {"idNo", idNo},
                 {"ethnicity", seq % 9 ? "汉族" : "回族"},
                 {"education", seq % 4 ? "senior" : "junior"},
                 {"householdRegion", town},
                 {"householdAddress", "咸阳市" + std::string(town.substr(0, 6) == "610402" ? "秦都区" : "渭城区") + "民生路" + std::to_string(seq) + "号"},
                 {"currentAddress", "咸阳市渭城区文林路" + std::to_string(100 + seq) + "号"},
                 {"mobile", "139" + std::to_string(29100000 + seq)},
                 {"photo", json::array({upload(by, "照片.jpg", io::encodeGreyJpeg(io::kIdPhotoWidth, io::kIdPhotoHeight,
                                                                                      io::portraitPixels(io::kIdPhotoWidth, io::kIdPhotoHeight, seq)))})},
                 {"medicalFiles", json::array({upload(by, "体检证明.jpg", scan(seq))})},
                 {"educationFiles", json::array({upload(by, "学历证明.jpg", scan(seq + 1))})}};
    const json r = regs_.create(by, {{"form", form}, {"submit", true}});
    const long long id = r["id"].get<long long>(), caseId = r["applicationId"].get<long long>();
    if (stop == Stop::atStation) return 1;
    if (stop == Stop::cancelled) {
      regs_.cancel(by, id, {{"reason", "本人已另行择期报名"}});
      return 1;
    }
    act(o.station, caseId, approval::Verb::accept, {{"opinion", "户籍信息核实无误,予以受理。"}});
    act(o.station, caseId, approval::Verb::approve, {{"opinion", "经核查,该人员户籍、现住址属实。"}});
    if (stop == Stop::atChief) return 1;
    act(o.chief, caseId, approval::Verb::approve, {{"opinion", "同意。"}});
    if (stop == Stop::atCounty) return 1;
    shared_.approval->runBackgroundChecks(actor(o.county), caseId);
    if (stop == Stop::rejected) {
      act(o.county, caseId, approval::Verb::reject, {{"reason", "背景审查发现其曾被处以行政拘留三次以上,依据条例第十七条不得担任保安员"},
                                                    {"opinion", "审查不通过"}});
      return 1;
    }
    act(o.county, caseId, approval::Verb::approve, {{"opinion", "四项背景审查均通过,同意。"}});
    if (stop == Stop::pendingPayment) return 1;
    // Paid at the window (the payment module records it) and, for some, already through an exam.
    db_.write([&](db::Conn& c) {
      const long long now = core::nowMs();
      exam::moveRegistration(c, id, {"pending_payment"}, "pending_exam", now);
      if (stop == Stop::passed) exam::moveRegistration(c, id, {"pending_exam"}, "passed", now);
    });
    return 1;
  }

  // A 358×441 portrait's little sibling: a grey "scan" standing for a certificate of a hospital or school.
  static std::string scan(int seq) {
    std::vector<unsigned char> px(200 * 280, static_cast<unsigned char>(230 + seq % 20));
    for (int y = 20; y < 260; y += 14)
      for (int x = 20; x < 180; ++x) px[static_cast<std::size_t>(y * 200 + x)] = 40;
    return io::encodeGreyJpeg(200, 280, px, 70);
  }

  std::string upload(const core::Actor& by, const std::string& name, const std::string& bytes) {
    std::string encoded;
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char ch : name) {
      if (std::isalnum(ch) || ch == '.') encoded += static_cast<char>(ch);
      else encoded += {'%', hex[ch >> 4], hex[ch & 15]};
    }
    return shared_.files.upload(by, encoded, bytes, true).id;
  }

  static std::string idNumber(const std::string& county, int seq) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s19%02d%02d%02d%03d", county.c_str(), 80 + seq % 20, 1 + seq % 12, 1 + seq % 28, 100 + seq % 900);
    const std::string first17(buf);
    return first17 + core::idNumberCheckChar(first17);
  }

  core::Actor personAccount() {
    const std::string idNo = idNumber("610404", 900);
    const long long userId = db_.write([&](db::Conn& c) {
      auto org = c.queryOne(Query("SELECT id, path FROM orgs WHERE region_code = '610404' AND type = 'district_bureau'"));
      system::PortalAccount acc{0, idNo, "石晓峰", idNo, "13929109000", org->i64("id"), org->str("path")};
      const long long id = shared_.users.createApplicantAccount(c, acc, demoApplicantHash());
      c.exec(Query("UPDATE users SET unit_kind = 'person' WHERE id = ?", id));
      return id;
    });
    return actorOf(userId);
  }

  std::vector<core::Actor> companyAccounts() {
    std::vector<core::Actor> out;
    const auto ids = db_.read([&](db::Conn& c) {
      std::vector<long long> v;
      for (const auto& r : c.query(Query("SELECT u.id FROM users u JOIN companies c ON c.id = u.company_id WHERE u.kind = 'company' "
                                         "AND c.status = 'active' AND c.region_code LIKE '6104%' ORDER BY u.id LIMIT 4")))
        v.push_back(r.i64("id"));
      return v;
    });
    for (long long id : ids) out.push_back(actorOf(id));
    return out;
  }

  core::Actor actorOf(long long userId) {
    auto p = db_.read([&](db::Conn& c) { return auth_.loadPrincipal(c, userId); });
    principals_.push_back(*p);
    return core::Actor{principals_.back(), "127.0.0.1", "seed-demo"};
  }

  core::Actor actor(const std::string& account) {
    return actorOf(db_.read([&](db::Conn& c) { return c.scalar(Query("SELECT id FROM users WHERE account = ?", account)); }));
  }

  void act(const std::string& account, long long caseId, approval::Verb v, const json& body) {
    shared_.approval->act(actor(account), caseId, v, body);
  }

  db::Database& db_;
  modules::Shared& shared_;
  exam::RegistrationService regs_;
  auth::AuthStore auth_;
  std::deque<core::Principal> principals_;
  int made_ = 0;
};

}  // namespace

long long seedDemoRegistrations(db::Database& db, const Config& cfg) {
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  modules::Shared shared(ctx);
  return RegistrationMaker(db, ctx, shared).make();
}

}  // namespace baoan::app
