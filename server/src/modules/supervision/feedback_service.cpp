#include "modules/supervision/feedback_service.h"

#include <algorithm>

#include "core/clock.h"
#include "core/error.h"
#include "core/regions.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "modules/supervision/feedback_rules.h"
#include "modules/supervision/inspection_rules.h"
#include "modules/system/org_service.h"

namespace baoan::supervision {

using nlohmann::json;

namespace {
constexpr long long kCodeIntervalMs = 60 * 1000;
constexpr long long kCodeTtlMs = 5 * 60 * 1000;
constexpr const char* kOwnerKind = "citizen_feedback";
const char* kNotFound = "未找到该查询码对应的投诉建议(请核对查询码和手机号)";

std::string codeHash(const std::string& mobile, const std::string& code) { return crypto::sha256Hex("feedback:" + mobile + ":" + code); }

std::string readMobile(core::Form& form) {
  const std::string raw = form.text("mobile", "手机号", {true, 20});
  std::string bare;
  if (!raw.empty() && !form.errors().has("mobile"))
    if (auto e = core::normalizeMobile(raw, bare)) form.errors().add("mobile", "手机号" + *e);
  return bare;
}

// The citizen of the public page: no account (user id 0), no org.
const core::Principal& citizen() {
  static const core::Principal p = [] {
    core::Principal c;
    c.userId = 0;
    c.account = "public";
    c.name = "市民(公开页面)";
    c.kind = "citizen";
    return c;
  }();
  return p;
}

json feedbackNullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

void limit(auth::RateLimiter& l, const std::string& key) {
  if (!l.allow(key, core::nowMs())) throw rateLimited("请求过于频繁,请一分钟后再试");
}
}  // namespace

FeedbackService::FeedbackService(app::Context& ctx, calendar::CalendarService& calendar, files::FileService& files)
    : ctx_(ctx),
      calendar_(calendar),
      files_(files),
      writesPerAddress_(kPerAddressPerMinute),
      readsPerAddress_(kReadsPerAddressPerMinute),
      perMobile_(kPerMobilePerMinute) {}

void FeedbackService::sendCode(const std::string& ip, const json& body) {
  limit(writesPerAddress_, ip);
  FieldErrors errors;
  core::Form form(body, errors);
  const std::string mobile = readMobile(form);
  errors.throwIfAny();
  limit(perMobile_, mobile);
  const std::string code = crypto::randomDigits(6);
  ctx_.db.write([&](db::Conn& c) {
    const long long now = core::nowMs();
    auto last = store_.lastCodeAt(c, mobile);
    if (last && now - *last < kCodeIntervalMs) throw rateLimited("验证码已发送,请60秒后再试");
    store_.storeCode(c, mobile, codeHash(mobile, code), now, now + kCodeTtlMs);
    ctx_.sms.send(c, {mobile, "verification_code",
                      "【保安服务监管信息系统】您的验证码为" + code + ",5分钟内有效,用于提交市民投诉建议。如非本人操作,请忽略。",
                      std::nullopt, "", {{"code", code}}});
  });
}

json FeedbackService::submit(const std::string& ip, const json& body) {
  limit(writesPerAddress_, ip);
  FieldErrors errors;
  core::Form form(body, errors);
  // The mobile's allowance first: a stream of guesses for one mobile stops here, valid or not.
  if (body.is_object() && body.contains("mobile") && body.at("mobile").is_string()) {
    std::string bare;
    if (!core::normalizeMobile(body.at("mobile").get<std::string>(), bare)) limit(perMobile_, bare);
  }
  NewFeedback f;
  f.type = form.text("type", "类型", {true, 20});
  if (!f.type.empty() && typeName(f.type).empty()) errors.add("type", "类型只能是 complaint(投诉)、suggestion(建议)或 inquiry(咨询)");
  f.companyId = form.id("companyId", "涉及公司", false);
  f.guardName = form.optionalText("guardName", "涉及保安员", 20);
  f.content = form.text("content", "内容", {true, 2000, true});
  f.regionCode = form.text("regionCode", "所在区域", {true, 12});
  std::vector<RouteStep> route;
  if (!f.regionCode.empty() && !errors.has("regionCode")) {
    route = receivingBureaus(f.regionCode);
    if (route.empty() || !core::RegionTable::instance().find(f.regionCode))
      errors.add("regionCode", "所在区域应为市或县级行政区划代码");
  }
  f.name = form.optionalText("name", "姓名", 20);
  f.mobile = readMobile(form);
  const std::string smsCode = form.text("smsCode", "短信验证码", {true, 6});
  const std::vector<std::string> fileIds = form.strings("fileIds", "照片");
  if (fileIds.size() > static_cast<std::size_t>(kMaxPhotos)) errors.add("fileIds", "照片最多 " + std::to_string(kMaxPhotos) + " 张");
  errors.throwIfAny();
  // A wrong code counts against the code's five guesses in a transaction of its own (the refusal
  // rolls the submission back, the count must stay).
  const std::string given = codeHash(f.mobile, smsCode);
  const bool codeOk = ctx_.db.write([&](db::Conn& c) { return store_.checkCode(c, f.mobile, given, core::nowMs()); });
  if (!codeOk) throw invalidField("smsCode", "短信验证码错误或已过期");
  return ctx_.db.write([&](db::Conn& c) {
    if (f.companyId && !store_.activeCompanyName(c, *f.companyId)) throw invalidField("companyId", "涉及公司不存在");
    std::optional<Bureau> bureau;
    for (const auto& step : route)
      if ((bureau = store_.orgOfRegion(c, step.regionCode, step.orgTypes))) break;
    if (!bureau) throw invalidField("regionCode", "所在区域没有对应的公安机关");
    if (!store_.consumeCode(c, f.mobile, given, core::nowMs())) throw invalidField("smsCode", "短信验证码错误或已过期");
    f.orgId = bureau->id;
    f.orgPath = bureau->path;
    f.code = crypto::randomDigits(12);
    const long long id = store_.insert(c, f, core::nowMs());
    for (std::size_t i = 0; i < fileIds.size(); ++i)
      files_.attach(c, citizen(), fileIds[i], kOwnerKind, id, {"image/jpeg", "image/png"}, "fileIds[" + std::to_string(i) + "]",
                    "照片");
    audit::record(c, core::Actor{citizen(), ip, ""}, "create", kOwnerKind, std::to_string(id),
                  std::string("市民提交") + std::string(typeName(f.type)) + ",查询码 " + f.code);
    return json{{"code", f.code}};
  });
}

json FeedbackService::lookup(const std::string& ip, const std::string& code, const std::string& mobile) {
  limit(readsPerAddress_, ip);
  std::string bare;
  if (code.empty() || code.size() > 40 || core::normalizeMobile(mobile, bare)) throw notFound(kNotFound);
  return ctx_.db.read([&](db::Conn& c) {
    auto f = store_.byCode(c, code);
    // A wrong mobile reveals nothing: the same answer as an unknown code.
    if (!f || f->mobile != bare) throw notFound(kNotFound);
    return json{{"code", f->code},
                {"type", f->type},
                {"typeName", typeName(f->type)},
                {"state", f->state},
                {"stateName", stateName(f->state)},
                {"receivedAt", core::toIso(f->createdAt)},
                {"reply", modules::textOrNull(f->reply)},
                {"repliedAt", modules::isoOrNull(f->repliedAt)},
                {"closedAt", modules::isoOrNull(f->closedAt)},
                {"history", publicHistoryOf(store_.events(c, f->id))}};
  });
}

json FeedbackService::searchCompanies(const std::string& ip, const std::string& name) {
  limit(readsPerAddress_, ip);
  std::string text = name;
  if (text.size() > 120) throw invalidField("name", "公司名称过长");
  json items = json::array();
  if (text.empty()) return json{{"items", items}};
  ctx_.db.read([&](db::Conn& c) {
    for (const auto& [id, n] : store_.searchActiveCompanies(c, text, 10)) items.push_back({{"id", id}, {"name", n}});
  });
  return json{{"items", items}};
}

json FeedbackService::uploadPhoto(const std::string& ip, const std::string& fileNameHeader, const std::string& bytes) {
  limit(writesPerAddress_, ip);
  if (bytes.size() > kMaxPhotoBytes) throw tooLarge("照片不能超过 2 MB");
  const auto f = files_.upload(core::Actor{citizen(), ip, ""}, fileNameHeader, bytes, true);
  return json{{"id", f.id}, {"name", f.name}, {"size", f.size}, {"contentType", f.contentType}};
}

json FeedbackService::toJson(db::Conn& c, const FeedbackRow& f, const core::Principal& p, bool detail) {
  const int limitDays = store_.limitDays(c);
  const auto clock = handlingClock(*calendar_.current(c), f.createdAt, limitDays, f.state, core::nowMs());
  const auto& regions = core::RegionTable::instance();
  json j{{"id", f.id},
         {"code", f.code},
         {"type", f.type},
         {"typeName", typeName(f.type)},
         {"companyId", f.companyId ? json(*f.companyId) : json(nullptr)},
         {"companyName", f.companyId ? json(f.companyName) : json(nullptr)},
         {"guardName", modules::textOrNull(f.guardName)},
         {"content", f.content},
         {"regionCode", f.regionCode},
         {"regionName", regions.fullName(f.regionCode)},
         {"name", modules::textOrNull(f.name)},
         {"mobile", p.has("citizen_feedback:update") ? f.mobile : core::maskMobile(f.mobile)},
         {"state", f.state},
         {"stateName", stateName(f.state)},
         {"orgId", f.orgId},
         {"orgName", f.orgName},
         {"reply", modules::textOrNull(f.reply)},
         {"receivedAt", core::toIso(f.createdAt)},
         {"assignedAt", modules::isoOrNull(f.assignedAt)},
         {"repliedAt", modules::isoOrNull(f.repliedAt)},
         {"closedAt", modules::isoOrNull(f.closedAt)},
         {"limitDays", limitDays},
         {"dueDate", clock.dueDate},
         {"remainingWorkingDays", clock.remainingWorkingDays},
         {"mark", clock.mark}};
  if (detail) {
    json files = json::array();
    for (const auto& [id, name] : files_.namesOf(c, kOwnerKind, f.id)) files.push_back({{"id", id}, {"name", name}});
    j["files"] = files;
    j["inspections"] = inspectionsOf(c, f, p);
    j["history"] = historyOf(store_.events(c, f.id), j["inspections"]);
  }
  return j;
}

json FeedbackService::inspectionsOf(db::Conn& c, const FeedbackRow& f, const core::Principal& p) const {
  // Those the caller may open: an inspection is supervised by the unit's org, not always the complaint's.
  InspectionFilter filter;
  filter.scope = &p.scope;
  filter.feedbackId = f.id;
  json out = json::array();
  inspections_.forEach(c, filter, [&](const InspectionRow& r) {
    out.push_back({{"id", r.id},
                   {"unitName", r.f.unitName},
                   {"inspectedOn", r.f.inspectedOn},
                   {"conclusion", r.f.conclusion},
                   {"conclusionName", conclusionName(r.f.conclusion)},
                   {"rectState", modules::textOrNull(r.rectState)},
                   {"orgName", r.orgName},
                   {"createdAt", core::toIso(r.createdAt)}});
  });
  return out;
}

json FeedbackService::historyOf(const std::vector<FeedbackEvent>& events, const json& inspections) {
  // The stored steps, oldest first: 收到 (the org that received it), each 分派 (from → to, by whom), 已转检查
  // (linked when the caller may open the inspection), 回复, 办结.
  json out = json::array();
  for (const auto& e : events) {
    const std::string by = e.byName.empty() ? std::string() : "(经办人:" + e.byName + ")";
    json step{{"at", core::toIso(e.at)},
              {"orgName", feedbackNullIfEmpty(e.orgName)},
              {"fromOrgName", feedbackNullIfEmpty(e.fromOrgName)},
              {"byName", feedbackNullIfEmpty(e.byName)},
              {"inspectionId", nullptr}};
    if (e.action == "received") {
      step["action"] = "收到";
      step["detail"] = "市民提交,由" + e.orgName + "受理";
    } else if (e.action == "assigned") {
      step["action"] = "分派";
      step["detail"] = (e.fromOrgName.empty() ? std::string() : e.fromOrgName + " ") + "分派至" + e.orgName + by;
    } else if (e.action == "inspection") {
      step["action"] = "已转检查";
      const auto it = std::find_if(inspections.begin(), inspections.end(),
                                   [&](const json& i) { return e.inspectionId && i.at("id").get<long long>() == *e.inspectionId; });
      if (it != inspections.end()) {
        const json& i = *it;
        step["inspectionId"] = i.at("id");
        step["detail"] = i.at("orgName").get<std::string>() + " 检查 " + i.at("unitName").get<std::string>() + "(" +
                         i.at("inspectedOn").get<std::string>() + ",检查结论 " + i.at("conclusionName").get<std::string>() + ")" + by;
      } else {
        // Outside the caller's scope, or deleted since: what was written at the time, without a link.
        step["detail"] = e.orgName + " 检查 " + e.content.value_or("") + by;
      }
    } else if (e.action == "replied") {
      step["action"] = "回复";
      step["detail"] = e.content.value_or("") + by;
    } else if (e.action == "closed") {
      step["action"] = "办结";
      step["detail"] = by.empty() ? std::string() : "经办人:" + e.byName;
    } else {
      continue;
    }
    out.push_back(std::move(step));
  }
  return out;
}

json FeedbackService::publicHistoryOf(const std::vector<FeedbackEvent>& events) {
  // What the citizen sees of the handling: the steps and the public bodies that took them — never the
  // officers (no names), nor the inspections' details.
  json out = json::array();
  for (const auto& e : events) {
    std::string action, detail;
    if (e.action == "received") {
      action = "收到";
      detail = "由" + e.orgName + "受理";
    } else if (e.action == "assigned") {
      action = "分派";
      detail = "转由" + e.orgName + "办理";
    } else if (e.action == "inspection") {
      action = "已转检查";
      detail = "公安机关已对涉及单位开展监督检查";
    } else if (e.action == "replied") {
      action = "回复";
      detail = "公安机关已回复";
    } else if (e.action == "closed") {
      action = "办结";
      detail = "已办结";
    } else {
      continue;
    }
    out.push_back({{"at", core::toIso(e.at)}, {"action", action}, {"detail", detail}});
  }
  return out;
}

json FeedbackService::list(const core::Principal& p, const FeedbackQuery& q, const core::PageRequest& page) {
  if (!q.type.empty() && typeName(q.type).empty()) throw invalidField("type", "类型只能是 complaint、suggestion 或 inquiry");
  if (!q.state.empty() && stateName(q.state).empty()) throw invalidField("state", "状态只能是 received、assigned、replied 或 closed");
  FeedbackFilter f;
  f.scope = &p.scope;
  f.type = q.type;
  f.state = q.state;
  f.companyId = q.companyId;
  if (q.companyName.size() > 200) throw invalidField("companyName", "公司名称过长");
  f.companyName = q.companyName;
  f.from = q.from;
  f.to = q.to;
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, f, page);
    json items = json::array();
    for (const auto& r : rows) items.push_back(toJson(c, r, p, false));
    return modules::pageJson(std::move(items), total, page);
  });
}

FeedbackRow FeedbackService::visibleOr404(db::Conn& c, const core::Principal& p, long long id) {
  if (!store_.visible(c, p.scope, id)) throw notFound("投诉建议不存在");
  return *store_.find(c, id);
}

json FeedbackService::get(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) { return toJson(c, visibleOr404(c, p, id), p, true); });
}

json FeedbackService::assign(const core::Actor& a, long long id, const json& body) {
  ctx_.db.read([&](db::Conn& c) { visibleOr404(c, a.who, id); });
  FieldErrors errors;
  core::Form form(body, errors);
  const auto orgId = form.id("orgId", "分派机构", true);
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    const auto f = visibleOr404(c, a.who, id);
    if (!canAssign(f.state)) throw conflict("投诉建议已" + std::string(stateName(f.state)) + ",不能分派");
    // An org the caller cannot see (outside their scope, or none at all) is a bad value of the field.
    const auto found = system::OrgStore().findVisible(c, a.who.scope, *orgId);
    if (!found) throw invalidField("orgId", "分派机构不存在或不在本机构管辖范围内");
    const auto& org = *found;
    // Down the tree only: to an org below the one that holds the feedback now.
    if (org.path == f.orgPath || org.path.rfind(f.orgPath, 0) != 0) throw invalidField("orgId", "只能分派给承办机构的下级机构");
    store_.assign(c, id, f.orgId, org.id, org.path, FeedbackActor{a.who.userId, a.who.name}, core::nowMs());
    audit::record(c, a, "assign", kOwnerKind, std::to_string(id), "分派投诉建议 " + f.code + " 至 " + org.name);
    return toJson(c, *store_.find(c, id), a.who, true);
  });
}

json FeedbackService::reply(const core::Actor& a, long long id, const json& body) {
  ctx_.db.read([&](db::Conn& c) { visibleOr404(c, a.who, id); });
  FieldErrors errors;
  core::Form form(body, errors);
  const std::string content = form.text("content", "回复内容", {true, 2000, true});
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    const auto f = visibleOr404(c, a.who, id);
    if (!canReply(f.state)) throw conflict("投诉建议已" + std::string(stateName(f.state)) + ",不能回复");
    store_.reply(c, id, f.orgId, content, FeedbackActor{a.who.userId, a.who.name}, core::nowMs());
    audit::record(c, a, "reply", kOwnerKind, std::to_string(id), "回复投诉建议 " + f.code);
    return toJson(c, *store_.find(c, id), a.who, true);
  });
}

json FeedbackService::close(const core::Actor& a, long long id) {
  return ctx_.db.write([&](db::Conn& c) {
    const auto f = visibleOr404(c, a.who, id);
    if (!canClose(f.state)) throw conflict(f.state == "closed" ? "投诉建议已办结" : "投诉建议尚未回复,不能办结");
    store_.close(c, id, f.orgId, FeedbackActor{a.who.userId, a.who.name}, core::nowMs());
    audit::record(c, a, "close", kOwnerKind, std::to_string(id), "办结投诉建议 " + f.code);
    return toJson(c, *store_.find(c, id), a.who, true);
  });
}

json FeedbackService::settings() {
  return ctx_.db.read([&](db::Conn& c) { return json{{"limitDays", store_.limitDays(c)}}; });
}

json FeedbackService::updateSettings(const core::Actor& a, const json& body) {
  if (!body.is_object() || !body.contains("limitDays") || !body.at("limitDays").is_number_integer())
    throw invalidField("limitDays", "办理时限应为 1–365 个工作日的整数");
  const long long days = body.at("limitDays").get<long long>();
  if (days < 1 || days > 365) throw invalidField("limitDays", "办理时限应为 1–365 个工作日的整数");
  return ctx_.db.write([&](db::Conn& c) {
    store_.setLimitDays(c, static_cast<int>(days), a.who.userId, core::nowMs());
    audit::record(c, a, "update", "citizen_feedback_settings", "1", "设置投诉建议办理时限为 " + std::to_string(days) + " 个工作日");
    return json{{"limitDays", days}};
  });
}

}  // namespace baoan::supervision
