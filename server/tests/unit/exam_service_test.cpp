// ExamService on SQLite with registrations inserted by hand (the registration backend is the lead's):
// the demo seed, and one exam from creation to 通知成绩 and a change after it, with scope.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/sms/sms_gateway.h"
#include "app/config.h"
#include "app/context.h"
#include "app/seed_exams.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "db/migrations.h"
#include "io/xlsx_writer.h"
#include "modules/exam/exam_service.h"

using namespace baoan;
using db::Conn;
using db::Query;
using nlohmann::json;

namespace {

std::string idNo(const std::string& region, int n) {
  char s[24];
  std::snprintf(s, sizeof s, "%s1990%02d%02d%03d", region.c_str(), 1 + n % 12, 1 + n % 28, n % 1000);
  const std::string first17(s);
  return first17 + core::idNumberCheckChar(first17);
}

long long org(Conn& c, std::optional<long long> parent, const std::string& parentPath, const std::string& name, const std::string& region,
              const std::string& type, std::string& path) {
  const long long id = c.insert(Query("INSERT INTO orgs (parent_id, path, level, name, region_code, type, created_at, updated_at) "
                                      "VALUES (?, ?, 1, ?, ?, ?, 0, 0)",
                                      parent, parentPath + "tmp" + name + "/", name, region, type));
  path = parentPath + std::to_string(id) + "/";
  c.exec(Query("UPDATE orgs SET path = ? WHERE id = ?", path, id));
  return id;
}

long long user(Conn& c, const std::string& account, long long orgId, const std::string& path, int n) {
  return c.insert(Query("INSERT INTO users (account, password_hash, must_change_password, kind, name, is_police, id_no, gender, "
                        "birth_date, mobile, org_id, org_path, created_at, updated_at) VALUES (?, 'x', 0, 'officer', ?, 1, ?, 'male', "
                        "'1990-01-01', '13900000002', ?, ?, 0, 0)",
                        account, account, idNo("610404", n), orgId, path));
}

struct Fixture {
  long long city = 0, weicheng = 0, xian = 0, officer = 0, xianOfficer = 0, workflow = 0;
  std::string cityPath, weichengPath, xianPath;
  int serial = 0;
};

long long registration(Conn& c, Fixture& f, const std::string& status, const std::string& cityCode, const std::string& path) {
  const int n = ++f.serial;
  const long long app = c.insert(Query("INSERT INTO applications (business_type, workflow_version_id, status, applicant_user_id, "
                                       "applicant_name, applicant_code, region_code, form, org_path, created_at, updated_at) VALUES "
                                       "('exam_registration', ?, 'granted', ?, '考生', 'x', ?, '{}', ?, 0, 0)",
                                       f.workflow, f.officer, cityCode, path));
  return c.insert(Query("INSERT INTO exam_registrations (application_id, status, id_no, name, gender, birth_date, ethnicity, education, "
                        "household_region, household_address, current_address, mobile, photo_file_id, city_code, registered_by_user_id, "
                        "registered_by_kind, org_path, created_at, updated_at) VALUES (?, ?, ?, ?, 'male', '1990-01-01', '汉族', "
                        "'high_school', ?, '地址', '地址', ?, '', ?, ?, 'officer', ?, 0, 0)",
                        app, status, idNo(cityCode.substr(0, 4) + "04", 100 + n), "考生" + std::to_string(n), cityCode,
                        "1380000" + std::to_string(1000 + n), cityCode, f.officer, path));
}

Fixture setUp(db::Database& db) {
  Fixture f;
  db.write([&](Conn& c) {
    std::string p;
    const long long province = org(c, std::nullopt, "/", "陕西省公安厅", "610000", "province_dept", p);
    f.city = org(c, province, p, "咸阳市公安局", "610400", "city_bureau", f.cityPath);
    std::string detachment;
    const long long d = org(c, f.city, f.cityPath, "治安支队", "610400", "detachment", detachment);
    f.weicheng = org(c, f.city, f.cityPath, "渭城分局", "610404", "district_bureau", f.weichengPath);
    f.xian = org(c, province, p, "西安市公安局", "610100", "city_bureau", f.xianPath);
    f.officer = user(c, "xy_jb", d, detachment, 1);
    f.xianOfficer = user(c, "xa_jb", f.xian, f.xianPath, 2);
    f.workflow = c.insert(Query("INSERT INTO workflow_versions (business_type, version, steps, created_at) VALUES ('exam_registration', 1, '[]', 0)"));
  });
  return f;
}

core::Principal officerOf(long long userId, long long orgId, const std::string& orgPath, const std::string& scopePath) {
  core::Principal p;
  p.userId = userId;
  p.account = "officer";
  p.name = "测试民警";
  p.kind = "officer";
  p.orgId = orgId;
  p.orgPath = orgPath;
  p.scope.subtreePaths.insert(scopePath);
  return p;
}

std::string xlsxBytes(const std::vector<std::vector<io::Cell>>& rows) {
  const auto path = std::filesystem::temp_directory_path() / ("baoan_scores_" + std::to_string(::getpid()) + ".xlsx");
  {
    io::XlsxWriter w(path.string(), "成绩录入");
    w.setColumns({{"准考证号"}, {"姓名"}, {"理论成绩", io::ColumnKind::integer}, {"技能成绩", io::ColumnKind::integer}, {"缺考"}});
    for (const auto& r : rows) w.addRow(r);
    w.close();
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::filesystem::remove(path);
  return s.str();
}

template <class F>
AppError errorOf(F&& f) {
  try {
    f();
  } catch (const AppError& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return AppError(0, "", "");
}

struct Db {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("baoan_exam_" + std::to_string(::getpid()) + ".db");
  db::Database db{"sqlite3://db=" + path.string(), 2};
  Db() { db::migrate(db); }
  ~Db() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix, ec);
  }
};

}  // namespace

TEST(ExamService, DemoSeedMakesPastExamsWithScoresAndAnUpcomingSeatedOne) {
  Db t;
  Fixture f = setUp(t.db);
  t.db.write([&](Conn& c) {
    for (int i = 0; i < 20; ++i) registration(c, f, "pending_exam", "610400", f.weichengPath);
  });
  app::Config cfg;
  EXPECT_EQ(app::seedDemoExams(t.db, cfg), 3);
  t.db.read([&](Conn& c) {
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exams")), 3);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_candidates")), 17);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_candidates WHERE result = 'absent'")), 1);
    EXPECT_GE(c.scalar(Query("SELECT COUNT(*) FROM exam_registrations WHERE status = 'passed'")), 5);
    EXPECT_GE(c.scalar(Query("SELECT COUNT(*) FROM exam_registrations WHERE status = 'failed'")), 2);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_registrations WHERE status = 'scheduled'")), 6);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_registrations WHERE status = 'pending_exam'")), 3);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_candidates WHERE ticket_no IS NULL")), 0);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(DISTINCT ticket_no) FROM exam_candidates")), 17);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exams WHERE scores_notified_at IS NOT NULL")), 2);
  });
}

TEST(ExamService, FromCreationToScoresAndAChangeAfterTheNotice) {
  Db t;
  Fixture f = setUp(t.db);
  std::vector<long long> regs;
  long long otherCity = 0, notPaid = 0;
  t.db.write([&](Conn& c) {
    for (int i = 0; i < 5; ++i) regs.push_back(registration(c, f, "pending_exam", "610400", f.weichengPath));
    otherCity = registration(c, f, "pending_exam", "610100", f.xianPath);
    notPaid = registration(c, f, "pending_payment", "610400", f.weichengPath);
  });
  auto sms = sms::makeLocalGateway();
  app::Config cfg;
  app::Context ctx{t.db, *sms, cfg};
  exam::ExamService svc(ctx);
  std::vector<long long> hooked;
  svc.onScoresNotified = [&](Conn&, const core::Actor&, const std::vector<long long>& ids) { hooked.insert(hooked.end(), ids.begin(), ids.end()); };
  const core::Principal officer = officerOf(f.officer, f.city, f.cityPath, f.cityPath);
  const core::Actor a{officer, "127.0.0.1", "test"};
  const core::Principal xian = officerOf(f.xianOfficer, f.xian, f.xianPath, f.xianPath);

  const long long start = core::nowMs() + 10 * 86400000LL;
  json body = {{"name", "测试考试"}, {"kind", "theory_skills"}, {"place", "咸阳"}, {"startAt", core::toIso(start)},
               {"endAt", core::toIso(start + 7200000)}, {"rooms", json::array({{{"name", "一"}, {"seats", 2}}, {{"name", "二"}, {"seats", 2}}})}};
  const json created = svc.create(a, body);
  const long long id = created["id"];
  EXPECT_EQ(created["passTheory"], 60);
  EXPECT_EQ(created["passSkills"], 60);
  EXPECT_EQ(created["cityCode"], "610400");
  EXPECT_EQ(created["status"], "not_started");

  // Another city's officer: 404, and nothing in the list.
  EXPECT_EQ(errorOf([&] { svc.get(xian, id); }).status, 404);
  EXPECT_EQ(svc.list(xian, {}, core::PageRequest{})["total"], 0);
  EXPECT_EQ(svc.list(officer, {}, core::PageRequest{})["total"], 1);

  // Adding is all or nothing, with a reason per id.
  auto bad = errorOf([&] { svc.addCandidates(a, id, {{"registrationIds", {regs[0], otherCity, notPaid}}}); });
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.fields.count("registrationIds." + std::to_string(otherCity)));
  EXPECT_TRUE(bad.fields.count("registrationIds." + std::to_string(notPaid)));
  EXPECT_FALSE(bad.fields.count("registrationIds." + std::to_string(regs[0])));
  EXPECT_EQ(svc.get(officer, id)["candidateCount"], 0);
  EXPECT_EQ(svc.addCandidates(a, id, {{"registrationIds", regs}})["added"], 5);
  EXPECT_EQ(errorOf([&] { svc.addCandidates(a, id, {{"registrationIds", {regs[0]}}}); }).status, 422);
  EXPECT_EQ(errorOf([&] { svc.update(a, id, body); }).status, 409);
  EXPECT_EQ(errorOf([&] { svc.remove(a, id); }).status, 409);

  // Five people, four seats.
  auto few = errorOf([&] { svc.seat(a, id, {{"order", "id"}}); });
  EXPECT_EQ(few.status, 409);
  EXPECT_NE(std::string(few.what()).find("还差 1 个座位"), std::string::npos);
  svc.removeCandidate(a, id, regs[4]);
  t.db.read([&](Conn& c) { EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_registrations WHERE status = 'pending_exam' AND id = ?", regs[4])), 1); });
  regs.pop_back();
  json seated = svc.seat(a, id, {{"order", "id"}});
  std::set<std::string> tickets;
  std::string previousId;
  for (const auto& k : seated["candidates"]) {
    ASSERT_TRUE(k["ticketNo"].is_string());
    tickets.insert(k["ticketNo"].get<std::string>());
  }
  EXPECT_EQ(tickets.size(), 4u);
  EXPECT_EQ(seated["rooms"][0]["used"], 2);

  // A seat move to a free seat; an occupied one is refused.
  const long long room2 = seated["rooms"][1]["id"];
  EXPECT_EQ(errorOf([&] { svc.moveSeat(a, id, regs[0], {{"roomId", room2}, {"seat", 1}}); }).status, 409);
  EXPECT_EQ(errorOf([&] { svc.moveSeat(a, id, regs[0], {{"roomId", room2}, {"seat", 3}}); }).status, 422);

  // 考试通知: once, then only with confirm.
  EXPECT_EQ(svc.notify(a, id, nullptr)["sent"], 4);
  EXPECT_EQ(errorOf([&] { svc.notify(a, id, nullptr); }).status, 409);
  EXPECT_EQ(svc.notify(a, id, {{"confirm", true}})["notifyCount"], 2);
  EXPECT_EQ(errorOf([&] { svc.seat(a, id, {{"order", "random"}}); }).status, 409);

  // Scores only once the exam has started.
  EXPECT_EQ(errorOf([&] { svc.setScore(a, id, regs[0], {{"theory", 80}, {"skills", 80}}); }).status, 409);
  core::setClockOffsetMs(11 * 86400000LL);
  auto invalid = errorOf([&] { svc.setScore(a, id, regs[0], {{"theory", 101}}); });
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(invalid.fields.count("theory"));
  EXPECT_TRUE(invalid.fields.count("skills"));
  EXPECT_EQ(svc.setScore(a, id, regs[0], {{"theory", 80}, {"skills", 75}})["result"], "passed");

  // The template's rows, with bad rows reported and nothing written.
  const json detail = svc.get(officer, id);
  std::map<long long, std::string> ticketOf;
  std::map<long long, std::string> nameOf;
  for (const auto& k : detail["candidates"]) {
    ticketOf[k["registrationId"]] = k["ticketNo"];
    nameOf[k["registrationId"]] = k["name"];
  }
  auto badImport = svc.importScores(a, id, xlsxBytes({{ticketOf[regs[1]], nameOf[regs[1]], std::int64_t{120}, std::int64_t{70}, io::Cell{}},
                                                      {std::string("9999"), std::string("某人"), std::int64_t{70}, std::int64_t{70}, io::Cell{}},
                                                      {ticketOf[regs[2]], std::string("别人"), std::int64_t{70}, std::int64_t{70}, io::Cell{}}}));
  EXPECT_EQ(badImport.imported, 0);
  ASSERT_EQ(badImport.errorCount, 3u);
  EXPECT_EQ(badImport.errors[0]["row"], 2);
  EXPECT_EQ(badImport.errors[0]["field"], "theory");
  EXPECT_EQ(badImport.errors[1]["field"], "ticketNo");
  EXPECT_EQ(badImport.errors[2]["field"], "name");
  t.db.read([&](Conn& c) { EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_candidates WHERE result IS NOT NULL")), 1); });

  // Notify-scores waits for every score.
  EXPECT_EQ(errorOf([&] { svc.notifyScores(a, id); }).status, 409);
  auto good = svc.importScores(a, id, xlsxBytes({{ticketOf[regs[1]], nameOf[regs[1]], std::int64_t{59}, std::int64_t{90}, io::Cell{}},
                                                 {ticketOf[regs[2]], nameOf[regs[2]], io::Cell{}, io::Cell{}, std::string("是")},
                                                 {ticketOf[regs[3]], nameOf[regs[3]], std::int64_t{60}, std::int64_t{60}, std::string("否")}}));
  EXPECT_EQ(good.imported, 3);
  const json notified = svc.notifyScores(a, id);
  EXPECT_EQ(notified["results"]["passed"], 2);
  EXPECT_EQ(notified["results"]["failed"], 1);
  EXPECT_EQ(notified["results"]["absent"], 1);
  EXPECT_EQ(hooked, (std::vector<long long>{regs[0], regs[3]}) );
  t.db.read([&](Conn& c) {
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_registrations WHERE status = 'passed'")), 2);
    EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_registrations WHERE status = 'failed'")), 2);
  });
  EXPECT_EQ(errorOf([&] { svc.notifyScores(a, id); }).status, 409);

  // After the notice: a change needs a reason, is logged, and moves the registration.
  auto noReason = errorOf([&] { svc.setScore(a, id, regs[1], {{"theory", 61}, {"skills", 90}}); });
  EXPECT_EQ(noReason.status, 422);
  EXPECT_TRUE(noReason.fields.count("reason"));
  EXPECT_EQ(svc.setScore(a, id, regs[1], {{"theory", 61}, {"skills", 90}, {"reason", "复核更正"}})["result"], "passed");
  EXPECT_EQ(hooked.back(), regs[1]);
  const json after = svc.get(officer, id);
  ASSERT_EQ(after["scoreChanges"].size(), 1u);
  EXPECT_EQ(after["scoreChanges"][0]["reason"], "复核更正");
  t.db.read([&](Conn& c) { EXPECT_EQ(c.scalar(Query("SELECT COUNT(*) FROM exam_registrations WHERE status = 'passed'")), 3); });
  core::setClockOffsetMs(0);

  // The tickets of one room.
  const auto pdf = svc.tickets(a, id, {std::to_string(room2), std::nullopt});
  EXPECT_EQ(pdf.bytes.substr(0, 5), "%PDF-");
}
