#include "modules/approval/approval_service.h"

#include "modules/approval/application_print.h"
#include "modules/approval/business_type.h"
#include "modules/approval/case_state.h"
#include "modules/approval/delegation_service.h"

#include <algorithm>
#include <cstdio>

#include "core/catalog.h"
#include "io/pdf_trial.h"
#include "core/permissions.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/regions.h"
#include "core/validation.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"

namespace baoan::approval {

using nlohmann::json;

namespace {
const std::vector<std::string> kMaterialTypes = {"application/pdf", "image/jpeg", "image/png"};

struct VerbInfo {
  Verb verb;
  const char* code;
  const char* name;
};
const VerbInfo kVerbs[] = {
    {Verb::accept, "accept", "受理"},
    {Verb::refuse, "refuse", "不予受理"},
    {Verb::requestCorrection, "request-correction", "补正告知"},
    {Verb::approve, "approve", "同意"},
    {Verb::reject, "reject", "不同意"},
    {Verb::sendBack, "send-back", "退回"},
    {Verb::recall, "recall", "撤回"},
    {Verb::transfer, "transfer", "转办"},
    {Verb::assign, "assign", "指派"},
    {Verb::urge, "urge", "催办"},
    {Verb::extend, "extend", "延期"},
    {Verb::pause, "pause", "特别程序"},
    {Verb::resume, "resume", "恢复计时"},
};

const std::vector<core::CodeName> kPauseKinds = {
    {"hearing", "听证"}, {"inspection", "检验"}, {"testing", "检测"}, {"appraisal", "鉴定"}, {"expert_review", "专家评审"}};

// The region a case is routed by: the form's (the branch's, the service's …) or else the applicant's.
std::string routingRegion(const BusinessTypeSpec& spec, const json& values, const std::string& applicantRegion) {
  const std::string field = spec.routingField.empty() ? "regionCode" : spec.routingField;
  return values.value(field, json()).is_string() ? values[field].get<std::string>() : applicantRegion;
}

std::string businessTypeName(const std::string& code) {
  const auto* t = core::findBusinessType(code);
  return t ? std::string(t->name) : code;
}

std::string postName(const std::string& code) {
  const auto* p = core::findApprovalPost(code);
  return p ? std::string(p->name) : code;
}

json stateJson(const CaseState& s) {
  return {{"status", s.status},
          {"stepIndex", s.stepIndex ? json(*s.stepIndex) : json(nullptr)},
          {"stepPost", modules::textOrNull(s.stepPost)},
          {"levelOrgId", s.levelOrgId ? json(*s.levelOrgId) : json(nullptr)},
          {"handlerUserId", s.handlerUserId ? json(*s.handlerUserId) : json(nullptr)},
          {"stepArrivedAt", s.stepArrivedAt ? json(*s.stepArrivedAt) : json(nullptr)},
          {"acceptedAt", s.acceptedAt ? json(*s.acceptedAt) : json(nullptr)}};
}

CaseState stateOf(const json& j) {
  auto optLong = [&](const char* k) { return j.at(k).is_null() ? std::nullopt : std::optional<long long>(j.at(k).get<long long>()); };
  CaseState s;
  s.status = j.at("status").get<std::string>();
  s.stepIndex = j.at("stepIndex").is_null() ? std::nullopt : std::optional<int>(j.at("stepIndex").get<int>());
  s.stepPost = j.at("stepPost").is_null() ? std::nullopt : std::optional<std::string>(j.at("stepPost").get<std::string>());
  s.levelOrgId = optLong("levelOrgId");
  s.handlerUserId = optLong("handlerUserId");
  s.stepArrivedAt = optLong("stepArrivedAt");
  s.acceptedAt = optLong("acceptedAt");
  return s;
}

std::string opinionOf(const json& body, bool required, const char* label = "审批意见") {
  FieldErrors errors;
  core::Form form(body, errors);
  std::string o = form.text("opinion", label, {required, 500, true});
  errors.throwIfAny();
  return o;
}

std::string reasonOf(const json& body, const char* key, const char* label) {
  FieldErrors errors;
  core::Form form(body, errors);
  std::string r = form.text(key, label, {true, 500, true});
  errors.throwIfAny();
  return r;
}

// "2026-12-07 10:04:05" (China time), as the printed log shows it.
std::string printTime(long long ms) {
  std::string s = core::toIso(ms).substr(0, 19);
  s[10] = ' ';
  return s;
}


// The supervising org of a case: the last id of its org path ("/1/2/13/" → 13).
long long orgIdOf(const std::string& path) {
  const auto end = path.find_last_not_of('/');
  if (end == std::string::npos) return 0;
  const auto start = path.find_last_of('/', end);
  return std::stoll(path.substr(start + 1, end - start));
}
}  // namespace

std::optional<Verb> parseVerb(const std::string& s) {
  for (const auto& v : kVerbs)
    if (s == v.code) return v.verb;
  return std::nullopt;
}
const char* verbCode(Verb v) {
  for (const auto& x : kVerbs)
    if (x.verb == v) return x.code;
  return "";
}
const char* verbName(Verb v) {
  for (const auto& x : kVerbs)
    if (x.verb == v) return x.name;
  return "";
}


struct ApprovalService::Loaded {
  CaseRow row;
  Chain chain;
  const Step* step() const {
    const auto& i = row.state.stepIndex;
    return i && *i >= 0 && *i < static_cast<int>(chain.steps.size()) ? &chain.steps[static_cast<std::size_t>(*i)] : nullptr;
  }
  // The steps that apply to this case (conditions on the chain read the form; most chains have none).
  std::optional<int> nextStep(int from) const {
    return chain.conditional() ? chain.nextStep(from, json::parse(row.form))
                               : from + 1 < static_cast<int>(chain.steps.size()) ? std::optional<int>(from + 1) : std::nullopt;
  }
  int lastStep() const { return lastStepOf(row, chain); }
};

ApprovalService::ApprovalService(app::Context& ctx, files::FileService& files, calendar::CalendarService& calendar,
                                 background::BackgroundCheckService& background, std::shared_ptr<licences::LicenceService> licences,
                                 industry::CompanyLicensing& companies, industry::UnitFilings& filings)
    : ctx_(ctx), files_(files), calendar_(calendar), background_(background), licences_(std::move(licences)), companies_(companies),
      fx_{*licences_, companies_, filings, store_} {
  // The materials of an application: the applicant, and the officers who may see the case.
  files_.addOwnerKind("application", [this](db::Conn& c, const core::Principal& p, long long id) {
    auto r = store_.find(c, id);
    if (!r) return false;
    if (r->applicantUserId == p.userId) return true;
    if (p.kind != "officer") return false;
    return store_.visible(c, p.scope, id) || store_.handledBy(c, id, p.userId) ||
           (r->state.levelOrgId && r->state.stepPost && store_.holds(c, p.userId, r->businessType, *r->state.stepPost, *r->state.levelOrgId));
  });
}

// ---- chains and forms -------------------------------------------------------------------------

void ensureChains(db::Database& db) {
  const ApprovalStore store;
  db.write([&](db::Conn& c) {
    for (const auto& t : core::businessTypes()) {
      const std::string code(t.code);
      if (!store.currentChain(c, code)) store.insertChain(c, code, 1, stepsJson(defaultSteps(code)).dump(), 0);
    }
  });
}

json ApprovalService::businessTypes() {
  return ctx_.db.read([&](db::Conn& c) {
    json out = json::array();
    for (const auto& t : core::businessTypes()) {
      const std::string code(t.code);
      auto chain = store_.currentChain(c, code);
      json steps = json::array();
      if (chain)
        for (const auto& s : chain->steps)
          steps.push_back({{"name", s.name}, {"post", s.post}, {"postName", postName(s.post)}, {"level", s.level}});
      const auto* spec = findSpec(code);
      json key = nullptr;
      if (spec && spec->keyField) key = {{"key", spec->keyField->first}, {"label", spec->keyField->second}};
      out.push_back({{"code", code}, {"name", std::string(t.name)}, {"steps", std::move(steps)},
                     {"version", chain ? chain->version : 0}, {"hasForm", applicationForm(code) != nullptr},
                     {"group", spec ? spec->group : ""}, {"batchable", spec && spec->batchable},
                     {"issuesLicence", spec && spec->issuesLicence}, {"yearlyRounds", spec && spec->yearlyRounds},
                     {"keyField", key}});
    }
    return out;
  });
}

json ApprovalService::chain(const std::string& businessType) {
  if (!core::findBusinessType(businessType)) throw notFound("业务类型不存在");
  return ctx_.db.read([&](db::Conn& c) {
    auto ch = store_.currentChain(c, businessType);
    if (!ch) throw notFound("业务类型不存在");
    return json{{"businessType", businessType}, {"name", businessTypeName(businessType)}, {"version", ch->version},
                {"legalDays", ch->legalDays()}, {"steps", stepsJson(ch->steps)}};
  });
}

json ApprovalService::saveChain(const core::Actor& a, const std::string& businessType, const json& body) {
  if (!core::findBusinessType(businessType)) throw notFound("业务类型不存在");
  if (!body.is_object() || !body.contains("steps")) throw invalidField("steps", "审批步骤不能为空");
  const auto steps = readSteps(body.at("steps"));
  ctx_.db.write([&](db::Conn& c) {
    auto current = store_.currentChain(c, businessType);
    const int version = current ? current->version + 1 : 1;
    store_.insertChain(c, businessType, version, stepsJson(steps).dump(), a.who.userId);
    audit::record(c, a, "update", "workflow", businessType,
                  "修改" + businessTypeName(businessType) + "的审批流程为第" + std::to_string(version) + "版(" +
                      std::to_string(steps.size()) + "步)");
  });
  return chain(businessType);
}

json ApprovalService::form(const std::string& businessType) {
  if (!core::findBusinessType(businessType)) throw notFound("业务类型不存在");
  const auto* f = applicationForm(businessType);
  if (!f) throw notFound("该业务类型的申请表尚未开放");
  return formJson(*f);
}

// ---- the applicant ------------------------------------------------------------------------------

ApplicantState ApprovalService::applicantState(db::Conn& c, const core::Principal& p) {
  const auto unit = fx_.filings.unitState(c, p);
  // An account that only signed up is the kind of unit it signed up as.
  const std::string unitKind = p.kind == "applicant" ? store_.signedUpAs(c, p.userId) : p.kind;
  return {p.kind, unitKind, unit.licensed, unit.filed};
}

json ApprovalService::applicableTypes(const core::Principal& p) {
  const ApplicantState state = ctx_.db.read([&](db::Conn& c) { return applicantState(c, p); });
  json out = json::array();
  for (const auto& t : core::businessTypes()) {
    const std::string code(t.code);
    const auto* spec = findSpec(code);
    std::optional<std::string> why;
    if (!applicationForm(code)) why = "该业务的网上申请尚未开放";
    else if (spec->whyNot) why = spec->whyNot(state);
    json item = {{"code", code}, {"name", std::string(t.name)}, {"allowed", !why}, {"available", !why}};
    item["reason"] = why ? json(*why) : json(nullptr);
    out.push_back(std::move(item));
  }
  return out;
}

void ApprovalService::checkPicks(db::Conn& c, const core::Principal& p, const ApplicationForm& f, const ReadForm& read) {
  FieldErrors errors;
  for (const auto& field : f.fields) {
    const std::string at = "form." + field.key;
    if (field.type == InputType::licence) {
      const auto holder = licenceHolder(p);
      const auto held = holder ? licences_->validLicencesOf(c, holder->first, holder->second) : std::vector<licences::LicenceRow>{};
      for (long long id : read.licenceIds)
        if (std::none_of(held.begin(), held.end(), [&](const licences::LicenceRow& l) { return l.id == id; }))
          errors.add(at, field.label + "应为本单位有效的许可证");
    }
    if (field.type == InputType::guards && !read.guardIds.empty()) {
      const auto strangers = p.companyId ? store_.notEmployedBy(c, p.companyId, read.guardIds) : read.guardIds;
      if (!strangers.empty()) errors.add(at, field.label + "中有" + std::to_string(strangers.size()) + "人不是本单位在职保安员");
    }
  }
  errors.throwIfAny();
}

json ApprovalService::create(const core::Actor& a, const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  const std::string type = form.text("businessType", "业务类型", {true, 40});
  const bool submitNow = form.boolean("submit", "是否提交", false).value_or(false);
  errors.throwIfAny();
  if (!core::findBusinessType(type)) throw invalidField("businessType", "业务类型不存在");
  const auto* def = applicationForm(type);
  if (!def) throw invalidField("businessType", "该业务类型的网上申请尚未开放");
  const auto& spec = *findSpec(type);
  if (spec.whyNot)
    if (auto why = spec.whyNot(ctx_.db.read([&](db::Conn& c) { return applicantState(c, a.who); }))) throw invalidField("businessType", *why);
  if (!body.contains("form")) throw invalidField("form", "申请表不能为空");
  const ReadForm read = readForm(*def, body.at("form"), submitNow);
  const long long id = ctx_.db.write([&](db::Conn& c) {
    checkPicks(c, a.who, *def, read);
    auto applicant = store_.applicantOf(c, a.who.kind, a.who.userId, a.who.companyId);
    if (!applicant) throw notFound("申请人不存在");
    auto chain = store_.currentChain(c, type);
    if (!chain) throw notFound("业务类型不存在");
    CaseRow r;
    r.businessType = type;
    r.workflowVersionId = chain->id;
    r.state.status = "draft";
    r.applicantUserId = a.who.userId;
    r.applicantCompanyId = applicant->companyId;
    r.applicantName = read.values.value("name", json()).is_string() ? read.values["name"].get<std::string>() : applicant->name;
    r.applicantCode = applicant->code;
    r.regionCode = routingRegion(spec, read.values, applicant->regionCode);
    r.form = read.values.dump();
    r.keyValue = keyValueOf(spec, read.values);
    r.orgPath = applicant->orgPath;
    r.createdAt = r.updatedAt = core::nowMs();
    const long long newId = store_.insertCase(c, r);
    for (const auto& fid : read.fileIds) files_.attach(c, a.who, fid, "application", newId, kMaterialTypes, "form", "申请材料");
    audit::record(c, a, "create", "application", std::to_string(newId), "填写" + businessTypeName(type) + "申请:" + r.applicantName);
    return newId;
  });
  if (submitNow) return submit(a, id);
  return applicantGet(a.who, id);
}

json ApprovalService::edit(const core::Actor& a, long long id, const json& body) {
  const bool submitNow = body.is_object() && body.contains("submit") && body.at("submit").is_boolean() && body.at("submit").get<bool>();
  ctx_.db.write([&](db::Conn& c) {
    Loaded l = loadForApplicant(c, a.who, id);  // another's application does not exist, whatever the body
    if (!body.is_object() || !body.contains("form")) throw invalidField("form", "申请表不能为空");
    const auto& st = l.row.state.status;
    if (st != "draft" && st != "correction" && st != "returned")
      throw conflict("办件状态为「" + statusName(st) + "」,不能修改申请");
    const auto* def = applicationForm(l.row.businessType);
    const ReadForm read = readForm(*def, body.at("form"), false);
    checkPicks(c, a.who, *def, read);
    for (const auto& fid : read.fileIds) files_.attach(c, a.who, fid, "application", id, kMaterialTypes, "form", "申请材料");
    const std::string name = read.values.value("name", json()).is_string() ? read.values["name"].get<std::string>() : l.row.applicantName;
    const auto& spec = *findSpec(l.row.businessType);
    store_.updateForm(c, id, read.values.dump(), name, keyValueOf(spec, read.values), routingRegion(spec, read.values, l.row.regionCode),
                      core::nowMs());
    audit::record(c, a, "update", "application", std::to_string(id), "修改申请:" + name);
  });
  if (submitNow) return submit(a, id);
  return applicantGet(a.who, id);
}

json ApprovalService::submit(const core::Actor& a, long long id) {
  ctx_.db.write([&](db::Conn& c) {
    Loaded l = loadForApplicant(c, a.who, id);
    submitLoaded(c, a, l);
  });
  return applicantGet(a.who, id);
}

std::pair<long long, std::string> ApprovalService::openCase(db::Conn& c, const core::Actor& a, const NewCase& n) {
  const auto* spec = findSpec(n.businessType);
  if (!spec) throw notFound("业务类型不存在");
  auto chain = store_.currentChain(c, n.businessType);
  if (!chain) throw notFound("业务类型不存在");
  CaseRow r;
  r.businessType = n.businessType;
  r.workflowVersionId = chain->id;
  r.state.status = "draft";
  r.applicantUserId = n.applicantUserId;
  r.applicantCompanyId = n.applicantCompanyId;
  r.applicantName = n.applicantName;
  r.applicantCode = n.applicantCode;
  r.regionCode = n.regionCode;
  r.form = n.form.dump();
  r.keyValue = keyValueOf(*spec, n.form);
  r.orgPath = n.orgPath;
  r.createdAt = r.updatedAt = core::nowMs();
  const long long id = store_.insertCase(c, r);
  for (const auto& fid : n.fileIds) files_.attach(c, a.who, fid, "application", id, kMaterialTypes, "form", "申请材料");
  Loaded l = load(c, id);
  submitLoaded(c, a, l);
  if (spec->acceptedOnOpen) {
    Loaded opened = load(c, id);
    opened.row.state.status = "in_review";
    opened.row.state.acceptedAt = opened.row.submittedAt;
    if (!store_.save(c, opened.row)) throw conflict("办件已被更新,请刷新后重试");
  }
  return {id, l.row.caseNo.value_or("")};
}

void ApprovalService::submitLoaded(db::Conn& c, const core::Actor& a, Loaded& l) {
  {
    const long long id = l.row.id;
    CaseRow& r = l.row;
    const std::string was = r.state.status;
    if (was != "draft" && was != "correction" && was != "returned") throw conflict("办件状态为「" + statusName(was) + "」,不能提交");
    const auto* def = applicationForm(r.businessType);
    const auto& spec = *findSpec(r.businessType);
    const ReadForm read = readForm(*def, json::parse(r.form), true);  // every required field, now
    checkPicks(c, a.who, *def, read);
    const long long now = core::nowMs();
    json values = read.values;
    if (spec.prepare) {
      SubmitContext sc{c, a.who, values, fx_};
      spec.prepare(sc);
      r.form = values.dump();
      store_.updateForm(c, id, r.form, r.applicantName, r.keyValue, r.regionCode, now);
      ++r.version;  // the form's write counts as one; the save below checks the version
    }
    std::optional<std::string> late;
    if (spec.late) late = lateFiling(*spec.late, values, core::chinaDay(now), *calendar_.current(c));
    store_.setLateFiling(c, id, late);
    if (!r.caseNo) {
      char no[40];
      std::snprintf(no, sizeof no, "BA%s%08lld", core::toChinaDate(now).substr(0, 4).c_str(), r.id);
      r.caseNo = no;
      store_.setCaseNo(c, id, *r.caseNo);
    }
    // A returned case starts the chain again, on the chain in force now; a corrected one resumes
    // at its first step, waiting for 受理 again.
    if (was != "correction") {
      auto chain = store_.currentChain(c, r.businessType);
      r.workflowVersionId = chain->id;
      l.chain = *chain;
    }
    auto county = store_.orgAtLevel(c, r.regionCode, "county");
    if (!county) county = store_.orgAtLevel(c, r.regionCode, "city");
    if (county) r.orgPath = county->second;
    r.state.status = "submitted";
    r.submittedAt = now;
    r.state.acceptedAt.reset();
    r.correctionItems.reset();
    r.publicReason.reset();
    r.previousState.reset();
    r.lastActionBy = a.who.userId;
    arrive(c, r, l.chain, l.chain.nextStep(-1, values).value_or(0), std::nullopt);
    if (!store_.save(c, r)) throw conflict("办件已被更新,请刷新后重试");
    store_.log(c, id, LogEntry{now, a.who.userId, a.who.name, a.who.kind == "company" ? "申请单位" : "申请人", std::nullopt,
                               std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                               std::string(was == "draft" ? "submit" : "resubmit"), std::string(was == "draft" ? "提交申请" : "重新提交"),
                               std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    audit::record(c, a, "submit", "application", std::to_string(id), "提交" + businessTypeName(r.businessType) + "申请 " + *r.caseNo);
  }
}

json ApprovalService::withdraw(const core::Actor& a, long long id) {
  ctx_.db.write([&](db::Conn& c) {
    Loaded l = loadForApplicant(c, a.who, id);
    withdrawLoaded(c, a, l);
  });
  return applicantGet(a.who, id);
}

void ApprovalService::withdrawIn(db::Conn& c, const core::Actor& a, long long id) {
  Loaded l = load(c, id);
  withdrawLoaded(c, a, l);
}

std::string ApprovalService::rerouteIn(db::Conn& c, const core::Actor& a, long long id, long long stationId, const std::string& cityCode) {
  Loaded l = load(c, id);
  CaseRow& r = l.row;
  const Step* step = l.step();
  if (!isOpen(r.state.status) || !step || step->level != "station") throw conflict("办件不在派出所办理环节,不能改派");
  const auto here = r.state.levelOrgId ? store_.orgPath(c, *r.state.levelOrgId) : std::nullopt;
  if (!atMyStep(c, a.who, l) && !(here && a.who.scope.coversOrg(*here))) throw forbidden("只有办理该办件的派出所或其上级机关可以改派");
  const auto target = store_.station(c, stationId);
  if (!target || target->regionCode.substr(0, 4) != cityCode.substr(0, 4)) throw invalidField("stationId", "只能改派到本市的派出所");
  if (r.state.levelOrgId == stationId) throw invalidField("stationId", "办件已在该派出所");
  // The station's own region routes the rest of the chain (its chief, its county's 背景审查).
  r.regionCode = target->regionCode;
  const long long now = core::nowMs();
  r.state.levelOrgId = stationId;
  r.state.handlerUserId.reset();
  r.state.stepArrivedAt = now;
  r.lastActionBy = a.who.userId;
  if (!store_.save(c, r)) throw conflict("办件已被更新,请刷新后重试");
  store_.setRegion(c, id, r.regionCode);
  store_.log(c, id, LogEntry{now, a.who.userId, a.who.name, a.who.orgName, step->post, postName(step->post), std::nullopt,
                             r.state.stepIndex, step->name, "reroute", "改派至" + target->name, std::nullopt, std::nullopt,
                             std::nullopt, std::nullopt});
  return target->path;
}

void ApprovalService::withdrawLoaded(db::Conn& c, const core::Actor& a, Loaded& l) {
  {
    const long long id = l.row.id;
    CaseRow& r = l.row;
    const std::string was = r.state.status;
    if (was != "draft" && was != "submitted" && was != "correction" && was != "returned")
      throw conflict(was == "in_review" || was == "paused" ? "办件已受理,不能撤回申请" : "办件状态为「" + statusName(was) + "」,不能撤回");
    r.state = CaseState{"withdrawn", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    r.previousState.reset();
    r.lastActionBy = a.who.userId;
    if (!store_.save(c, r)) throw conflict("办件已被更新,请刷新后重试");
    if (const auto* spec = findSpec(r.businessType); spec->ended) spec->ended(c, r, "withdrawn");
    store_.log(c, id, LogEntry{core::nowMs(), a.who.userId, a.who.name, "申请人", std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                               std::nullopt, "withdraw", "撤回申请", std::nullopt, std::nullopt, std::nullopt, std::nullopt});
    audit::record(c, a, "withdraw", "application", std::to_string(id), "撤回申请 " + r.caseNo.value_or(std::to_string(id)));
  }
}

json ApprovalService::applicantList(const core::Principal& p, const CaseFilter& f, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.ofApplicant(c, p.userId, f, page);
    json items = json::array();
    for (const auto& r : rows) {
      auto chain = chainOf(c, r.workflowVersionId);
      json j = rowJson(r, *chain, *calendar_.current(c));
      j.erase("handlerName");
      items.push_back(std::move(j));
    }
    return modules::pageJson(std::move(items), total, page);
  });
}

json ApprovalService::applicantGet(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) { return applicantJson(c, loadForApplicant(c, p, id)); });
}

json ApprovalService::messages(const core::Principal& p) {
  return ctx_.db.read([&](db::Conn& c) {
    json out = json::array();
    for (const auto& m : store_.messages(c, p.userId))
      out.push_back({{"id", m.id}, {"applicationId", m.caseId ? json(*m.caseId) : json(nullptr)}, {"title", m.title},
                     {"body", m.body}, {"createdAt", core::toIso(m.createdAt)}, {"readAt", modules::isoOrNull(m.readAt)}});
    return out;
  });
}

// ---- officers -----------------------------------------------------------------------------------

json ApprovalService::casesPage(db::Conn& c, const Fetch& fetch, const CaseFilter& f, const core::PageRequest& page) {
  constexpr int kWarningScan = 5000;  // a handler's open cases; more would be a backlog no page shows anyway
  const auto cal = calendar_.current(c);
  auto rowsJson = [&](const std::vector<CaseRow>& rows) {
    json items = json::array();
    for (const auto& r : rows) items.push_back(rowJson(r, *chainOf(c, r.workflowVersionId), *cal));
    return items;
  };
  if (!f.warning) {
    auto [rows, total] = fetch(page);
    return modules::pageJson(rowsJson(rows), total, page);
  }
  json matching = json::array();
  for (auto& j : rowsJson(fetch({1, kWarningScan}).first))
    if (j["warning"] == *f.warning) matching.push_back(std::move(j));
  const long long total = static_cast<long long>(matching.size());
  json items = json::array();
  for (long long i = page.offset(); i < total && i < page.offset() + page.size; ++i) items.push_back(std::move(matching[static_cast<std::size_t>(i)]));
  return modules::pageJson(std::move(items), total, page);
}

json ApprovalService::todo(const core::Principal& p, const CaseFilter& f, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    // The officer's own posts, and those of the officers they stand in for today.
    std::vector<Handler> handlers;
    // What arrived during one of the officer's absences went to the deputy.
    auto add = [&](long long userId, const std::string& orgPath) -> Handler* {
      Handler h{userId, store_.levelOrgOf(c, orgPath).value_or(0), store_.postsOf(c, userId), std::nullopt, {}};
      if (!h.levelOrgId || h.posts.empty()) return nullptr;
      handlers.push_back(std::move(h));
      return &handlers.back();
    };
    if (Handler* me = add(p.userId, p.orgPath))
      for (const auto& d : store_.delegationsOf(c, p.userId, "")) me->arrivedOutside.push_back(delegationWindow(d));
    for (const auto& d : standingInFor(c, store_, p.userId))
      if (Handler* h = add(d.userId, d.userOrgPath)) h->arrivedWithin = delegationWindow(d);
    if (handlers.empty()) return modules::pageJson(json::array(), 0, page);
    return casesPage(c, [&](const core::PageRequest& pg) { return store_.todo(c, handlers, f, pg); }, f, page);
  });
}

json ApprovalService::done(const core::Principal& p, const CaseFilter& f, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    return casesPage(c, [&](const core::PageRequest& pg) { return store_.done(c, p.userId, f, pg); }, f, page);
  });
}

json ApprovalService::list(const core::Principal& p, const CaseFilter& f, const core::PageRequest& page) {
  return ctx_.db.read([&](db::Conn& c) {
    return casesPage(c, [&](const core::PageRequest& pg) { return store_.inScope(c, p.scope, f, pg); }, f, page);
  });
}

json ApprovalService::get(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) { return officerJson(c, p, loadForOfficer(c, p, id)); });
}

json ApprovalService::log(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) {
    loadForOfficer(c, p, id);
    json out = json::array();
    for (const auto& e : store_.logOf(c, id)) {
      std::string who = e.userName;
      if (e.onBehalfOf) who += "(代" + *e.onBehalfOf + ")";
      out.push_back({{"at", core::toIso(e.at)},
                     {"userName", who},
                     {"orgName", e.orgName},
                     {"postName", modules::textOrNull(e.postName)},
                     {"stepName", modules::textOrNull(e.stepName)},
                     {"action", e.action},
                     {"actionName", e.actionName},
                     {"opinion", modules::textOrNull(e.opinion)},
                     {"publicNote", modules::textOrNull(e.publicNote)},
                     {"workingDays", e.workingDays ? json(*e.workingDays) : json(nullptr)},
                     {"naturalDays", e.naturalDays ? json(*e.naturalDays) : json(nullptr)}});
    }
    return out;
  });
}

json ApprovalService::candidates(const core::Principal& p, long long id, Verb purpose) {
  return ctx_.db.read([&](db::Conn& c) {
    Loaded l = loadForOfficer(c, p, id);
    const Step* s = l.step();
    if (!s || !isOpen(l.row.state.status)) return json::array();
    std::string post = s->post;
    long long org = *l.row.state.levelOrgId;
    if (purpose == Verb::assign) {
      const auto next = l.nextStep(*l.row.state.stepIndex);
      if (s->kind != StepKind::assign || !next) return json::array();
      post = l.chain.steps[static_cast<std::size_t>(*next)].post;
    }
    json out = json::array();
    for (const auto& h : store_.holders(c, l.row.businessType, post, org)) {
      if (purpose == Verb::transfer && h.id == p.userId) continue;
      out.push_back({{"id", h.id}, {"name", h.name}, {"orgName", h.orgName}, {"postName", postName(post)}});
    }
    return out;
  });
}

std::shared_ptr<const Chain> ApprovalService::chainOf(db::Conn& c, long long versionId) {
  {
    std::lock_guard lock(chainsMutex_);
    if (auto it = chains_.find(versionId); it != chains_.end()) return it->second;
  }
  auto chain = store_.chainById(c, versionId);
  if (!chain) throw std::runtime_error("workflow version " + std::to_string(versionId) + " missing");
  auto shared = std::make_shared<const Chain>(std::move(*chain));
  std::lock_guard lock(chainsMutex_);
  return chains_.emplace(versionId, std::move(shared)).first->second;
}

ApprovalService::Loaded ApprovalService::load(db::Conn& c, long long id) {
  auto r = store_.find(c, id);
  if (!r) throw notFound("办件不存在");
  auto chain = chainOf(c, r->workflowVersionId);
  return Loaded{std::move(*r), *chain};
}

ApprovalService::Loaded ApprovalService::loadForOfficer(db::Conn& c, const core::Principal& p, long long id) {
  Loaded l = load(c, id);
  if (l.row.state.status == "draft") throw notFound("办件不存在");
  if (store_.visible(c, p.scope, id) || store_.handledBy(c, id, p.userId) || atMyStep(c, p, l)) return l;
  throw notFound("办件不存在");
}

ApprovalService::Loaded ApprovalService::loadForApplicant(db::Conn& c, const core::Principal& p, long long id) {
  Loaded l = load(c, id);
  if (l.row.applicantUserId != p.userId) throw notFound("申请不存在");
  return l;
}

bool ApprovalService::correctionWindowPassed(db::Conn& c, const CaseRow& r) {
  return r.state.status == "submitted" && r.state.stepIndex == 0 && r.state.stepArrivedAt &&
         calendar_.current(c)->correctionWindowPassed(*r.state.stepArrivedAt, core::nowMs());
}

bool ApprovalService::atMyStep(db::Conn& c, const core::Principal& p, const Loaded& l) { return actingAs(c, p, l).has_value(); }

std::optional<std::string> ApprovalService::actingAs(db::Conn& c, const core::Principal& p, const Loaded& l) {
  const auto& s = l.row.state;
  if (!isOpen(s.status) || !s.stepPost || !s.levelOrgId) return std::nullopt;
  auto holdsStep = [&](long long userId) {
    return (!s.handlerUserId || *s.handlerUserId == userId) && store_.holds(c, userId, l.row.businessType, *s.stepPost, *s.levelOrgId);
  };
  // A case that arrived during one of the officer's absences is the deputy's, not the officer's.
  auto away = [&](long long userId) {
    for (const auto& d : store_.delegationsOf(c, userId, ""))
      if (arrivedDuring(delegationWindow(d), s.stepArrivedAt)) return true;
    return false;
  };
  if (holdsStep(p.userId) && !away(p.userId)) return std::string();
  for (const auto& d : standingInFor(c, store_, p.userId))
    if (arrivedDuring(delegationWindow(d), s.stepArrivedAt) && holdsStep(d.userId)) return d.userName;
  return std::nullopt;
}

// The head of the deciding org: a holder of the last step's post where that step is taken.
bool ApprovalService::decidesFor(db::Conn& c, const core::Principal& p, const Loaded& l) {
  const Step& last = l.chain.steps.at(static_cast<std::size_t>(l.lastStep()));
  auto org = store_.orgAtLevel(c, l.row.regionCode, last.level);
  return org && store_.holds(c, p.userId, l.row.businessType, last.post, org->first);
}

std::vector<Verb> ApprovalService::allowed(db::Conn& c, const core::Principal& p, const Loaded& l) {
  std::vector<Verb> out;
  const auto& s = l.row.state;
  const Step* step = l.step();
  const bool mine = atMyStep(c, p, l);
  if (mine && s.status == "submitted") {
    out.insert(out.end(), {Verb::accept, Verb::refuse, Verb::transfer});
    if (!correctionWindowPassed(c, l.row)) out.push_back(Verb::requestCorrection);
  }
  if (mine && s.status == "in_review" && step) {
    if (step->kind == StepKind::assign) out.push_back(Verb::assign);
    else out.insert(out.end(), {Verb::approve, Verb::reject});
    if (*s.stepIndex > 0) out.push_back(Verb::sendBack);
    out.push_back(Verb::transfer);
  }
  // 催办 once a day per case: not offered again until a day has passed.
  if (isOpen(s.status) && !mine && !store_.urgedSince(c, l.row.id, core::nowMs() - core::kDayMs)) out.push_back(Verb::urge);
  if (isOpen(s.status) && l.row.lastActionBy == p.userId && l.row.previousState) out.push_back(Verb::recall);
  if (decidesFor(c, p, l)) {
    if (s.status == "in_review") {
      if (l.row.extensionDays == 0) out.push_back(Verb::extend);
      out.push_back(Verb::pause);
    }
    if (s.status == "paused") out.push_back(Verb::resume);
  }
  return out;
}

void ApprovalService::arrive(db::Conn& c, CaseRow& r, const Chain& chain, int index, std::optional<long long> handler) {
  const Step& s = chain.steps.at(static_cast<std::size_t>(index));
  auto org = store_.orgAtLevel(c, r.regionCode, s.level);
  if (!org) throw conflict("未找到办理「" + s.name + "」的公安机关(" + core::RegionTable::instance().fullName(r.regionCode) + ")");
  r.state.stepIndex = index;
  r.state.stepPost = s.post;
  r.state.levelOrgId = org->first;
  r.state.handlerUserId = handler;
  r.state.stepArrivedAt = core::nowMs();
}

void ApprovalService::notifyApplicant(db::Conn& c, const CaseRow& r, const std::string& title, const std::string& body,
                                      const std::map<std::string, std::string>& extra) {
  store_.message(c, r.applicantUserId, r.id, title, body);
  const auto form = json::parse(r.form);
  std::string mobile;
  if (form.contains("legalPerson") && form["legalPerson"].is_array() && !form["legalPerson"].empty() &&
      form["legalPerson"][0].value("mobile", json()).is_string())
    mobile = form["legalPerson"][0]["mobile"].get<std::string>();
  else if (form.contains("mobile") && form["mobile"].is_string())  // a person's own application (exam registration)
    mobile = form["mobile"].get<std::string>();
  if (mobile.empty()) return;
  std::map<std::string, std::string> params = extra;
  params["caseNo"] = r.caseNo.value_or("");
  params["result"] = title;
  ctx_.sms.send(c, {mobile, "application_" + title,
                    "【保安服务监管信息系统】您的" + businessTypeName(r.businessType) + "申请(办件编号" + r.caseNo.value_or("") + ")" + body,
                    r.applicantUserId, r.orgPath, params});
}

json ApprovalService::act(const core::Actor& a, long long id, Verb verb, const json& body) {
  ctx_.db.write([&](db::Conn& c) {
    Loaded l = loadForOfficer(c, a.who, id);  // outside what the caller may see: 404 whatever the body
    if (!body.is_object()) throw AppError(400, "bad_request", "请求体应为 JSON 对象");
    const auto verbs = allowed(c, a.who, l);
    if (verb == Verb::requestCorrection && l.row.state.status == "submitted" && correctionWindowPassed(c, l.row))
      throw conflict("收到申请已超过5个工作日,不能再告知补正:依法自收到申请之日起即为受理");
    if (verb == Verb::urge && isOpen(l.row.state.status) && store_.urgedSince(c, id, core::nowMs() - core::kDayMs))
      throw conflict("该办件今天已催办过,请明天再催");
    if (std::find(verbs.begin(), verbs.end(), verb) == verbs.end()) {
      if (!atMyStep(c, a.who, l) && verb != Verb::urge && verb != Verb::recall && verb != Verb::extend && verb != Verb::pause &&
          verb != Verb::resume && isOpen(l.row.state.status))
        throw conflict("该办件当前不在您的待办中(" + (l.step() ? l.step()->name : statusName(l.row.state.status)) + ")");
      throw conflict("办件状态为「" + statusName(l.row.state.status) + "」,不能" + verbName(verb));
    }
    CaseRow& r = l.row;
    const long long now = core::nowMs();
    const Step* step = l.step();
    const CaseState before = r.state;
    LogEntry e{now, a.who.userId, a.who.name, a.who.orgName, step ? std::optional<std::string>(step->post) : std::nullopt,
               step ? std::optional<std::string>(postName(step->post)) : std::nullopt, std::nullopt, r.state.stepIndex,
               step ? std::optional<std::string>(step->name) : std::nullopt, verbCode(verb), verbName(verb), std::nullopt, std::nullopt,
               std::nullopt, std::nullopt};
    if (auto as = actingAs(c, a.who, l); as && !as->empty()) e.onBehalfOf = *as;
    if (auto clock = stepClock(r, l.chain)) {
      const auto took = calendar_.current(c)->duration(*r.state.stepArrivedAt, now, clock->pauses);
      e.workingDays = static_cast<int>(took.workingDays);
      e.naturalDays = static_cast<int>(took.naturalDays);
    }
    bool recallable = true;
    switch (verb) {
      case Verb::accept: {
        e.opinion = opinionOf(body, false);
        // 行政许可法 art. 32: no 补正告知 within 5 working days, and the case counts as accepted on arrival
        // (decided while the case still waits for 受理: the window is that of a submitted case).
        const bool windowPassed = correctionWindowPassed(c, r);
        r.state.status = "in_review";
        if (windowPassed) {
          r.state.acceptedAt = r.state.stepArrivedAt;
          e.publicNote = "逾期未告知补正,自收到申请之日起即为受理";
        } else {
          r.state.acceptedAt = now;
        }
        notifyApplicant(c, r, "已受理", "已受理,请耐心等待审查结果。");
        break;
      }
      case Verb::refuse: {
        const std::string reason = reasonOf(body, "reason", "不予受理理由");
        e.opinion = opinionOf(body, false);
        e.publicNote = reason;
        r.state.status = "refused";
        r.state.stepIndex.reset();
        r.state.stepPost.reset();
        r.state.levelOrgId.reset();
        r.state.handlerUserId.reset();
        r.publicReason = reason + "。如对本决定不服,可以依法申请行政复议或者提起行政诉讼。";
        r.decidedAt = now;
        recallable = false;
        notifyApplicant(c, r, "不予受理", "不予受理,理由:" + reason);
        if (const auto* spec = findSpec(r.businessType); spec->ended) spec->ended(c, r, "refused");
        break;
      }
      case Verb::requestCorrection: {
        if (!body.contains("items") || !body.at("items").is_array() || body.at("items").empty())
          throw invalidField("items", "补正告知须列明需要补正的全部内容");
        json items = json::array();
        for (std::size_t i = 0; i < body.at("items").size() && i < 50; ++i) {
          const json& it = body.at("items")[i];
          if (!it.is_string() || core::trim(it.get<std::string>()).empty() || it.get<std::string>().size() > 600)
            throw invalidField("items[" + std::to_string(i) + "]", "第" + std::to_string(i + 1) + "项补正内容应为1到200字的文字");
          if (core::hasControlCharacters(it.get<std::string>(), true))
            throw invalidField("items[" + std::to_string(i) + "]", "第" + std::to_string(i + 1) + "项补正内容含有控制字符");
          items.push_back(core::trim(it.get<std::string>()));
        }
        e.opinion = opinionOf(body, false);
        std::string listed;
        for (std::size_t i = 0; i < items.size(); ++i) listed += std::to_string(i + 1) + "." + items[i].get<std::string>() + ";";
        e.publicNote = listed;
        r.state.status = "correction";
        r.correctionItems = items.dump();
        notifyApplicant(c, r, "补正告知", "需要补正材料:" + listed + "请登录系统补正后重新提交。");
        break;
      }
      case Verb::approve: {
        e.opinion = opinionOf(body, true);
        // 背景审查 (§4.1.1): all four checks must have passed for every person; until the
        // background-check adapter records them, a step that requires them cannot be approved.
        if (step->backgroundCheck && !backgroundChecksPassed(c, l))
          throw conflict("请先完成背景审查:申请中每个人员的四项审查全部通过后才能同意");
        if (const auto next = l.nextStep(*r.state.stepIndex)) {
          arrive(c, r, l.chain, *next, std::nullopt);
        } else {
          r.state = CaseState{"granted", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, r.state.acceptedAt};
          r.decidedAt = now;
          const auto issued = grant(c, a, r, l.chain);
          recallable = false;
          const std::string outcome = findSpec(r.businessType)->grantedName;
          if (issued)
            notifyApplicant(c, r, outcome, "已审批通过," + outcome + "。" + issued->name + "编号:" + issued->number + "。",
                            {{"documentName", issued->name}, {"documentNo", issued->number}});
          else
            notifyApplicant(c, r, outcome, "已审批通过," + outcome + "。");
        }
        break;
      }
      case Verb::reject: {
        const std::string reason = reasonOf(body, "reason", "不同意的理由");
        e.opinion = opinionOf(body, false);
        e.publicNote = reason;
        recallable = false;
        const auto& spec = *findSpec(r.businessType);
        if (spec.rejectEnds) {  // the case ends here (审查不通过), it does not go back for correction
          r.state = CaseState{"rejected", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, r.state.acceptedAt};
          r.publicReason = reason;
          r.decidedAt = now;
          notifyApplicant(c, r, spec.rejectedName, spec.rejectedName + ",理由:" + reason + "。");
          if (spec.ended) spec.ended(c, r, "rejected");
          break;
        }
        r.state = CaseState{"returned", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
        r.publicReason = reason;
        notifyApplicant(c, r, "退回", "未获同意,理由:" + reason + "。可修改后重新提交。");
        break;
      }
      case Verb::sendBack: {
        e.opinion = opinionOf(body, true, "退回意见");
        const json& to = body.contains("toStep") ? body.at("toStep") : json();
        if (!to.is_number_integer()) throw AppError(400, "bad_request", "toStep 应为整数(退回到的步骤序号,从0开始)", {{"toStep", "toStep 应为整数"}});
        const int target = to.get<int>();
        if (target < 0 || target >= *r.state.stepIndex) throw invalidField("toStep", "只能退回到已经过的步骤");
        arrive(c, r, l.chain, target, std::nullopt);
        e.actionName = std::string("退回至") + l.chain.steps[static_cast<std::size_t>(target)].name;
        break;
      }
      case Verb::transfer:
      case Verb::assign: {
        const json& to = body.contains("userId") ? body.at("userId") : json();
        if (!to.is_number_integer()) throw AppError(400, "bad_request", "userId 应为整数", {{"userId", "userId 应为整数"}});
        const long long target = to.get<long long>();
        e.opinion = opinionOf(body, false);
        const auto name = store_.userName(c, target);
        if (verb == Verb::transfer) {
          if (target == a.who.userId || !store_.holds(c, target, r.businessType, step->post, *r.state.levelOrgId))
            throw invalidField("userId", "只能转办给本单位同一审批岗位的其他人员");
          r.state.handlerUserId = target;
        } else {
          const int nextIndex = l.nextStep(*r.state.stepIndex).value_or(*r.state.stepIndex + 1);
          const Step& next = l.chain.steps.at(static_cast<std::size_t>(nextIndex));
          auto org = store_.orgAtLevel(c, r.regionCode, next.level);
          if (!org || !store_.holds(c, target, r.businessType, next.post, org->first))
            throw invalidField("userId", "只能指派给本单位的" + postName(next.post));
          arrive(c, r, l.chain, nextIndex, target);
        }
        e.publicNote.reset();
        e.opinion = (e.opinion && !e.opinion->empty() ? *e.opinion + ";" : std::string()) +
                    (verb == Verb::assign ? "指派给" : "转办给") + name.value_or("");
        break;
      }
      case Verb::recall: {
        e.opinion = opinionOf(body, false);
        r.state = stateOf(json::parse(*r.previousState));
        r.previousState.reset();
        r.lastActionBy.reset();
        recallable = false;
        break;
      }
      case Verb::urge: {
        if (store_.urgedSince(c, id, now - core::kDayMs)) throw conflict("该办件今天已催办过,请明天再催");
        e.opinion = opinionOf(body, false, "催办说明");
        e.post.reset();
        e.postName.reset();
        for (const auto& h : store_.holders(c, r.businessType, *r.state.stepPost, *r.state.levelOrgId)) {
          if (r.state.handlerUserId && *r.state.handlerUserId != h.id) continue;
          // A case that arrived during the holder's absence is the deputy's: the deputy is urged.
          long long to = h.id;
          std::string mobile = h.mobile, orgPath = h.orgPath;
          for (const auto& d : store_.delegationsOf(c, h.id, ""))
            if (arrivedDuring(delegationWindow(d), r.state.stepArrivedAt)) {
              to = d.deputyId;
              mobile = store_.userMobile(c, d.deputyId).value_or("");
              orgPath = store_.userOrgPath(c, d.deputyId).value_or("");
            }
          ctx_.sms.send(c, {mobile, "approval_urge",
                            "【保安服务监管信息系统】办件" + r.caseNo.value_or("") + "(" + businessTypeName(r.businessType) + ")待您办理," +
                                a.who.name + "催办,请尽快处理。",
                            to, orgPath, {{"caseNo", r.caseNo.value_or("")}, {"from", a.who.name}}});
        }
        recallable = false;
        break;
      }
      case Verb::extend: {
        const json& d = body.contains("days") ? body.at("days") : json();
        if (!d.is_number_integer()) throw AppError(400, "bad_request", "days 应为整数", {{"days", "延期天数应为整数"}});
        const int days = d.get<int>();
        if (days < 1 || days > l.chain.extensionDays())
          throw invalidField("days", "延期天数应为1到" + std::to_string(l.chain.extensionDays()) + "个工作日");
        const std::string reason = reasonOf(body, "reason", "延期理由");
        r.extensionDays = days;
        e.publicNote = "延期" + std::to_string(days) + "个工作日,理由:" + reason;
        e.opinion = reason;
        recallable = false;
        notifyApplicant(c, r, "延期", "审查期限延长" + std::to_string(days) + "个工作日,理由:" + reason);
        break;
      }
      case Verb::pause: {
        FieldErrors errors;
        core::Form form(body, errors);
        const std::string kind = form.text("kind", "特别程序类型", {true, 20});
        errors.throwIfAny();
        auto k = std::find_if(kPauseKinds.begin(), kPauseKinds.end(), [&](const core::CodeName& x) { return x.code == kind; });
        if (k == kPauseKinds.end()) throw invalidField("kind", "特别程序类型只能是听证、检验、检测、鉴定或专家评审");
        const std::string reason = reasonOf(body, "reason", "特别程序理由");
        r.state.status = "paused";
        r.pausedAt = now;
        r.pauseKind = kind;
        e.actionName = "特别程序(" + std::string(k->name) + ")";
        e.publicNote = "进入" + std::string(k->name) + "程序,期间不计入审查期限。理由:" + reason;
        e.opinion = reason;
        recallable = false;
        notifyApplicant(c, r, "特别程序", "进入" + std::string(k->name) + "程序,期间不计入审查期限。理由:" + reason);
        break;
      }
      case Verb::resume: {
        e.opinion = opinionOf(body, false);
        json pauses = json::parse(r.pauses);
        pauses.push_back({*r.pausedAt, now});
        r.pauses = pauses.dump();
        r.state.status = "in_review";
        r.pausedAt.reset();
        r.pauseKind.reset();
        e.publicNote = "特别程序结束,恢复计算审查期限";
        recallable = false;
        // the applicant was told the clock stopped: it is told when it runs again
        notifyApplicant(c, r, "特别程序结束", "特别程序结束,恢复计算审查期限。");
        break;
      }
    }
    if (recallable) {
      r.previousState = stateJson(before).dump();
      r.lastActionBy = a.who.userId;
    } else if (verb != Verb::urge) {
      r.previousState.reset();
      r.lastActionBy = a.who.userId;
    }
    if (!store_.save(c, r)) throw conflict("该办件已被他人处理,请刷新后查看");
    store_.log(c, id, e);
    audit::record(c, a, verbCode(verb), "application", std::to_string(id),
                  e.actionName + " " + r.caseNo.value_or(std::to_string(id)) + "(" + businessTypeName(r.businessType) + ")");
  });
  return get(a.who, id);
}

json ApprovalService::batchApprove(const core::Actor& a, const json& body) {
  if (!body.is_object() || !body.contains("ids") || !body.at("ids").is_array() || body.at("ids").empty())
    throw AppError(400, "bad_request", "ids 应为办件编号列表", {{"ids", "请选择要批量审批的办件"}});
  const json& ids = body.at("ids");
  if (ids.size() > 200) throw invalidField("ids", "一次最多批量审批200件");
  std::vector<long long> cases;
  for (const auto& id : ids) {
    if (!id.is_number_integer()) throw AppError(400, "bad_request", "ids 应为整数列表", {{"ids", "ids 应为整数列表"}});
    if (std::find(cases.begin(), cases.end(), id.get<long long>()) == cases.end()) cases.push_back(id.get<long long>());
  }
  const std::string opinion = opinionOf(body, true);
  // Licences never batch: every id must be a case of a filing type that the officer may see.
  std::map<long long, std::string> caseNos;
  ctx_.db.read([&](db::Conn& c) {
    for (long long id : cases) {
      Loaded l = loadForOfficer(c, a.who, id);
      const auto* spec = findSpec(l.row.businessType);
      if (!spec || !spec->batchable)
        throw AppError(400, "bad_request", "办件" + l.row.caseNo.value_or(std::to_string(id)) + "是" + businessTypeName(l.row.businessType) + ",不能批量审批",
                       {{"ids", "只有备案类业务可以批量审批"}});
      caseNos[id] = l.row.caseNo.value_or(std::to_string(id));
    }
  });
  // Each case on its own: one that cannot move is reported, the others still move.
  json approved = json::array(), failed = json::array();
  for (long long id : cases) {
    try {
      act(a, id, Verb::approve, {{"opinion", opinion}});
      approved.push_back(id);
    } catch (const AppError& e) {
      failed.push_back({{"id", id}, {"caseNo", caseNos[id]}, {"message", e.what()}});
    }
  }
  return {{"approved", approved}, {"failed", failed}};
}

json ApprovalService::applicantLicences(const core::Principal& p) {
  return ctx_.db.read([&](db::Conn& c) {
    json out = json::array();
    const auto holder = licenceHolder(p);
    if (!holder) return out;
    for (const auto& l : licences_->validLicencesOf(c, holder->first, holder->second))
      out.push_back({{"id", l.id}, {"number", l.number}, {"businessType", l.businessType}, {"businessTypeName", businessTypeName(l.businessType)},
                     {"holderName", l.holderName}, {"status", l.status}});
    return out;
  });
}

namespace {
std::vector<background::Person> checkedPersons(const CaseRow& r) {
  std::vector<background::Person> out;
  const auto* f = applicationForm(r.businessType);
  if (!f) return out;
  for (const auto& p : personsOf(*f, json::parse(r.form))) out.push_back({p.idNo, p.name, p.role});
  return out;
}
}  // namespace

bool ApprovalService::backgroundChecksPassed(db::Conn& c, const Loaded& l) {
  const auto persons = checkedPersons(l.row);
  // Nothing to check (a licence change that names no new person) passes; every form that must name
  // people requires them at submit.
  return persons.empty() || background_.allPassed(c, "application", l.row.id, persons);
}

json ApprovalService::runBackgroundChecks(const core::Actor& a, long long id) {
  const auto persons = ctx_.db.read([&](db::Conn& c) {
    Loaded l = loadForOfficer(c, a.who, id);
    const Step* s = l.step();
    if (!atMyStep(c, a.who, l) || !s || !s->backgroundCheck)
      throw conflict("该办件当前步骤不在您的待办中,或该步骤不需要背景审查");
    return checkedPersons(l.row);
  });
  if (persons.empty()) throw conflict("申请中没有需要审查的人员");
  const auto results = background_.run(a, "application", id, persons);
  return background::BackgroundCheckService::checksJson(results, a.who.has("approval:approve"));
}

json ApprovalService::backgroundChecks(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) {
    loadForOfficer(c, p, id);
    return background::BackgroundCheckService::checksJson(background_.latest(c, "application", id), p.has("approval:approve"));
  });
}

licences::PdfFile ApprovalService::print(const core::Actor& a, long long id) {
  PrintedCase pc = ctx_.db.read([&](db::Conn& c) {
    Loaded l = loadForOfficer(c, a.who, id);
    const std::string perm = l.row.businessType + ":print";
    if (core::isKnownPermission(perm) && !a.who.has(perm) && !store_.handledBy(c, id, a.who.userId) && !atMyStep(c, a.who, l))
      throw AppError(403, "forbidden", "没有打印" + businessTypeName(l.row.businessType) + "申请的权限");
    PrintedCase out;
    out.businessTypeName = businessTypeName(l.row.businessType);
    out.caseNo = l.row.caseNo.value_or("");
    out.applicantName = l.row.applicantName;
    out.statusName = statusName(l.row.state.status);
    out.submittedAt = l.row.submittedAt ? printTime(*l.row.submittedAt) : "";
    out.stepName = l.step() && isOpen(l.row.state.status) ? l.step()->name : "";
    out.printedBy = a.who.name + "(" + a.who.orgName + ")";
    out.printedAt = printTime(core::nowMs());
    out.form = applicationForm(l.row.businessType);
    out.values = json::parse(l.row.form);
    out.fileNames = files_.namesOf(c, "application", id);
    out.log = store_.logOf(c, id);
    return out;
  });
  pc.fileContent = [this](const std::string& fileId) { return files_.contentOf(fileId); };
  pc.pdfDrawable = [](const std::string& bytes, int pages) { return io::pdf::trialInChild("/proc/self/exe", bytes, pages); };
  std::string bytes = printApplication(pc);
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "print", "application", std::to_string(id), "打印" + pc.businessTypeName + "申请 " + pc.caseNo);
  });
  return {std::move(bytes), pc.businessTypeName + "申请_" + pc.caseNo + ".pdf"};
}

licences::PdfFile ApprovalService::applicantLicence(const core::Principal& p, long long id) {
  auto lic = ctx_.db.read([&](db::Conn& c) {
    Loaded l = loadForApplicant(c, p, id);
    auto found = l.row.state.status == "granted" ? licences_->ofApplication(c, id) : std::nullopt;
    if (!found) throw notFound("该申请尚未取得许可证");
    return *found;
  });
  return {licences_->render(lic), licences_->fileName(lic)};
}

// The final 同意 takes effect in the same transaction: what it does is the business type's (a
// licence issued, a record in the registry changed …).
std::optional<IssuedDocument> ApprovalService::grant(db::Conn& c, const core::Actor& a, const CaseRow& r, const Chain& chain) {
  const auto* spec = findSpec(r.businessType);
  if (!spec || !spec->grant) return std::nullopt;
  const json form = json::parse(r.form);
  GrantContext g{c, a, r, chain, form, fx_};
  spec->grant(g);
  return g.issued;
}

// ---- JSON -------------------------------------------------------------------------------------


json ApprovalService::rowJson(const CaseRow& r, const Chain& chain, const core::WorkingCalendar& cal) const {
  const Step* s = r.state.stepIndex && *r.state.stepIndex < static_cast<int>(chain.steps.size())
                      ? &chain.steps[static_cast<std::size_t>(*r.state.stepIndex)]
                      : nullptr;
  json due = nullptr, remaining = nullptr, warning = "none";
  if (auto clock = stepClock(r, chain)) {
    const auto st = cal.status(*clock, core::nowMs());
    due = core::toIso(st.dueAt);
    remaining = st.remainingWorkingDays;
    warning = std::string(core::warningCode(st.warning));
  }
  // The 补正 window of a case waiting for 受理 (行政许可法 art. 32: five working days).
  json correctionDeadline = nullptr;
  if (r.state.status == "submitted" && r.state.stepIndex == 0 && r.state.stepArrivedAt)
    correctionDeadline = core::toIso(cal.correctionDeadline(*r.state.stepArrivedAt));
  return {{"dueAt", due},
          {"correctionDeadline", correctionDeadline},
          {"remainingWorkingDays", remaining},
          {"warning", warning},{"id", r.id},
          {"caseNo", modules::textOrNull(r.caseNo)},
          {"businessType", r.businessType},
          {"businessTypeName", businessTypeName(r.businessType)},
          {"applicantName", r.applicantName},
          {"applicantCode", r.applicantCode},
          {"regionCode", r.regionCode},
          {"regionName", core::RegionTable::instance().fullName(r.regionCode)},
          {"orgId", orgIdOf(r.orgPath)},
          {"status", r.state.status},
          {"statusName", statusName(r.state.status, r.businessType)},
          {"lateFiling", r.lateFiling.has_value()},
          {"keyValue", r.keyValue.empty() ? json(nullptr) : json(r.keyValue)},
          {"stepIndex", r.state.stepIndex ? json(*r.state.stepIndex) : json(nullptr)},
          {"stepName", s ? json(s->name) : json(nullptr)},
          {"postName", s ? json(postName(s->post)) : json(nullptr)},
          {"handlerName", r.handlerName.empty() ? json(nullptr) : json(r.handlerName)},
          {"arrivedAt", modules::isoOrNull(r.state.stepArrivedAt)},
          {"submittedAt", modules::isoOrNull(r.submittedAt)},
          {"acceptedAt", modules::isoOrNull(r.state.acceptedAt)},
          {"decidedAt", modules::isoOrNull(r.decidedAt)},
          {"createdAt", core::toIso(r.createdAt)},
          {"updatedAt", core::toIso(r.updatedAt)}};
}

json ApprovalService::officerJson(db::Conn& c, const core::Principal& p, const Loaded& l) {
  json j = rowJson(l.row, l.chain, *calendar_.current(c));
  j["form"] = json::parse(l.row.form);
  j["correctionItems"] = l.row.correctionItems ? json::parse(*l.row.correctionItems) : json(nullptr);
  j["publicReason"] = modules::textOrNull(l.row.publicReason);
  j["pauseKind"] = modules::textOrNull(l.row.pauseKind);
  j["extensionDays"] = l.row.extensionDays;
  j["workflowVersion"] = l.chain.version;
  j["lateFilingNote"] = modules::textOrNull(l.row.lateFiling);
  json steps = stepsJson(l.chain.steps);
  const int at = l.row.state.stepIndex.value_or(l.row.state.status == "granted" ? static_cast<int>(l.chain.steps.size()) : -1);
  const json form = l.chain.conditional() ? json::parse(l.row.form) : json();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (l.chain.conditional() && !stepApplies(l.chain.steps[i], form)) steps[i]["state"] = "skipped";
    else steps[i]["state"] = static_cast<int>(i) < at ? "done" : static_cast<int>(i) == at && isOpen(l.row.state.status) ? "pending" : "todo";
  }
  j["steps"] = std::move(steps);
  json verbs = json::array();
  for (Verb v : allowed(c, p, l)) verbs.push_back(verbCode(v));
  j["actions"] = std::move(verbs);
  return j;
}

json ApprovalService::applicantJson(db::Conn& c, const Loaded& l) {
  json j = rowJson(l.row, l.chain, *calendar_.current(c));
  j.erase("handlerName");
  j.erase("postName");
  j["form"] = json::parse(l.row.form);
  j["correctionItems"] = l.row.correctionItems ? json::parse(*l.row.correctionItems) : json(nullptr);
  j["publicReason"] = modules::textOrNull(l.row.publicReason);
  j["extensionDays"] = l.row.extensionDays;
  j["lateFilingNote"] = modules::textOrNull(l.row.lateFiling);
  // What the applicant may read of the log: the outcomes and what it was told, never the
  // officers' opinions or names.
  json progress = json::array();
  for (const auto& e : store_.logOf(c, l.row.id)) {
    if (e.action == "transfer" || e.action == "urge" || e.action == "recall" || e.action == "assign") continue;
    const bool internalStep = e.action == "approve" || e.action == "send-back";
    progress.push_back({{"at", core::toIso(e.at)},
                        {"stepName", internalStep ? modules::textOrNull(e.stepName) : json(nullptr)},
                        {"actionName", e.actionName.rfind("退回至", 0) == 0 ? std::string("内部退回审查") : e.actionName},
                        {"note", modules::textOrNull(e.publicNote)}});
  }
  j["progress"] = std::move(progress);
  j["licence"] = nullptr;
  if (l.row.state.status == "granted")
    if (auto lic = licences_->ofApplication(c, l.row.id))
      j["licence"] = {{"id", lic->id}, {"number", lic->number}, {"issuedOn", lic->issuedOn}, {"status", lic->status},
                      {"verifyUrl", licences::LicenceService::verifyPath(lic->verifyToken)}};
  return j;
}

}  // namespace baoan::approval
