#include "app/seed_exams.h"

#include <algorithm>

#include "adapters/sms/sms_gateway.h"
#include "app/context.h"
#include "core/clock.h"
#include "core/principal.h"
#include "modules/exam/exam_rules.h"
#include "modules/exam/exam_service.h"

namespace baoan::app {

using db::Query;

namespace {
constexpr long long kDay = 24 * 3600 * 1000LL;

// Midnight (China time) of the day `days` from now, plus `hour` hours, in epoch ms.
long long dayAt(long long now, int days, int hour) {
  const long long china = now + 8 * 3600 * 1000LL;
  const long long midnight = china - china % kDay - 8 * 3600 * 1000LL;
  return midnight + days * kDay + hour * 3600 * 1000LL;
}

struct DemoExam {
  const char* name;
  const char* kind;
  const char* place;
  int days;  // from today
  std::size_t people;
  std::vector<exam::RoomRow> rooms;
};

// The score of the i-th candidate of a past exam: most pass, every fourth fails, the third is absent.
exam::ScoreEntry demoScore(const exam::ExamRow& e, std::size_t i, bool withAbsent) {
  const bool skills = e.kind == "theory_skills";
  exam::ScoreEntry s;
  if (withAbsent && i == 2) {
    s.absent = true;
  } else {
    s.theory = i % 4 == 3 ? 48 + static_cast<int>(i % 7) : 66 + static_cast<int>((i * 7) % 30);
    if (skills) s.skills = 70 + static_cast<int>((i * 5) % 25);
  }
  s.result = exam::decideResult({e.passTheory, e.passSkills}, s.theory, s.skills, s.absent);
  return s;
}
}  // namespace

long long seedDemoExams(db::Database& db, const Config& cfg) {
  auto sms = sms::makeLocalGateway();
  Context ctx{db, *sms, cfg};
  exam::ExamService service(ctx);
  return db.write([&](db::Conn& c) {
    const long long cityId = c.scalar(Query("SELECT id FROM orgs WHERE region_code = '610400' AND type = 'city_bureau' ORDER BY id"));
    if (!cityId) return 0LL;
    const auto org = c.queryOne(Query("SELECT path FROM orgs WHERE id = ?", cityId));
    core::Principal officer;
    officer.userId = c.scalar(Query("SELECT id FROM users WHERE account = 'xy_jb'"));
    officer.account = "xy_jb";
    officer.name = "王建国";
    officer.orgId = cityId;
    officer.orgPath = org->str("path");
    officer.scope.subtreePaths.insert(officer.orgPath);
    const core::Actor actor{officer, "127.0.0.1", "seed"};

    std::vector<long long> waiting;
    for (const auto& r : c.query(Query("SELECT id FROM exam_registrations WHERE status = 'pending_exam' AND city_code = '610400' "
                                       "AND exam_id IS NULL ORDER BY id")))
      waiting.push_back(r.i64("id"));

    const long long now = core::nowMs();
    const std::vector<DemoExam> exams = {
        {"2026年第一期保安员资格考试(咸阳)", "theory", "咸阳市公安局培训中心", -150, 6, {{0, 1, "第一考场", 30}}},
        {"2026年第二期保安员资格考试(咸阳)", "theory_skills", "咸阳职业技术学院实训楼", -45, 5,
         {{0, 1, "第一考场", 3}, {0, 2, "第二考场", 30}}},
        {"2027年第一期保安员资格考试(咸阳)", "theory", "咸阳市公安局培训中心", 20, 6, {{0, 1, "第一考场", 4}, {0, 2, "第二考场", 30}}},
    };
    std::size_t next = 0;
    long long made = 0;
    for (const auto& d : exams) {
      exam::ExamRow e;
      e.name = d.name;
      e.kind = d.kind;
      e.place = d.place;
      e.startAt = dayAt(now, d.days, 9);
      e.endAt = e.startAt + 2 * 3600 * 1000LL;
      e.passTheory = 60;
      if (e.kind == "theory_skills") e.passSkills = 60;
      e.cityCode = "610400";
      e.orgId = cityId;
      e.orgPath = officer.orgPath;
      e.createdBy = officer.userId;
      e.createdAt = e.updatedAt = std::min(now, e.startAt - 30 * kDay);
      e.id = service.insertExam(c, e, d.rooms);
      ++made;
      const std::size_t take = std::min(d.people, waiting.size() - next);
      if (take == 0) continue;
      const std::vector<long long> ids(waiting.begin() + static_cast<long>(next), waiting.begin() + static_cast<long>(next + take));
      next += take;
      service.addInTx(c, actor, e, ids, e.createdAt);
      service.seatInTx(c, e, false, e.createdAt);
      if (d.days > 0) continue;
      // A past exam: its scores entered after the exam and announced.
      std::size_t i = 0;
      for (const auto& k : exam::ExamStore().candidates(c, e.id))
        service.scoreInTx(c, actor, e, k, demoScore(e, i++, d.days < -100), std::nullopt, e.endAt + kDay);
      service.notifyScoresInTx(c, actor, e, e.endAt + 3 * kDay);
    }
    return made;
  });
}

}  // namespace baoan::app
