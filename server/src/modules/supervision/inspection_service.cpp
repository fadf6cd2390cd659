#include "modules/supervision/inspection_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/error.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "modules/supervision/feedback_rules.h"
#include "modules/supervision/feedback_store.h"
#include "modules/supervision/inspection_rules.h"

namespace baoan::supervision {

using nlohmann::json;

namespace {
const std::vector<std::string> kFileTypes = {"application/pdf", "image/jpeg", "image/png"};
constexpr std::size_t kMaxInspectors = 20;
constexpr std::size_t kMaxFiles = 20;
constexpr std::size_t kMaxItems = 50;

std::string today() { return core::toChinaDate(core::nowMs()); }

std::optional<std::pair<std::string, long long>> portalOwner(const core::Principal& p) {
  if (p.kind == "company" && p.companyId) return std::make_pair(std::string("company"), static_cast<long long>(p.companyId));
  if ((p.kind == "training_unit" || p.kind == "inhouse_unit") && p.unitId)
    return std::make_pair(p.kind, static_cast<long long>(p.unitId));
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& s : parts) out += (out.empty() ? "" : sep) + s;
  return out;
}

// What the unit reads on its portal: not the officers' ids, nor the citizen's complaint behind a 投诉核查.
void forPortal(json& j) {
  for (const char* key : {"inspectorIds", "feedbackId", "feedback"}) j.erase(key);
}

std::vector<std::string> fileIdsOf(core::Form& form, const std::string& key, const std::string& label) {
  auto ids = form.strings(key, label);
  std::vector<std::string> out;
  for (auto& id : ids)
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
  if (out.size() > kMaxFiles) form.errors().add(key, label + "最多" + std::to_string(kMaxFiles) + "个");
  return out;
}
}  // namespace

InspectionService::InspectionService(app::Context& ctx, files::FileService& files) : ctx_(ctx), files_(files) {
  // Photos and PDFs of an inspection and of its 整改报告: the officers who may see the record, and the
  // unit that answers it on its portal.
  files_.addOwnerKind("inspection", [this](db::Conn& c, const core::Principal& p, long long id) {
    if (p.kind == "officer") return store_.visible(c, p.scope, id);
    return loadPortal(c, p, id).has_value();
  });
}

// ---------------------------------------------------------------------------------------- reading

InspectionRow InspectionService::load(db::Conn& c, const core::Principal& p, long long id) const {
  if (!store_.visible(c, p.scope, id)) throw notFound("检查记录不存在");
  return *store_.find(c, id);
}

std::optional<InspectionRow> InspectionService::loadPortal(db::Conn& c, const core::Principal& p, long long id) const {
  const auto owner = portalOwner(p);
  if (!owner) return std::nullopt;
  auto r = store_.find(c, id);
  // Another unit's inspection, or one without a rectification, does not exist for this unit.
  if (!r || !r->rectState || r->portalKind != owner->first || r->portalUnitId != owner->second) return std::nullopt;
  return r;
}

std::map<std::string, std::string> InspectionService::itemNames(db::Conn& c) const {
  std::map<std::string, std::string> names;
  for (const auto& i : store_.items(c)) names.emplace(i.code, i.name);
  return names;
}

json InspectionService::toJson(db::Conn& c, const InspectionRow& r, bool withHistory, const std::map<std::string, std::string>& itemNames) {
  json items = json::array();
  const json stored = json::parse(r.f.itemsJson, nullptr, false);
  if (stored.is_array())
    for (const auto& i : stored) {
      const std::string code = i.value("code", "");
      const auto name = itemNames.find(code);
      items.push_back({{"code", code},
                       {"name", name == itemNames.end() ? code : name->second},
                       {"result", i.value("result", "")},
                       {"remark", i.value("remark", "")}});
    }
  const std::string state = r.rectState.value_or("");
  json j = {{"id", r.id},
            {"unitKind", r.f.unitKind},
            {"unitId", r.f.unitId ? json(*r.f.unitId) : json(nullptr)},
            {"unitName", r.f.unitName},
            {"inspectedOn", r.f.inspectedOn},
            {"kind", r.f.kind},
            {"inspectorIds", r.f.inspectorIds},
            {"inspectorNames", r.f.inspectorNames},
            {"items", std::move(items)},
            {"findings", r.f.findings},
            {"requirement", r.f.requirement},
            {"deadline", modules::textOrNull(r.f.deadline)},
            {"conclusion", r.f.conclusion},
            {"fileIds", r.f.fileIds},
            {"rectState", modules::textOrNull(r.rectState)},
            {"feedbackId", r.f.feedbackId ? json(*r.f.feedbackId) : json(nullptr)},
            {"overdue", overdue(state, r.f.deadline.value_or(""), today())},
            {"orgId", r.orgId},
            {"orgName", r.orgName},
            {"createdAt", core::toIso(r.createdAt)},
            {"updatedAt", core::toIso(r.updatedAt)}};
  if (withHistory) {
    // The complaint it came from (转检查): its 查询码 and type, for the link back.
    j["feedback"] = r.f.feedbackId ? json{{"id", *r.f.feedbackId},
                                          {"code", r.feedbackCode.value_or("")},
                                          {"type", r.feedbackType.value_or("")},
                                          {"typeName", std::string(typeName(r.feedbackType.value_or("")))}}
                                   : json(nullptr);
    const auto names = files_.namesOf(c, "inspection", r.id);
    auto filesOf = [&](const std::vector<std::string>& ids) {
      json out = json::array();
      for (const auto& id : ids) {
        const auto n = names.find(id);
        out.push_back({{"id", id}, {"name", n == names.end() ? id : n->second}});
      }
      return out;
    };
    j["files"] = filesOf(r.f.fileIds);
    json events = json::array();
    for (const auto& e : store_.events(c, r.id))
      events.push_back({{"id", e.id},
                        {"kind", e.kind},
                        {"content", modules::textOrNull(e.content)},
                        {"fileIds", e.fileIds},
                        {"files", filesOf(e.fileIds)},
                        {"byName", e.byName},
                        {"at", core::toIso(e.at)}});
    j["events"] = std::move(events);
  }
  return j;
}

InspectionFilter InspectionService::filterOf(const core::Principal& p, const InspectionQuery& q) const {
  InspectionFilter f;
  f.scope = &p.scope;
  f.unitName = q.unitName;
  f.content = q.content;
  f.from = q.from;
  f.to = q.to;
  f.conclusion = q.conclusion;
  f.kind = q.kind;
  f.rectState = q.rectState;
  f.companyId = q.companyId;
  f.feedbackId = q.feedbackId;
  f.today = today();
  return f;
}

json InspectionService::list(const core::Principal& p, const InspectionQuery& q, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, filterOf(p, q), page);
    const auto names = itemNames(c);
    json items = json::array();
    for (const auto& r : rows) items.push_back(toJson(c, r, false, names));
    return modules::pageJson(std::move(items), total, page);
  });
}

json InspectionService::get(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) { return toJson(c, load(c, p, id), true, itemNames(c)); });
}

// ---------------------------------------------------------------------------------------- the form

InspectionService::Input InspectionService::readInput(db::Conn& c, const core::Principal& p, const json& body,
                                                      const std::vector<long long>& kept) {
  FieldErrors errors;
  core::Form form(body, errors);
  Input in;
  InspectionFields& f = in.f;
  const std::string unitKindText = form.text("unitKind", "被检查单位类型", {.required = true, .maxLength = 20});
  if (!unitKindText.empty() && !errors.has("unitKind")) {
    f.unitKind = unitKindCode(unitKindText);
    if (f.unitKind.empty()) errors.add("unitKind", "被检查单位类型应为 company、branch、inhouse_unit、training_unit、other 之一");
  }
  f.unitId = form.id("unitId", "被检查单位", false);
  const std::string typedName = form.text("unitName", "单位名称", {.maxLength = 100});
  f.inspectedOn = form.text("inspectedOn", "检查日期", {.required = true, .maxLength = 10});
  if (!f.inspectedOn.empty() && !errors.has("inspectedOn")) {
    if (!core::isValidDate(f.inspectedOn)) errors.add("inspectedOn", "检查日期不是有效日期,应为 YYYY-MM-DD");
    else if (f.inspectedOn > today()) errors.add("inspectedOn", "检查日期不能晚于今天");
  }
  const std::string kindText = form.text("kind", "检查类型", {.required = true, .maxLength = 20});
  if (!kindText.empty() && !errors.has("kind")) {
    f.kind = kindCode(kindText);
    if (f.kind.empty()) errors.add("kind", "检查类型应为 daily(日常检查)、special(专项检查)、annual(年度检查)、complaint_check(投诉核查)之一");
  }
  f.inspectorIds = form.ids("inspectorIds", "检查人");
  if (f.inspectorIds.empty() && !errors.has("inspectorIds")) errors.add("inspectorIds", "请选择检查人");
  if (f.inspectorIds.size() > kMaxInspectors) errors.add("inspectorIds", "检查人最多" + std::to_string(kMaxInspectors) + "人");
  f.findings = form.text("findings", "发现问题", {.maxLength = 2000, .multiline = true});
  f.requirement = form.text("requirement", "整改要求", {.maxLength = 2000, .multiline = true});
  const std::string deadline = form.text("deadline", "整改期限", {.maxLength = 10});
  const std::string conclusionText = form.text("conclusion", "检查结论", {.required = true, .maxLength = 20});
  if (!conclusionText.empty() && !errors.has("conclusion")) {
    f.conclusion = conclusionCode(conclusionText);
    if (f.conclusion.empty()) errors.add("conclusion", "检查结论应为 pass(合格)、rectify(责令整改)、refer(移交处罚)之一");
  }
  if (!deadline.empty() && !errors.has("deadline")) {
    if (!core::isValidDate(deadline)) errors.add("deadline", "整改期限不是有效日期,应为 YYYY-MM-DD");
    else if (!f.inspectedOn.empty() && deadline < f.inspectedOn) errors.add("deadline", "整改期限不能早于检查日期");
    else f.deadline = deadline;
  }
  if (f.conclusion == "rectify") {
    if (deadline.empty() && !errors.has("deadline")) errors.add("deadline", "责令整改时整改期限不能为空");
    if (f.requirement.empty() && !errors.has("requirement")) errors.add("requirement", "责令整改时整改要求不能为空");
  }
  f.fileIds = fileIdsOf(form, "fileIds", "附件");
  f.feedbackId = form.id("feedbackId", "关联投诉", false);
  if (f.feedbackId) {
    // 转检查: a complaint the caller sees, checked as a 投诉核查.
    const auto complaint = FeedbackStore().visible(c, p.scope, *f.feedbackId) ? FeedbackStore().find(c, *f.feedbackId) : std::nullopt;
    if (!complaint) errors.add("feedbackId", "关联投诉不存在或不在本单位管辖范围内");
    else if (complaint->type != "complaint") errors.add("feedbackId", "关联投诉应为投诉类,建议和咨询不能转检查");
    else if (!f.kind.empty() && f.kind != "complaint_check" && !errors.has("kind"))
      errors.add("kind", "由投诉转来的检查,检查类型应为投诉核查");
  }

  // The checklist: codes of the template, each 合格 / 不合格 / 不涉及 with a remark.
  std::vector<std::string> remarks;
  json items = json::array();
  if (body.contains("items") && !body.at("items").is_null()) {
    const json& list = body.at("items");
    if (!list.is_array()) errors.addTypeError("items", "检查项目格式错误,应为列表");
    else if (list.size() > kMaxItems) errors.add("items", "检查项目最多" + std::to_string(kMaxItems) + "项");
    else {
      std::map<std::string, std::string> known;
      for (const auto& i : store_.items(c)) known.emplace(i.code, i.name);
      std::set<std::string> seen;
      for (const auto& item : list) {
        if (!item.is_object()) {
          errors.addTypeError("items", "检查项目格式错误");
          break;
        }
        FieldErrors ie;
        core::Form itemForm(item, ie);
        const std::string code = itemForm.text("code", "检查项目", {.required = true, .maxLength = 40});
        const std::string resultText = itemForm.text("result", "检查结果", {.required = true, .maxLength = 10});
        const std::string remark = itemForm.text("remark", "检查项目备注", {.maxLength = 200});
        if (!ie.empty()) {
          if (ie.malformed()) errors.addTypeError("items", "检查项目:" + ie.all().front().second);
          else errors.add("items", "检查项目:" + ie.all().front().second);
          break;
        }
        const auto name = known.find(code);
        if (name == known.end()) {
          errors.add("items", "检查项目「" + code + "」不在检查项目模板中");
          break;
        }
        if (!seen.insert(code).second) {
          errors.add("items", "检查项目「" + name->second + "」重复");
          break;
        }
        const std::string result = resultCode(resultText);
        if (result.empty()) {
          errors.add("items", "检查项目「" + name->second + "」的检查结果应为 pass(合格)、fail(不合格)、na(不涉及)之一");
          break;
        }
        items.push_back({{"code", code}, {"result", result}, {"remark", remark}});
        if (!remark.empty()) remarks.push_back(name->second + ":" + remark);
      }
    }
  }
  f.itemsJson = items.dump();

  // The unit: from the registry in the caller's scope, or typed for a unit outside it.
  if (f.unitKind == "other") {
    if (f.unitId) errors.add("unitId", "登记外的单位不能指定被检查单位编号");
    if (typedName.empty() && !errors.has("unitName")) errors.add("unitName", "单位名称不能为空");
    f.unitName = typedName;
    f.unitId.reset();
  } else if (!f.unitKind.empty()) {
    if (!f.unitId) {
      if (!errors.has("unitId")) errors.add("unitId", "请选择被检查单位");
    } else {
      in.unit = store_.unit(c, f.unitKind, *f.unitId);
      // A unit outside the caller's scope does not exist for the caller.
      if (!in.unit || !p.scope.coversOrg(in.unit->orgPath)) {
        errors.add("unitId", "被检查单位不存在或不在本单位管辖范围内");
        in.unit.reset();
      } else {
        f.unitName = in.unit->name;
      }
    }
  }
  // The inspectors: officers of the caller's org (and the orgs below it), or already on the record edited.
  std::vector<std::string> names;
  std::set<long long> uniqueIds;
  for (const long long id : f.inspectorIds) {
    if (!uniqueIds.insert(id).second) continue;
    auto o = store_.officer(c, id, p.orgPath);
    if (!o && std::find(kept.begin(), kept.end(), id) != kept.end()) o = store_.officer(c, id, "/");
    if (!o) {
      errors.add("inspectorIds", "检查人应为本单位的民警");
      break;
    }
    names.push_back(o->name);
  }
  f.inspectorIds.assign(uniqueIds.begin(), uniqueIds.end());
  f.inspectorNames = joined(names, "、");
  errors.throwIfAny();
  f.contentText = joined({f.findings, f.requirement, joined(remarks, ";")}, "\n");
  return in;
}

// ---------------------------------------------------------------------------------------- notices

void InspectionService::notifyUnit(db::Conn& c, const InspectionRow& r, const std::string& purpose, const std::string& title,
                                   const std::string& body) {
  if (!r.portalKind || !r.portalUnitId || !r.f.unitId) return;  // a unit outside the registry has no portal
  const long long now = core::nowMs();
  const auto users = store_.portalUsers(c, *r.portalKind, *r.portalUnitId);
  for (const long long u : users) store_.message(c, u, title, body, now);
  const auto unit = store_.unit(c, r.f.unitKind, *r.f.unitId);
  if (unit && !unit->mobile.empty())
    ctx_.sms.send(c, {unit->mobile, purpose, "【保安服务监管信息系统】" + body,
                      users.empty() ? std::nullopt : std::optional<long long>(users.front()), r.orgPath,
                      {{"unit", r.f.unitName}, {"deadline", r.f.deadline.value_or("")}}});
}

namespace {
std::string orderedText(const InspectionRow& r) {
  return r.f.unitName + ":" + r.orgName + "于 " + r.f.inspectedOn + " 对贵单位进行了" + std::string(kindName(r.f.kind)) +
         ",检查结论为责令整改。整改要求:" + r.f.requirement + "。请于 " + r.f.deadline.value_or("") +
         " 前完成整改,并在企业服务平台「整改通知」中提交整改报告。";
}
}  // namespace

// ---------------------------------------------------------------------------------------- writes

long long InspectionService::write(db::Conn& c, const core::Actor& a, const Input& in) {
  const long long now = core::nowMs();
  const bool rectify = in.f.conclusion == "rectify";
  const long long orgId = in.unit ? in.unit->orgId : a.who.orgId;
  const std::string orgPath = in.unit ? in.unit->orgPath : a.who.orgPath;
  const std::optional<std::string> state = rectify ? std::optional<std::string>(std::string(kPending)) : std::nullopt;
  const long long id = store_.insert(c, in.f, in.unit ? &*in.unit : nullptr, orgId, orgPath, state, now, a.who.userId);
  for (const auto& fid : in.f.fileIds) files_.attach(c, a.who, fid, "inspection", id, kFileTypes, "fileIds", "附件");
  const InspectionRow r = *store_.find(c, id);
  // 已转检查 on the complaint's handling record, in this transaction.
  if (in.f.feedbackId)
    FeedbackStore().addInspectionEvent(c, *in.f.feedbackId, r.orgId, id, r.f.unitName + "(" + r.f.inspectedOn + ")",
                                       FeedbackActor{a.who.userId, a.who.name}, now);
  if (rectify) {
    store_.addEvent(c, id, "ordered", in.f.requirement + "(整改期限 " + in.f.deadline.value_or("") + ")", {}, a.who.userId, a.who.name,
                    now);
    notifyUnit(c, r, "rectification_notice", "整改通知", orderedText(r));
  }
  return id;
}

json InspectionService::create(const core::Actor& a, const json& body) {
  return ctx_.db.write([&](db::Conn& c) {
    const Input in = readInput(c, a.who, body);
    const long long id = write(c, a, in);
    audit::record(c, a, "create", "inspection", std::to_string(id),
                  "新增监督检查记录 " + in.f.unitName + " " + in.f.inspectedOn + "(" + std::string(conclusionName(in.f.conclusion)) + ")" +
                      (in.f.feedbackId ? "(由投诉转来)" : ""));
    return toJson(c, *store_.find(c, id), true, itemNames(c));
  });
}

json InspectionService::update(const core::Actor& a, long long id, const json& body) {
  // A record outside the scope is 404 whatever the body says.
  ctx_.db.read([&](db::Conn& c) { load(c, a.who, id); });
  return ctx_.db.write([&](db::Conn& c) {
    const InspectionRow old = load(c, a.who, id);
    // An edit that does not name the complaint keeps the link (null unlinks it).
    json withLink = body;
    if (old.f.feedbackId && withLink.is_object() && !withLink.contains("feedbackId")) withLink["feedbackId"] = *old.f.feedbackId;
    const Input in = readInput(c, a.who, withLink, old.f.inspectorIds);
    const std::string state = old.rectState.value_or("");
    if (underWay(state)) {
      const std::string why = "该检查记录的整改正在进行中(" + std::string(rectStateName(state)) + ")";
      if (in.f.conclusion != "rectify") throw conflict(why + ",不能修改检查结论");
      if (in.f.unitKind != old.f.unitKind || in.f.unitId != old.f.unitId) throw conflict(why + ",不能更换被检查单位");
    }
    const long long now = core::nowMs();
    const bool opens = in.f.conclusion == "rectify" && !old.rectState;
    const std::optional<std::string> newState = opens ? std::optional<std::string>(std::string(kPending)) : old.rectState;
    const long long orgId = in.unit ? in.unit->orgId : (in.f.unitKind == old.f.unitKind && !old.f.unitId ? old.orgId : a.who.orgId);
    const std::string orgPath = in.unit ? in.unit->orgPath : (in.f.unitKind == old.f.unitKind && !old.f.unitId ? old.orgPath : a.who.orgPath);
    store_.update(c, id, in.f, in.unit ? &*in.unit : nullptr, orgId, orgPath, newState, now);
    for (const auto& fid : in.f.fileIds) files_.attach(c, a.who, fid, "inspection", id, kFileTypes, "fileIds", "附件");
    const InspectionRow r = *store_.find(c, id);
    // An edit that links the record to a complaint for the first time is a 已转检查 of that complaint.
    if (in.f.feedbackId && in.f.feedbackId != old.f.feedbackId)
      FeedbackStore().addInspectionEvent(c, *in.f.feedbackId, r.orgId, id, r.f.unitName + "(" + r.f.inspectedOn + ")",
                                         FeedbackActor{a.who.userId, a.who.name}, now);
    if (opens) {
      store_.addEvent(c, id, "ordered", in.f.requirement + "(整改期限 " + in.f.deadline.value_or("") + ")", {}, a.who.userId, a.who.name,
                      now);
      notifyUnit(c, r, "rectification_notice", "整改通知", orderedText(r));
    } else if (underWay(state) && old.f.deadline != in.f.deadline) {
      store_.addEvent(c, id, "deadline", "整改期限改为 " + in.f.deadline.value_or(""), {}, a.who.userId, a.who.name, now);
    }
    audit::record(c, a, "update", "inspection", std::to_string(id), "修改监督检查记录 " + in.f.unitName + " " + in.f.inspectedOn);
    return toJson(c, r, true, itemNames(c));
  });
}

void InspectionService::remove(const core::Actor& a, long long id) {
  ctx_.db.write([&](db::Conn& c) {
    const InspectionRow r = load(c, a.who, id);
    const std::string state = r.rectState.value_or("");
    if (underWay(state))
      throw conflict("该检查记录的整改正在进行中(" + std::string(rectStateName(state)) + "),整改通过前不能删除");
    store_.remove(c, id);
    audit::record(c, a, "delete", "inspection", std::to_string(id), "删除监督检查记录 " + r.f.unitName + " " + r.f.inspectedOn);
  });
}

json InspectionService::review(const core::Actor& a, long long id, const json& body) {
  ctx_.db.read([&](db::Conn& c) { load(c, a.who, id); });
  FieldErrors errors;
  core::Form form(body, errors);
  const auto accept = form.boolean("accept", "复查结果", true);
  const std::string opinion = form.text("opinion", "复查意见", {.maxLength = 500, .multiline = true});
  const std::string deadline = form.text("deadline", "整改期限", {.maxLength = 10});
  if (accept && !*accept && opinion.empty() && !errors.has("opinion")) errors.add("opinion", "退回整改时复查意见不能为空");
  if (!deadline.empty() && !errors.has("deadline") && !core::isValidDate(deadline))
    errors.add("deadline", "整改期限不是有效日期,应为 YYYY-MM-DD");
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    const InspectionRow r = load(c, a.who, id);
    const std::string state = r.rectState.value_or("");
    if (!canReview(state, r.f.unitKind)) {
      if (state.empty()) throw conflict("该检查记录没有整改,无需复查");
      throw conflict("整改状态为「" + std::string(rectStateName(state)) + "」,不能复查" +
                     (state == kPending || state == kReturned ? ":单位尚未提交整改报告" : ""));
    }
    const long long now = core::nowMs();
    const std::string to(afterReview(*accept));
    if (!store_.moveState(c, id, state, to, now)) throw conflict("整改状态已被他人修改,请刷新后重试");
    if (!*accept && !deadline.empty()) store_.setDeadline(c, id, deadline, now);
    store_.addEvent(c, id, to, opinion.empty() ? std::nullopt : std::optional<std::string>(opinion), {}, a.who.userId, a.who.name, now);
    const InspectionRow after = *store_.find(c, id);
    if (*accept)
      notifyUnit(c, after, "rectification_review", "整改复查结果",
                 after.f.unitName + ":您单位 " + after.f.inspectedOn + " 检查的整改已通过复查。" + (opinion.empty() ? "" : "复查意见:" + opinion));
    else
      notifyUnit(c, after, "rectification_review", "整改复查结果",
                 after.f.unitName + ":您单位提交的整改报告未通过复查,已退回。复查意见:" + opinion + "。请于 " + after.f.deadline.value_or("") +
                     " 前重新提交整改报告。");
    audit::record(c, a, "update", "inspection", std::to_string(id),
                  "复查 " + r.f.unitName + " 的整改:" + (*accept ? "通过" : "退回") + (opinion.empty() ? "" : "(" + opinion + ")"));
    return toJson(c, after, true, itemNames(c));
  });
}

// ---------------------------------------------------------------------------------------- portal

json InspectionService::portalList(const core::Principal& p, const core::PageRequest& page) {
  const auto owner = portalOwner(p);
  if (!owner) return modules::pageJson(json::array(), 0, page);
  InspectionFilter f;
  f.portal = owner;
  f.today = today();
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, f, page);
    const auto names = itemNames(c);
    json items = json::array();
    for (const auto& r : rows) {
      json j = toJson(c, r, true, names);
      forPortal(j);
      items.push_back(std::move(j));
    }
    return modules::pageJson(std::move(items), total, page);
  });
}

json InspectionService::portalReport(const core::Actor& a, long long id, const json& body) {
  ctx_.db.read([&](db::Conn& c) {
    if (!loadPortal(c, a.who, id)) throw notFound("整改通知不存在");
  });
  FieldErrors errors;
  core::Form form(body, errors);
  const std::string content = form.text("content", "整改报告", {.required = true, .maxLength = 2000, .multiline = true});
  const std::vector<std::string> fileIds = fileIdsOf(form, "fileIds", "整改材料");
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    const auto r = loadPortal(c, a.who, id);
    if (!r) throw notFound("整改通知不存在");
    const std::string state = r->rectState.value_or("");
    if (!canReport(state)) throw conflict("整改状态为「" + std::string(rectStateName(state)) + "」,不能提交整改报告");
    const long long now = core::nowMs();
    if (!store_.moveState(c, id, state, std::string(kReported), now)) throw conflict("整改状态已变化,请刷新后重试");
    for (const auto& fid : fileIds) files_.attach(c, a.who, fid, "inspection", id, kFileTypes, "fileIds", "整改材料");
    store_.addEvent(c, id, "reported", content, fileIds, a.who.userId, a.who.name, now);
    audit::record(c, a, "update", "inspection", std::to_string(id), "提交整改报告(" + r->f.unitName + " " + r->f.inspectedOn + " 检查)");
    json j = toJson(c, *store_.find(c, id), true, itemNames(c));
    forPortal(j);
    return j;
  });
}

// ---------------------------------------------------------------------------------------- template, pickers

json InspectionService::items() {
  return ctx_.db.read([&](db::Conn& c) {
    json items = json::array();
    for (const auto& i : store_.items(c))
      items.push_back({{"code", i.code}, {"name", i.name}, {"enabled", i.enabled}, {"sortOrder", i.sortOrder}});
    return json{{"items", std::move(items)}};
  });
}

json InspectionService::saveItems(const core::Actor& a, const json& body) {
  if (!body.is_object() || !body.contains("items") || !body.at("items").is_array())
    throw invalidField("items", "检查项目格式错误,应为列表");
  const json& list = body.at("items");
  if (list.size() > kMaxItems) throw invalidField("items", "检查项目最多" + std::to_string(kMaxItems) + "项");
  std::vector<ItemRow> rows;
  std::set<std::string> codes, names;
  int order = 0;
  for (const auto& item : list) {
    if (!item.is_object()) throw badRequest("检查项目格式错误");
    FieldErrors fe;
    core::Form f(item, fe);
    ItemRow row;
    row.code = f.text("code", "项目编码", {.maxLength = 40});
    row.name = f.text("name", "项目名称", {.required = true, .maxLength = 50});
    const auto enabled = f.boolean("enabled", "是否启用", false);
    if (!fe.empty()) {
      const auto [field, message] = fe.all().front();
      if (fe.malformed()) throw badRequest("检查项目:" + message);
      throw invalidField("items", "检查项目:" + message);
    }
    if (row.code.empty()) row.code = "item_" + std::to_string(core::nowMs() % 100000000) + "_" + std::to_string(order);
    const bool codeOk = std::all_of(row.code.begin(), row.code.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
    if (!codeOk) throw invalidField("items", "项目编码「" + row.code + "」只能包含小写字母、数字和下划线");
    if (!codes.insert(row.code).second) throw invalidField("items", "项目编码「" + row.code + "」重复");
    if (!names.insert(row.name).second) throw invalidField("items", "项目名称「" + row.name + "」重复");
    row.enabled = enabled.value_or(true);
    row.sortOrder = ++order;
    rows.push_back(std::move(row));
  }
  ctx_.db.write([&](db::Conn& c) {
    std::vector<std::string> kept;
    for (const auto& r : rows) {
      store_.upsertItem(c, r);
      kept.push_back(r.code);
    }
    store_.disableItemsExcept(c, kept);
    std::vector<std::string> enabled;
    for (const auto& r : rows)
      if (r.enabled) enabled.push_back(r.name);
    audit::record(c, a, "update", "inspection_item", "", "修改检查项目模板:" + joined(enabled, "、"));
  });
  return items();
}

json InspectionService::units(const core::Principal& p, const std::string& kindParam, const std::string& name) {
  const std::string kind = kindParam.empty() ? "company" : kindParam;
  if (kind == "other" || unitKindCode(kind) != kind)
    throw badRequest("kind 应为 company、branch、inhouse_unit、training_unit 之一");
  return ctx_.db.read([&](db::Conn& c) {
    json items = json::array();
    for (const auto& u : store_.searchUnits(c, kind, name, p.scope, 20))
      items.push_back({{"id", u.id}, {"kind", u.kind}, {"name", u.name}, {"orgId", u.orgId}});
    return json{{"items", std::move(items)}};
  });
}

json InspectionService::inspectors(const core::Principal& p, const std::string& name) {
  return ctx_.db.read([&](db::Conn& c) {
    json items = json::array();
    // The caller first: the usual inspector.
    auto officers = store_.officers(c, p.orgPath, name, 200);
    std::stable_partition(officers.begin(), officers.end(), [&](const OfficerRow& o) { return o.id == p.userId; });
    for (const auto& o : officers) items.push_back({{"id", o.id}, {"name", o.name}, {"orgName", o.orgName}});
    return json{{"items", std::move(items)}};
  });
}

}  // namespace baoan::supervision
