// 录入成绩 (§6.2.5): one by one or from the template, 通知成绩, and the changes after it (exam_service.h).
#include <map>

#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "io/import_table.h"
#include "io/xlsx_reader.h"
#include "modules/audit/audit_log.h"
#include "modules/exam/exam_rules.h"
#include "modules/exam/exam_service.h"
#include "modules/exam/registration_status.h"

namespace baoan::exam {

using nlohmann::json;

namespace {
constexpr std::size_t kMaxImportRows = 20000;

const std::vector<io::ImportColumn>& scoreColumns() {
  static const std::vector<io::ImportColumn> cols = {{"ticketNo", "准考证号", true, true},
                                                     {"name", "姓名", false, false},
                                                     {"theory", "理论成绩", false, false},
                                                     {"skills", "技能成绩", false, false},
                                                     {"absent", "缺考", false, false}};
  return cols;
}

std::optional<int> scoreField(const json& body, const char* key, const char* label, FieldErrors& e) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  const auto& v = body[key];
  if (v.is_number_integer()) {
    const long long n = v.get<long long>();
    if (n < 0 || n > 100) e.add(key, std::string(label) + "应为 0 到 100 之间的整数");
    return static_cast<int>(std::clamp<long long>(n, -1, 101));
  }
  if (v.is_number()) e.add(key, std::string(label) + "应为 0 到 100 之间的整数");
  else e.addTypeError(key, std::string(label) + "应为数字");
  return std::nullopt;
}

PassRule ruleOf(const ExamRow& e) { return {e.passTheory, e.kind == "theory_skills" ? e.passSkills.value_or(60) : std::optional<int>()}; }

std::string scoreText(const ScoreEntry& s) {
  if (s.absent) return "缺考";
  std::string t = "理论 " + std::to_string(s.theory.value_or(0));
  if (s.skills) t += ",技能 " + std::to_string(*s.skills);
  return t + "," + resultName(s.result);
}

std::string byName(const core::Principal& p) { return p.name.empty() ? (p.account.empty() ? "系统" : p.account) : p.name; }
}  // namespace

void ExamService::scoreInTx(db::Conn& c, const core::Actor& a, const ExamRow& e, const CandidateRow& k, const ScoreEntry& s,
                            const std::optional<std::string>& reason, long long now) {
  const bool afterNotice = e.scoresNotifiedAt.has_value();
  store_.setScore(c, k.id, s, now, a.who.userId);
  store_.addHistory(c, e.id, {k.registrationId, s.theory, s.skills, s.absent, s.result, reason, afterNotice, byName(a.who), now});
  if (!afterNotice) return;
  // Announced already: the registration follows the new result, and the candidate hears of it.
  const std::string to = s.result == "passed" ? "passed" : "failed";
  if (to != k.registrationStatus) {
    if (!moveRegistration(c, k.registrationId, {"passed", "failed"}, to, now))
      throw conflict("该考生的报名已进入「" + registrationStatusName(k.registrationStatus) + "」,不能再改变考试结论");
    if (to == "passed" && onScoresNotified) onScoresNotified(c, a, {k.registrationId});
  }
  sendToCandidate(c, k, "exam_result", "成绩更正",
                  k.name + "您好,您参加的保安员资格考试「" + e.name + "」成绩已更正:" + scoreText(s) + "。更正原因:" + reason.value_or(""),
                  now);
  store_.markScoresNotified(c, e.id, k.id, now);
}

json ExamService::setScore(const core::Actor& a, long long id, long long registrationId, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    const ExamRow e = load(c, a.who, id);  // outside the caller's scope: 404 whatever the body
    auto k = store_.candidate(c, id, registrationId);
    if (!k) throw notFound("该考生不在本场考试中");
    if (!body.is_object()) throw badRequest("请求体应为 JSON 对象");
    FieldErrors fe;
    ScoreInput in;
    in.theory = scoreField(body, "theory", "理论成绩", fe);
    in.skills = scoreField(body, "skills", "技能成绩", fe);
    if (body.contains("absent") && !body["absent"].is_null()) {
      if (!body["absent"].is_boolean()) fe.addTypeError("absent", "缺考应为 true 或 false");
      else in.absent = body["absent"].get<bool>();
    }
    core::Form f(body, fe);
    const auto reason = f.optionalText("reason", "修改原因", 500, true);
    if (!fe.malformed()) checkScoreInput(in, e.kind == "theory_skills", fe);
    if (e.scoresNotifiedAt && (!reason || reason->empty()) && !fe.has("reason")) fe.add("reason", "成绩已通知,修改成绩须填写修改原因");
    fe.throwIfAny();
    const long long now = core::nowMs();
    if (now < e.startAt) throw conflict("考试尚未开始,不能录入成绩");
    const ScoreEntry s{in.theory, in.skills, in.absent, decideResult(ruleOf(e), in.theory, in.skills, in.absent)};
    scoreInTx(c, a, e, *k, s, reason, now);
    audit::record(c, a, "update", "exam", std::to_string(id),
                  (e.scoresNotifiedAt ? "修改成绩 " : "录入成绩 ") + k->name + ":" + scoreText(s) + (reason ? "(原因:" + *reason + ")" : ""));
    return candidateJson(*store_.candidate(c, id, registrationId));
  });
}

modules::ExportFile ExamService::scoreTemplate(const core::Actor& a, long long id) {
  const auto [e, people] = ctx_.db.read([&](db::Conn& c) {
    ExamRow e = load(c, a.who, id);
    return std::make_pair(e, store_.candidates(c, id));
  });
  using io::ColumnKind;
  const std::vector<modules::ExportColumn> columns = {{"ticketNo", "准考证号", ColumnKind::text, 20},
                                                      {"name", "姓名", ColumnKind::text, 12},
                                                      {"theory", "理论成绩", ColumnKind::integer, 10},
                                                      {"skills", "技能成绩", ColumnKind::integer, 10},
                                                      {"absent", "缺考", ColumnKind::text, 8}};
  auto file = modules::exportXlsx("成绩录入", columns, [&](const auto& sink) {
    for (const auto& k : people) {
      json row = {{"ticketNo", k.ticketNo.value_or("")}, {"name", k.name}, {"absent", k.absent ? "是" : ""}};
      if (k.theory) row["theory"] = *k.theory;
      if (k.skills) row["skills"] = *k.skills;
      sink(row);
    }
  });
  file.fileName = e.name + "_成绩录入模板.xlsx";
  return file;
}

ScoreImportResult ExamService::importScores(const core::Actor& a, long long id, const std::string& xlsx) {
  const auto [e, people] = ctx_.db.read([&](db::Conn& c) {
    ExamRow e = load(c, a.who, id);
    return std::make_pair(e, store_.candidates(c, id));
  });
  if (e.scoresNotifiedAt) throw conflict("成绩已通知,不能再批量导入;修改个别成绩请逐条修改并填写原因");
  const long long now = core::nowMs();
  if (now < e.startAt) throw conflict("考试尚未开始,不能录入成绩");
  const io::ReadSheet sheet = io::readUploadedSheet(xlsx, kMaxImportRows + 1);
  std::map<std::string, const CandidateRow*> byTicket;
  for (const auto& k : people)
    if (k.ticketNo) byTicket[*k.ticketNo] = &k;
  io::ImportTable table(scoreColumns());
  io::ImportErrors errors(table.columns());
  std::vector<std::pair<const CandidateRow*, ScoreEntry>> good;
  if (table.read(sheet, errors)) {
    std::map<std::string, int> seen;
    for (const auto& r : table.rows()) {
      FieldErrors fe;
      const CandidateRow* k = nullptr;
      const std::string& ticket = r.get("ticketNo");
      if (ticket.empty()) fe.add("ticketNo", "准考证号不能为空");
      else if (auto it = byTicket.find(ticket); it == byTicket.end()) fe.add("ticketNo", "准考证号不是本场考试的考生");
      else if (auto [s, fresh] = seen.emplace(ticket, r.row); !fresh) fe.add("ticketNo", "准考证号与第" + std::to_string(s->second) + "行重复");
      else k = it->second;
      if (k && !r.get("name").empty() && r.get("name") != k->name) fe.add("name", "姓名与准考证号不符(应为 " + k->name + ")");
      ScoreInput in;
      in.theory = parseScoreText(r.get("theory"), "theory", "理论成绩", fe);
      in.skills = parseScoreText(r.get("skills"), "skills", "技能成绩", fe);
      in.absent = parseAbsentText(r.get("absent"), fe);
      if (!fe.has("theory") && !fe.has("skills") && !fe.has("absent")) checkScoreInput(in, e.kind == "theory_skills", fe);
      errors.addFieldErrors(r.row, fe);
      if (fe.empty() && k) good.push_back({k, {in.theory, in.skills, in.absent, decideResult(ruleOf(e), in.theory, in.skills, in.absent)}});
    }
  }
  if (!errors.empty()) return {0, errors.toJson(1000), errors.size()};
  ctx_.db.write([&](db::Conn& c) {
    const ExamRow fresh = load(c, a.who, id);
    if (fresh.scoresNotifiedAt) throw conflict("成绩已通知,不能再批量导入");
    for (const auto& [k, s] : good) scoreInTx(c, a, fresh, *k, s, std::nullopt, now);
    audit::record(c, a, "import", "exam", std::to_string(id), "考试 " + e.name + " 导入成绩 " + std::to_string(good.size()) + " 人");
  });
  return {static_cast<long long>(good.size()), json::array(), 0};
}

void ExamService::notifyScoresInTx(db::Conn& c, const core::Actor& a, const ExamRow& e, long long now) {
  const auto people = store_.candidates(c, e.id);
  std::size_t missing = 0;
  for (const auto& k : people) missing += k.result ? 0 : 1;
  if (people.empty()) throw conflict("考试没有考生");
  if (missing) throw conflict("尚有 " + std::to_string(missing) + " 名考生未录入成绩,请录入后再通知成绩");
  std::vector<long long> passed;
  for (const auto& k : people) {
    const std::string to = *k.result == "passed" ? "passed" : "failed";
    if (!moveRegistration(c, k.registrationId, {"scheduled"}, to, now))
      throw conflict("考生 " + k.name + " 的报名状态为「" + registrationStatusName(k.registrationStatus) + "」,不能通知成绩");
    if (to == "passed") passed.push_back(k.registrationId);
    const ScoreEntry s{k.theory, k.skills, k.absent, *k.result};
    sendToCandidate(c, k, "exam_result", "考试成绩",
                    k.name + "您好,您参加的保安员资格考试「" + e.name + "」成绩:" + scoreText(s) +
                        (to == "passed" ? "。合格人员的保安员证将在审批后制发。" : "。可重新报名参加补考。"),
                    now);
  }
  store_.markScoresNotified(c, e.id, now);
  store_.markAllScoresNotified(c, e.id, now);
  if (onScoresNotified && !passed.empty()) onScoresNotified(c, a, passed);
}

json ExamService::notifyScores(const core::Actor& a, long long id) {
  return ctx_.db.write([&](db::Conn& c) {
    const ExamRow e = load(c, a.who, id);
    if (e.scoresNotifiedAt) throw conflict("成绩已通知,不能重复通知;成绩更正会单独通知考生");
    const long long now = core::nowMs();
    notifyScoresInTx(c, a, e, now);
    audit::record(c, a, "update", "exam", std::to_string(id), "考试 " + e.name + " 通知成绩");
    return detail(c, *store_.find(c, id));
  });
}

}  // namespace baoan::exam
