// 考试安排: the exams, their people and rooms, 考场编排 and 考试通知 (exam_service.h).
#include "modules/exam/exam_service.h"

#include <map>
#include <set>

#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "modules/exam/exam_rules.h"
#include "modules/exam/registration_status.h"
#include "modules/number_sequence.h"

namespace baoan::exam {

using nlohmann::json;

namespace {
constexpr const char* kNotFound = "考试不存在";
constexpr std::size_t kMaxRooms = 500;
constexpr int kMaxSeats = 2000;
constexpr std::size_t kMaxAdd = 20000;

// What the create and update forms give.
struct ExamForm {
  std::string name, kind, place;
  long long startAt = 0, endAt = 0;
  int passTheory = 60;
  std::optional<int> passSkills;
  std::vector<RoomRow> rooms;
};

std::optional<int> intField(const json& body, const char* key, const char* label, FieldErrors& e) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  const auto& v = body[key];
  if (!v.is_number_integer()) {
    if (v.is_number()) e.add(key, std::string(label) + "应为整数");
    else e.addTypeError(key, std::string(label) + "应为数字");
    return std::nullopt;
  }
  return static_cast<int>(std::clamp<long long>(v.get<long long>(), -1, 100000));
}

long long timeField(core::Form& f, const char* key, const char* label) {
  const std::string text = f.text(key, label, {.required = true, .maxLength = 40});
  if (text.empty()) return 0;
  auto t = core::parseTime(text);
  if (!t) f.errors().add(key, std::string(label) + "格式错误,应为 ISO 8601 时间,如 2026-12-20T09:00:00+08:00");
  return t.value_or(0);
}

void readRooms(const json& body, FieldErrors& e, ExamForm& out) {
  if (!body.contains("rooms") || !body["rooms"].is_array()) {
    if (body.contains("rooms") && !body["rooms"].is_null()) e.addTypeError("rooms", "考场应为数组");
    else e.add("rooms", "考场不能为空");
    return;
  }
  const auto& rooms = body["rooms"];
  if (rooms.empty()) e.add("rooms", "至少需要一个考场");
  if (rooms.size() > kMaxRooms) e.add("rooms", "考场不能超过 " + std::to_string(kMaxRooms) + " 个");
  std::set<std::string> names;
  int position = 0;
  for (const auto& r : rooms) {
    ++position;
    const std::string at = "rooms[" + std::to_string(position - 1) + "]";
    const std::string label = "第" + std::to_string(position) + "个考场";
    if (!r.is_object()) {
      e.addTypeError(at, label + "应为对象");
      continue;
    }
    FieldErrors re;
    core::Form f(r, re);
    const std::string name = f.text("name", label + "名称", {.required = true, .maxLength = 50});
    const auto seats = intField(r, "seats", (label + "座位数").c_str(), re);
    if (!re.has("seats") && (!seats || *seats < 1 || *seats > kMaxSeats))
      re.add("seats", label + "座位数应为 1 到 " + std::to_string(kMaxSeats) + " 之间的整数");
    if (!name.empty() && !names.insert(name).second) re.add("name", label + "名称「" + name + "」重复");
    for (const auto& [k, m] : re.all()) {
      if (re.malformed()) e.addTypeError(at + "." + k, m);
      else e.add(at + "." + k, m);
    }
    if (re.empty()) out.rooms.push_back({0, position, name, *seats});
  }
}

ExamForm readExamForm(const json& body) {
  if (!body.is_object()) throw badRequest("请求体应为 JSON 对象");
  FieldErrors e;
  core::Form f(body, e);
  ExamForm out;
  out.name = f.text("name", "考试名称", {.required = true, .maxLength = 100});
  out.kind = f.text("kind", "考试类型", {.required = true, .maxLength = 20});
  if (!out.kind.empty() && out.kind != "theory" && out.kind != "theory_skills")
    e.add("kind", "考试类型只能是 theory(理论)或 theory_skills(理论+技能)");
  out.place = f.text("place", "考试地点", {.required = true, .maxLength = 200});
  out.startAt = timeField(f, "startAt", "开始时间");
  out.endAt = timeField(f, "endAt", "结束时间");
  if (out.startAt && out.endAt && out.endAt <= out.startAt) e.add("endAt", "结束时间应晚于开始时间");
  if (out.startAt && !e.has("startAt") && out.startAt <= core::nowMs()) e.add("startAt", "开始时间应晚于当前时间");
  const auto theory = intField(body, "passTheory", "理论合格分", e);
  const auto skills = intField(body, "passSkills", "技能合格分", e);
  out.passTheory = theory.value_or(60);
  if (out.passTheory < 0 || out.passTheory > 100) e.add("passTheory", "理论合格分应为 0 到 100 之间的整数");
  if (out.kind == "theory_skills") {
    out.passSkills = skills.value_or(60);
    if (*out.passSkills < 0 || *out.passSkills > 100) e.add("passSkills", "技能合格分应为 0 到 100 之间的整数");
  } else if (skills && out.kind == "theory") {
    e.add("passSkills", "理论考试不设技能合格分");
  }
  readRooms(body, e, out);
  e.throwIfAny();
  return out;
}

json roomsJson(const std::vector<RoomRow>& rooms, const std::vector<CandidateRow>& people) {
  std::map<long long, int> used;
  for (const auto& k : people)
    if (k.roomId) ++used[*k.roomId];
  json out = json::array();
  for (const auto& m : rooms)
    out.push_back({{"id", m.id}, {"position", m.position}, {"name", m.name}, {"seats", m.seats}, {"used", used[m.id]}});
  return out;
}

json examJson(const ExamRow& e, long long now) {
  const std::string status = examStatus(e.startAt, e.endAt, now);
  return {{"id", e.id},
          {"name", e.name},
          {"kind", e.kind},
          {"kindName", examKindName(e.kind)},
          {"place", e.place},
          {"startAt", core::toIso(e.startAt)},
          {"endAt", core::toIso(e.endAt)},
          {"passTheory", e.passTheory},
          {"passSkills", e.passSkills ? json(*e.passSkills) : json(nullptr)},
          {"status", status},
          {"statusName", examStatusName(status)},
          {"cityCode", e.cityCode},
          {"orgId", e.orgId},
          {"orgName", e.orgName},
          {"candidateCount", e.candidates},
          {"seated", e.seatedAt.has_value()},
          {"notifiedAt", modules::isoOrNull(e.notifiedAt)},
          {"notifyCount", e.notifyCount},
          {"scoresNotifiedAt", modules::isoOrNull(e.scoresNotifiedAt)},
          {"createdAt", core::toIso(e.createdAt)},
          {"updatedAt", core::toIso(e.updatedAt)}};
}

std::optional<long long> dayStartOf(const std::string& ymd, const char* field, const char* label) {
  if (ymd.empty()) return std::nullopt;
  if (!core::isValidDate(ymd)) throw invalidField(field, std::string(label) + "格式错误,应为 YYYY-MM-DD");
  return core::parseTime(ymd);
}

std::string timeText(long long ms) {
  const std::string iso = core::toIso(ms);  // China time (+08:00), as printed
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}
}  // namespace

json candidateJson(const CandidateRow& k) {
  return {{"registrationId", k.registrationId},
          {"name", k.name},
          {"idNo", core::maskIdNumber(k.idNo)},
          {"gender", k.gender},
          {"mobile", core::maskMobile(k.mobile)},
          {"hasPhoto", !k.photoFileId.empty()},
          {"registrationStatus", k.registrationStatus},
          {"registrationStatusName", registrationStatusName(k.registrationStatus)},
          {"ticketNo", modules::textOrNull(k.ticketNo)},
          {"roomId", k.roomId ? json(*k.roomId) : json(nullptr)},
          {"roomName", k.roomId ? json(k.roomName) : json(nullptr)},
          {"seat", k.seat ? json(*k.seat) : json(nullptr)},
          {"theory", k.theory ? json(*k.theory) : json(nullptr)},
          {"skills", k.skills ? json(*k.skills) : json(nullptr)},
          {"absent", k.absent},
          {"result", modules::textOrNull(k.result)},
          {"resultName", k.result ? json(resultName(*k.result)) : json(nullptr)},
          {"notified", k.notifiedAt.has_value()},
          {"scoreNotified", k.scoreNotifiedAt.has_value()}};
}

ExamService::ExamService(app::Context& ctx, files::FileService* files) : ctx_(ctx), files_(files) {}

ExamRow ExamService::load(db::Conn& c, const core::Principal& p, long long id) const {
  if (!store_.visible(c, p.scope, id)) throw notFound(kNotFound);
  auto e = store_.find(c, id);
  if (!e) throw notFound(kNotFound);
  return *e;
}

json ExamService::detail(db::Conn& c, const ExamRow& e) const {
  const long long now = core::nowMs();
  json j = examJson(e, now);
  const auto people = store_.candidates(c, e.id);
  j["rooms"] = roomsJson(store_.rooms(c, e.id), people);
  json items = json::array();
  std::map<std::string, int> counts;
  for (const auto& k : people) {
    items.push_back(candidateJson(k));
    if (k.result) ++counts[*k.result];
  }
  j["candidates"] = std::move(items);
  j["results"] = {{"passed", counts["passed"]}, {"failed", counts["failed"]}, {"absent", counts["absent"]}};
  json changes = json::array();
  for (const auto& h : store_.history(c, e.id)) {
    if (!h.afterNotice) continue;
    changes.push_back({{"registrationId", h.registrationId},
                       {"theory", h.theory ? json(*h.theory) : json(nullptr)},
                       {"skills", h.skills ? json(*h.skills) : json(nullptr)},
                       {"absent", h.absent},
                       {"result", h.result},
                       {"reason", modules::textOrNull(h.reason)},
                       {"byName", h.byName},
                       {"at", core::toIso(h.at)}});
  }
  j["scoreChanges"] = std::move(changes);
  return j;
}

json ExamService::list(const core::Principal& p, const ExamQuery& q, const core::PageRequest& page) {
  if (!q.status.empty() && !isExamStatus(q.status)) throw invalidField("status", "状态只能是 not_started、in_progress 或 finished");
  ExamFilter f;
  f.scope = &p.scope;
  f.name = q.name;
  f.status = q.status;
  f.from = dayStartOf(q.from, "from", "开始日期(起)");
  if (auto to = dayStartOf(q.to, "to", "开始日期(止)")) f.to = *to + 24 * 3600 * 1000LL - 1;
  f.now = core::nowMs();
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, f, page);
    json items = json::array();
    for (const auto& e : rows) items.push_back(examJson(e, f.now));
    return modules::pageJson(std::move(items), total, page);
  });
}

json ExamService::get(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) { return detail(c, load(c, p, id)); });
}

long long ExamService::insertExam(db::Conn& c, const ExamRow& e, const std::vector<RoomRow>& rooms) {
  const long long id = store_.insert(c, e);
  store_.replaceRooms(c, id, rooms);
  return id;
}

json ExamService::create(const core::Actor& a, const json& body) {
  const ExamForm form = readExamForm(body);
  return ctx_.db.write([&](db::Conn& c) {
    // The exam belongs to the caller's bureau (市局, 分局 or 县局) and its city.
    auto org = store_.org(c, a.who.orgId);
    while (org && org->type != "city_bureau" && org->type != "district_bureau" && org->type != "county_bureau" && org->parentId)
      org = store_.org(c, *org->parentId);
    if (!org || org->regionCode.size() != 6 || org->regionCode.compare(2, 4, "0000") == 0)
      throw conflict("考试由设区市或县级公安机关安排,当前账号所在机构不能新增考试");
    const long long now = core::nowMs();
    ExamRow e;
    e.name = form.name;
    e.kind = form.kind;
    e.place = form.place;
    e.startAt = form.startAt;
    e.endAt = form.endAt;
    e.passTheory = form.passTheory;
    e.passSkills = form.passSkills;
    e.cityCode = org->regionCode.substr(0, 4) + "00";
    e.orgId = org->id;
    e.orgPath = org->path;
    e.createdBy = a.who.userId;
    e.createdAt = e.updatedAt = now;
    const long long id = insertExam(c, e, form.rooms);
    audit::record(c, a, "create", "exam", std::to_string(id), "新增考试 " + e.name);
    return detail(c, *store_.find(c, id));
  });
}

json ExamService::update(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    ExamRow e = load(c, a.who, id);
    const ExamForm form = readExamForm(body);
    if (e.candidates > 0) throw conflict("考试已添加 " + std::to_string(e.candidates) + " 名考生,不能修改;请先移出全部考生");
    e.name = form.name;
    e.kind = form.kind;
    e.place = form.place;
    e.startAt = form.startAt;
    e.endAt = form.endAt;
    e.passTheory = form.passTheory;
    e.passSkills = form.passSkills;
    e.updatedAt = core::nowMs();
    store_.update(c, e);
    store_.replaceRooms(c, id, form.rooms);
    audit::record(c, a, "update", "exam", std::to_string(id), "修改考试 " + e.name);
    return detail(c, *store_.find(c, id));
  });
}

void ExamService::remove(const core::Actor& a, long long id) {
  ctx_.db.write([&](db::Conn& c) {
    const ExamRow e = load(c, a.who, id);
    if (e.candidates > 0) throw conflict("考试已添加 " + std::to_string(e.candidates) + " 名考生,不能删除;请先移出全部考生");
    store_.remove(c, id);
    audit::record(c, a, "delete", "exam", std::to_string(id), "删除考试 " + e.name);
  });
}

// ------------------------------------------------------------------------------------------ 添加人员

json ExamService::addable(const core::Principal& p, long long id, const AddableQuery& q, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    const ExamRow e = load(c, p, id);
    AddableFilter f;
    f.scope = &p.scope;
    f.cityCode = e.cityCode;
    f.name = q.name;
    f.idNo = q.idNo;
    auto [rows, total] = store_.addable(c, f, page);
    json items = json::array();
    for (const auto& r : rows)
      items.push_back({{"registrationId", r.id},
                       {"name", r.name},
                       {"idNo", core::maskIdNumber(r.idNo)},
                       {"gender", r.gender},
                       {"mobile", core::maskMobile(r.mobile)},
                       {"attempt", r.attempt},
                       {"status", r.status},
                       {"statusName", registrationStatusName(r.status)},
                       {"createdAt", core::toIso(r.createdAt)}});
    return modules::pageJson(std::move(items), total, page);
  });
}

void ExamService::addInTx(db::Conn& c, const core::Actor& a, const ExamRow& e, const std::vector<long long>& ids, long long now) {
  // Every refusal is collected, so that the officer sees all of them at once; nothing is written then.
  std::map<long long, std::string> why;
  std::map<long long, AddableRegistration> found;
  for (auto& r : store_.registrations(c, ids, a.who.scope)) found.emplace(r.id, std::move(r));
  std::set<long long> seen;
  for (long long id : ids) {
    auto it = found.find(id);
    if (!seen.insert(id).second) why[id] = "重复";
    else if (it == found.end()) why[id] = "报名记录不存在";
    else if (it->second.examId) why[id] = it->second.examId == e.id ? "已在本场考试中" : "已安排在其他考试中";
    else if (it->second.status != "pending_exam")
      why[id] = "状态为「" + registrationStatusName(it->second.status) + "」,只有待安排考试的报名可以添加";
    else if (it->second.cityCode != e.cityCode) why[id] = "不是本市的报名";
  }
  if (!why.empty()) {
    std::map<std::string, std::string> fields;
    std::string listed;
    for (const auto& [id, reason] : why) {
      fields["registrationIds." + std::to_string(id)] = reason;
      if (listed.size() >= 600) continue;
      if (!listed.empty()) listed.append(";");
      listed.append(std::to_string(id)).append("(").append(reason).append(")");
    }
    throw AppError(422, "validation_failed", "以下报名不能添加,本次未添加任何人员:" + listed, fields);
  }
  for (long long id : ids)
    if (!moveRegistration(c, id, {"pending_exam"}, "scheduled", now)) throw conflict("报名状态已变化,请刷新后重试");
  store_.addCandidates(c, e.id, ids, now);
  store_.setRegistrationExam(c, ids, e.id);
}

json ExamService::addCandidates(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    const ExamRow e = load(c, a.who, id);  // outside the caller's scope: 404 whatever the body
    if (!body.is_object()) throw badRequest("请求体应为 JSON 对象");
    FieldErrors fe;
    core::Form f(body, fe);
    const auto ids = f.ids("registrationIds", "报名记录");
    if (!fe.has("registrationIds") && ids.empty()) fe.add("registrationIds", "请选择要添加的人员");
    if (ids.size() > kMaxAdd) fe.add("registrationIds", "一次最多添加 " + std::to_string(kMaxAdd) + " 人");
    fe.throwIfAny();
    const long long now = core::nowMs();
    if (now >= e.startAt) throw conflict("考试已开始,不能再添加人员");
    addInTx(c, a, e, ids, now);
    audit::record(c, a, "update", "exam", std::to_string(id), "考试 " + e.name + " 添加人员 " + std::to_string(ids.size()) + " 人");
    return json{{"added", ids.size()}, {"candidateCount", store_.candidateCount(c, id)}};
  });
}

void ExamService::removeCandidate(const core::Actor& a, long long id, long long registrationId) {
  ctx_.db.write([&](db::Conn& c) {
    const ExamRow e = load(c, a.who, id);
    auto k = store_.candidate(c, id, registrationId);
    if (!k) throw notFound("该考生不在本场考试中");
    const long long now = core::nowMs();
    if (now >= e.startAt) throw conflict("考试已开始,不能移出考生");
    if (!moveRegistration(c, registrationId, {"scheduled"}, "pending_exam", now)) throw conflict("报名状态已变化,请刷新后重试");
    store_.removeCandidate(c, id, registrationId);
    store_.setRegistrationExam(c, {registrationId}, std::nullopt);
    audit::record(c, a, "update", "exam", std::to_string(id), "考试 " + e.name + " 移出考生 " + k->name);
  });
}

// ------------------------------------------------------------------------------------------ 考场编排

void ExamService::seatInTx(db::Conn& c, const ExamRow& e, bool random, long long now) {
  const auto people = store_.candidates(c, e.id);
  if (people.empty()) throw conflict("考试还没有考生,请先添加人员");
  std::vector<SeatCandidate> in;
  in.reserve(people.size());
  for (const auto& k : people) in.push_back({k.id, k.idNo});
  std::vector<SeatRoomCapacity> rooms;
  for (const auto& m : store_.rooms(c, e.id)) rooms.push_back({m.id, m.seats});
  const auto places = assignSeats(std::move(in), rooms, random, static_cast<std::uint64_t>(now) ^ static_cast<std::uint64_t>(e.id));
  int serial = e.serial.value_or(0);
  const int year = std::stoi(core::toChinaDate(e.startAt).substr(0, 4));
  if (!serial) {
    serial = static_cast<int>(modules::nextInSequence(c, "EXAM" + e.cityCode.substr(0, 4), year));
    if (serial > 999) throw conflict("本市本年度考试场次已超过 999 场");
    store_.setSerial(c, e.id, serial);
  }
  std::vector<SeatAssignment> seats;
  seats.reserve(places.size());
  for (const auto& p : places) seats.push_back({p.candidateId, p.roomId, p.seat, ticketNumber(year, e.cityCode, serial, p.sequence)});
  store_.assignSeats(c, e.id, seats);
  store_.markSeated(c, e.id, now);
}

json ExamService::seat(const core::Actor& a, long long id, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    const ExamRow e = load(c, a.who, id);  // outside the caller's scope: 404 whatever the body
    if (!body.is_null() && !body.is_object()) throw badRequest("请求体应为 JSON 对象");
    std::string order = "id";
    if (body.is_object() && body.contains("order") && !body["order"].is_null())
      order = body["order"].is_string() ? body["order"].get<std::string>() : "?";
    if (order != "id" && order != "random") throw invalidField("order", "编排方式只能是 id(按身份证号)或 random(随机)");
    const long long now = core::nowMs();
    if (now >= e.startAt) throw conflict("考试已开始,不能重新编排考场");
    const bool confirm = body.is_object() && body.value("confirm", json(false)).is_boolean() && body.value("confirm", false);
    if (e.notifiedAt && !confirm)
      throw conflict("考试通知已发送,重新编排会改变考生的考场、座位和准考证号;确认重新编排请传 confirm: true,并重新发送考试通知");
    seatInTx(c, e, order == "random", now);
    audit::record(c, a, "update", "exam", std::to_string(id),
                  "考试 " + e.name + " 考场编排(" + (order == "random" ? "随机" : "按身份证号") + ")");
    return detail(c, *store_.find(c, id));
  });
}

json ExamService::moveSeat(const core::Actor& a, long long id, long long registrationId, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    const ExamRow e = load(c, a.who, id);  // outside the caller's scope: 404 whatever the body
    auto k = store_.candidate(c, id, registrationId);
    if (!k) throw notFound("该考生不在本场考试中");
    if (!body.is_object()) throw badRequest("请求体应为 JSON 对象");
    FieldErrors fe;
    core::Form f(body, fe);
    const auto roomId = f.id("roomId", "考场", true);
    const auto seatNo = intField(body, "seat", "座位号", fe);
    if (!fe.has("seat") && !seatNo) fe.add("seat", "座位号不能为空");
    fe.throwIfAny();
    if (!k->ticketNo) throw conflict("请先进行考场编排");
    if (core::nowMs() >= e.startAt) throw conflict("考试已开始,不能调整座位");
    const auto rooms = store_.rooms(c, id);
    const auto room = std::find_if(rooms.begin(), rooms.end(), [&](const RoomRow& m) { return m.id == *roomId; });
    if (room == rooms.end()) throw invalidField("roomId", "考场不属于本场考试");
    if (*seatNo < 1 || *seatNo > room->seats)
      throw invalidField("seat", "座位号应为 1 到 " + std::to_string(room->seats) + " 之间的整数");
    if (k->roomId == *roomId && k->seat == *seatNo) return detail(c, e);
    if (store_.seatTaken(c, *roomId, *seatNo)) throw conflict(room->name + "的 " + std::to_string(*seatNo) + " 号座位已有考生");
    store_.moveSeat(c, k->id, *roomId, *seatNo);
    audit::record(c, a, "update", "exam", std::to_string(id),
                  "考试 " + e.name + " 调整座位:" + k->name + " → " + room->name + " " + std::to_string(*seatNo) + " 号");
    return detail(c, e);
  });
}

// ------------------------------------------------------------------------------------------ 考试通知

void ExamService::sendToCandidate(db::Conn& c, const CandidateRow& k, const std::string& purpose, const std::string& title,
                                  const std::string& body, long long now) {
  // The in-app notice goes to the person's portal account, or else to the unit that registered them.
  std::optional<long long> user = k.personUserId;
  if (!user && k.registeredByKind != "officer") user = k.registeredByUserId;
  if (user) store_.message(c, *user, title, body, now);
  if (!k.mobile.empty())
    ctx_.sms.send(c, {k.mobile, purpose, "【保安服务监管信息系统】" + body, user, k.orgPath, {{"name", k.name}}});
}

json ExamService::notify(const core::Actor& a, long long id, const json& body) {
  const bool confirm = body.is_object() && body.contains("confirm") && body["confirm"].is_boolean() && body["confirm"].get<bool>();
  return ctx_.db.write([&](db::Conn& c) {
    const ExamRow e = load(c, a.who, id);
    const long long now = core::nowMs();
    if (e.notifiedAt && !confirm)
      throw conflict("考试通知已于 " + timeText(*e.notifiedAt) + " 发送;再次发送请确认(confirm: true)");
    if (now >= e.endAt) throw conflict("考试已结束,不能发送考试通知");
    const auto people = store_.candidates(c, id);
    if (people.empty()) throw conflict("考试还没有考生,请先添加人员");
    std::size_t unseated = 0;
    for (const auto& k : people) unseated += k.ticketNo ? 0 : 1;
    if (unseated) throw conflict("尚有 " + std::to_string(unseated) + " 名考生未编排考场,请先进行考场编排");
    for (const auto& k : people)
      sendToCandidate(c, k, "exam_notice", "考试通知",
                      k.name + "您好,您报名的保安员资格考试「" + e.name + "」定于 " + timeText(e.startAt) + " 在" + e.place + "举行,考场:" +
                          k.roomName + ",座位:" + std::to_string(k.seat.value_or(0)) + " 号,准考证号:" + k.ticketNo.value_or("") +
                          "。请携带本人身份证和准考证提前 30 分钟到达考场。",
                      now);
    store_.markNotified(c, id, now);
    store_.markCandidatesNotified(c, id, now);
    audit::record(c, a, "update", "exam", std::to_string(id), "考试 " + e.name + " 发送考试通知 " + std::to_string(people.size()) + " 人");
    return json{{"sent", people.size()}, {"notifiedAt", core::toIso(now)}, {"notifyCount", e.notifyCount + 1}};
  });
}

}  // namespace baoan::exam
