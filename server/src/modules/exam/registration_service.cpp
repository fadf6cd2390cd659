#include "modules/exam/registration_service.h"

#include <fstream>
#include <sstream>

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/error.h"
#include "core/regions.h"
#include "core/validation.h"
#include "io/id_photo.h"
#include "modules/approval/case_state.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"
#include "modules/exam/eligibility.h"
#include "modules/exam/registration_status.h"

namespace baoan::exam {

using nlohmann::json;

namespace {

constexpr const char* kType = "exam_registration";

std::string str(const json& form, const char* key) {
  return form.contains(key) && form.at(key).is_string() ? form.at(key).get<std::string>() : std::string();
}

std::vector<std::string> fileList(const json& form, const char* key) {
  std::vector<std::string> out;
  if (form.contains(key) && form.at(key).is_array())
    for (const auto& v : form.at(key))
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string readAllRegistration(const files::StoredFile& f) {
  if (f.path.empty()) return f.bytes;
  std::ifstream in(f.path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Who registers: the person themself, their employer or school, or an officer at the window.
std::string registrantKind(const core::Principal& p, const std::optional<std::string>& unitKind) {
  if (p.kind == "officer") return "officer";
  if (p.kind == "company" || p.kind == "training_unit" || p.kind == "inhouse_unit") return p.kind;
  if (p.kind == "applicant" && unitKind == "person") return "person";
  return "";
}

// The org at the end of a path ("/1/12/" → 12): the station that took the registration.
long long orgIdOf(const std::string& path) {
  if (path.size() < 2) return 0;
  const auto cut = path.rfind('/', path.size() - 2);
  return std::stoll(path.substr(cut + 1, path.size() - cut - 2));
}

}  // namespace

std::string RegistrationService::registrant(const core::Principal& p) {
  const auto unitKind = p.kind == "applicant" ? ctx_.db.read([&](db::Conn& c) { return store_.unitKindOf(c, p.userId); })
                                              : std::optional<std::string>();
  const std::string kind = registrantKind(p, unitKind);
  if (kind.empty()) throw forbidden("只有个人、保安服务公司、保安培训单位、自行招用保安员单位或公安机关可以办理考试报名");
  if (kind == "officer" && !p.has("exam_registration:create")) throw forbidden();
  return kind;
}

void RegistrationService::checkPerson(const core::Principal& p, const std::string& kind, const json& v, FieldErrors& errors,
                                      const std::string& prefix) {
  // What the ID number says, and what the law asks of the person (条例 art. 16).
  const std::string idNo = str(v, "idNo");
  core::IdNumberInfo info;
  if (core::checkIdNumber(idNo, &info)) return;  // readForm has said so
  const std::string today = core::toChinaDate(core::nowMs());
  if (auto problem = ageProblem(info.birthDate, today)) errors.add(prefix + "idNo", *problem);
  if (auto problem = educationProblem(str(v, "education"))) errors.add(prefix + "education", *problem);
  if (str(v, "armedEscort") == "yes" && fileList(v, "noCrimeFiles").empty())
    errors.add(prefix + "noCrimeFiles", "报考武装守护押运须提交无犯罪记录证明");
  if (kind == "person" && idNo != p.account) errors.add(prefix + "idNo", "个人账号只能为本人报名,公民身份号码应与登录账号一致");
  const auto photos = fileList(v, "photo");
  if (photos.size() != 1) {
    errors.add(prefix + "photo", "照片应上传1张");
    return;
  }
  // The photo as the card needs it (also checked at upload with ?accept=id_photo).
  const files::StoredFile photo = files_.open(p, photos.front());
  if (photo.info.contentType != "image/jpeg") errors.add(prefix + "photo", "照片应为 JPG 格式");
  else if (auto problem = io::checkIdPhoto(readAllRegistration(photo))) errors.add(prefix + "photo", *problem);
}

RegistrationService::Admission RegistrationService::admit(db::Conn& c, const core::Principal& p, const std::string& kind,
                                                         const json& v) {
  Admission out;
  out.history = store_.historyOf(c, str(v, "idNo"));
  const PersonHistory& h = out.history;
  if (h.open) {
    out.problem = Problem{"idNo", "该人员已有进行中的考试报名(办件编号 " + h.open->caseNo + ",状态:" + registrationStatusName(h.open->status) +
                                      "),不能重复报名", true};
    return out;
  }
  // 条例 art. 17: a certificate revoked twice, or less than three years ago, bars the person.
  if (auto problem = revocationProblem(h.revocations, h.lastRevokedOn, core::toChinaDate(core::nowMs()))) {
    out.problem = Problem{"idNo", *problem};
    return out;
  }
  out.station = stations_.orgAtLevel(c, str(v, "householdRegion"), "station");
  if (!out.station) out.problem = Problem{"householdRegion", "户籍地所在乡镇(街道)没有受理报名的派出所,请联系县级公安机关设置"};
  else if (kind == "officer" && !p.scope.coversOrg(out.station->second))
    out.problem = Problem{"householdRegion", "户籍地不在本单位辖区内,请由户籍地公安机关办理"};
  return out;
}

json RegistrationService::registerIn(db::Conn& c, const core::Actor& a, const std::string& kind, const json& v,
                                     const std::vector<std::string>& fileIds) {
  const auto& p = a.who;
  const Admission admitted = admit(c, p, kind, v);
  if (const auto& problem = admitted.problem) {
    if (problem->conflict) throw conflict(problem->message);
    throw invalidField("form." + problem->field, problem->message);
  }
  const auto& station = admitted.station;
  const std::string idNo = str(v, "idNo"), region = str(v, "householdRegion");
  core::IdNumberInfo info;
  core::checkIdNumber(idNo, &info);
  approval::NewCase n;
  n.businessType = kType;
  n.applicantUserId = p.userId;
  if (p.kind == "company") n.applicantCompanyId = p.companyId;
  n.applicantName = str(v, "name");
  n.applicantCode = idNo;
  n.regionCode = region;
  n.orgPath = station->second;
  n.form = v;
  n.fileIds = fileIds;
  const auto [caseId, caseNo] = approval_->openCase(c, a, n);

  RegistrationRow r;
  r.applicationId = caseId;
  r.status = "background_check";
  r.attempt = admitted.history.failedAttempts + 1;
  r.idNo = idNo;
  r.name = n.applicantName;
  r.gender = info.gender;
  r.birthDate = info.birthDate;
  r.ethnicity = str(v, "ethnicity");
  r.education = str(v, "education");
  r.householdRegion = region;
  r.householdAddress = str(v, "householdAddress");
  r.currentAddress = str(v, "currentAddress");
  r.mobile = str(v, "mobile");
  r.photoFileId = fileList(v, "photo").front();
  r.armedEscort = str(v, "armedEscort") == "yes";
  r.cityCode = region.substr(0, 4) + "00";
  r.registeredByUserId = p.userId;
  r.registeredByKind = kind;
  if (kind == "person") r.personUserId = p.userId;
  r.orgPath = station->second;
  r.createdAt = r.updatedAt = core::nowMs();
  try {
    r.id = store_.insert(c, r);
  } catch (const db::Error& e) {
    // Two registrations of one person racing: the partial unique index lets one through.
    if (e.code() == 2067 || e.sqlstate() == "23505") throw conflict("该人员已有进行中的考试报名,不能重复报名");
    throw;
  }
  audit::record(c, a, "create", "exam_registration", std::to_string(r.id),
                "考试报名:" + r.name + "(第" + std::to_string(r.attempt) + "次报名,办件编号 " + caseNo + ")");
  return json{{"id", r.id}, {"caseNo", caseNo}, {"status", r.status}, {"statusName", registrationStatusName(r.status)},
              {"attempt", r.attempt}, {"stationName", store_.orgName(c, station->first)}, {"applicationId", caseId}};
}

json RegistrationService::create(const core::Actor& a, const json& body) {
  const std::string kind = registrant(a.who);
  if (!body.is_object()) throw badRequest("请求体应为 JSON 对象");
  if (body.contains("submit") && !(body.at("submit").is_boolean() && body.at("submit").get<bool>()))
    throw invalidField("submit", "考试报名须直接提交(submit 为 true),不保存草稿");
  if (!body.contains("form") || !body.at("form").is_object()) throw invalidField("form", "报名表不能为空");
  const approval::ReadForm read = approval::readForm(*approval::applicationForm(kType), body.at("form"), true);
  FieldErrors errors;
  checkPerson(a.who, kind, read.values, errors, "form.");
  errors.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) { return registerIn(c, a, kind, read.values, read.fileIds); });
}

RegistrationRow RegistrationService::loadVisible(db::Conn& c, const core::Principal& p, long long id) {
  auto r = store_.find(c, id);
  if (!r) throw notFound("考试报名不存在");
  if (p.kind == "officer") {
    if (!p.has("exam_registration:view") || !store_.visible(c, p.scope, id)) throw notFound("考试报名不存在");
  } else if (r->registeredByUserId != p.userId && r->personUserId != p.userId) {
    throw notFound("考试报名不存在");
  }
  return *r;
}

json RegistrationService::toJson(db::Conn& c, const core::Actor& a, const RegistrationRow& r, bool detail) {
  const auto& p = a.who;
  // The person's own account and the unit that registered them see the number they typed; officers
  // see it masked unless they hold the full-view permission (and that view is audited).
  const bool full = p.kind != "officer" || (detail && p.has("exam_registration:pii"));
  const auto& regions = core::RegionTable::instance();
  json j = {{"id", r.id},
            {"applicationId", r.applicationId},
            {"caseNo", r.caseNo},
            {"caseStatus", r.caseStatus},
            {"caseStatusName", approval::statusName(r.caseStatus, kType)},
            {"status", r.status},
            {"statusName", registrationStatusName(r.status)},
            {"attempt", r.attempt},
            {"name", r.name},
            {"idNo", full ? r.idNo : core::maskIdNumber(r.idNo)},
            {"gender", r.gender},
            {"genderName", r.gender == "male" ? "男" : "女"},
            {"birthDate", r.birthDate},
            {"householdRegion", r.householdRegion},
            {"householdRegionName", regions.fullName(r.householdRegion)},
            {"mobile", full ? r.mobile : core::maskMobile(r.mobile)},
            {"armedEscort", r.armedEscort},
            {"registeredByKind", r.registeredByKind},
            {"stationName", r.stationName},
            {"orgId", orgIdOf(r.orgPath)},
            {"examId", r.examId ? json(*r.examId) : json(nullptr)},
            {"certificateId", r.certificateId ? json(*r.certificateId) : json(nullptr)},
            {"submittedAt", modules::isoOrNull(r.createdAt)},
            {"updatedAt", modules::isoOrNull(r.updatedAt)}};
  if (!detail) return j;
  j["ethnicity"] = r.ethnicity;
  j["education"] = r.education;
  j["educationName"] = std::string(core::dictName("educations", r.education));
  j["householdAddress"] = r.householdAddress;
  j["currentAddress"] = r.currentAddress;
  j["photoFileId"] = r.photoFileId;
  j["photoUrl"] = "/api/v1/files/" + r.photoFileId;
  json materials = json::array();
  for (const auto& [id, name] : files_.namesOf(c, "application", r.applicationId))
    materials.push_back({{"id", id}, {"name", name}, {"url", "/api/v1/files/" + id}});
  j["materials"] = materials;
  addOutcomes(c, p, r, j);
  if (p.kind == "officer" && full)
    audit::record(c, a, "view_pii", "exam_registration", std::to_string(r.id), "查看考试报名人员 " + r.name + " 的完整个人信息");
  return j;
}

// What came of the registration: the exam it sits (time, place, room, seat, 准考证号), its score (for the
// candidate only once announced), its certificate.
void RegistrationService::addOutcomes(db::Conn& c, const core::Principal& p, const RegistrationRow& r, json& j) {
  j["exam"] = nullptr;
  j["score"] = nullptr;
  j["certificate"] = nullptr;
  if (auto k = store_.examOf(c, r.id)) {
    j["exam"] = {{"id", k->examId},       {"name", k->name}, {"place", k->place}, {"startAt", modules::isoOrNull(k->startAt)},
                 {"endAt", modules::isoOrNull(k->endAt)}, {"roomName", k->roomName ? json(*k->roomName) : json(nullptr)},
                 {"seat", k->seat ? json(*k->seat) : json(nullptr)}, {"ticketNo", k->ticketNo ? json(*k->ticketNo) : json(nullptr)}};
    const bool announced = k->scoresNotifiedAt.has_value();
    if (k->result && (announced || p.kind == "officer"))
      j["score"] = {{"theory", k->theory ? json(*k->theory) : json(nullptr)},
                    {"skills", k->skills ? json(*k->skills) : json(nullptr)},
                    {"absent", k->absent},
                    {"result", *k->result},
                    {"passed", *k->result == "passed"},
                    {"notifiedAt", announced ? json(modules::isoOrNull(*k->scoresNotifiedAt)) : json(nullptr)}};
  }
  if (auto cert = store_.certificateOf(c, r.id))
    j["certificate"] = {{"id", cert->id}, {"number", cert->number}, {"issuedAt", cert->issuedOn}, {"status", cert->status},
                        {"verifyUrl", "/verify/certificate/" + cert->token}};
}

json RegistrationService::list(const core::Actor& a, const RegistrationFilter& f, const core::PageRequest& page) {
  const auto& p = a.who;
  if (f.status && !isRegistrationStatus(*f.status)) throw invalidField("status", "报名状态「" + *f.status + "」无效");
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = p.kind == "officer" ? store_.list(c, p.scope, f, page) : store_.ofAccount(c, p.userId, f, page);
    json items = json::array();
    for (const auto& r : rows) items.push_back(toJson(c, a, r, false));
    if (p.kind == "officer") {  // §9.3: police see the 问题人员 flag on the person
      std::vector<std::string> idNos;
      for (const auto& r : rows) idNos.push_back(r.idNo);
      const auto flagged = store_.flaggedIdNos(c, idNos);
      for (std::size_t i = 0; i < rows.size(); ++i) items[i]["flagged"] = flagged.count(rows[i].idNo) > 0;
    }
    return json{{"items", items}, {"total", total}, {"page", page.page}, {"size", page.size}};
  });
}

json RegistrationService::get(const core::Actor& a, long long id) {
  return ctx_.db.write([&](db::Conn& c) { return toJson(c, a, loadVisible(c, a.who, id), true); });
}

json RegistrationService::cancel(const core::Actor& a, long long id, const json& body) {
  const auto& p = a.who;
  if (p.kind == "officer" && !p.has("exam_registration:update")) throw forbidden();
  std::string reason;
  if (body.is_object() && body.contains("reason") && body.at("reason").is_string()) reason = core::trim(body.at("reason").get<std::string>());
  if (reason.size() > 600) throw invalidField("reason", "取消原因不能超过200字");
  ctx_.db.write([&](db::Conn& c) {
    const RegistrationRow r = loadVisible(c, p, id);
    const long long now = core::nowMs();
    if (r.status == "background_check") {
      // Before 受理 the case is withdrawn (its end moves the registration to cancelled); after it the
      // police are deciding and the registration cannot be taken back.
      if (r.caseStatus != "submitted" && r.caseStatus != "correction")
        throw conflict("报名已受理,正在审查,不能取消");
      approval_->withdrawIn(c, a, r.applicationId);
    } else if (r.status == "pending_payment" || r.status == "pending_exam") {
      if (!moveRegistration(c, id, {"pending_payment", "pending_exam"}, "cancelled", now)) throw conflict("报名状态已变化,请刷新后重试");
      if (onCancelled) onCancelled(c, a, id);
    } else {
      throw conflict("报名状态为「" + registrationStatusName(r.status) + "」,不能取消");
    }
    audit::record(c, a, "cancel", "exam_registration", std::to_string(id),
                  "取消考试报名:" + r.name + (reason.empty() ? "" : ",原因:" + reason));
  });
  return get(a, id);
}

json RegistrationService::reroute(const core::Actor& a, long long id, const json& body) {
  const auto& p = a.who;
  if (p.kind != "officer") throw forbidden();
  return ctx_.db.write([&](db::Conn& c) {
    const RegistrationRow r = loadVisible(c, p, id);  // outside the scope: 404 whatever the body
    const json& to = body.is_object() && body.contains("stationId") ? body.at("stationId") : json();
    if (!to.is_number_integer()) throw AppError(400, "bad_request", "stationId 应为整数(改派到的派出所)", {{"stationId", "stationId 应为整数"}});
    if (r.status != "background_check") throw conflict("只有派出所核查中的报名可以改派");
    const std::string path = approval_->rerouteIn(c, a, r.applicationId, to.get<long long>(), r.cityCode);
    setOrgPathAndLog(c, a, r, path);
    // The registration as it is now: the officer may no longer see it once it left their station.
    return toJson(c, a, *store_.find(c, id), false);
  });
}

void RegistrationService::setOrgPathAndLog(db::Conn& c, const core::Actor& a, const RegistrationRow& r, const std::string& path) {
  store_.setOrgPath(c, r.id, path, core::nowMs());
  audit::record(c, a, "reroute", "exam_registration", std::to_string(r.id), "改派考试报名:" + r.name);
}

json RegistrationService::stationRoutes(const core::Principal& p) {
  if (!p.has("exam_registration:manage")) throw forbidden();
  return ctx_.db.read([&](db::Conn& c) {
    json items = json::array();
    for (const auto& row : store_.stationRoutes(c)) {
      if (!p.scope.coversOrg(row.orgPath)) continue;
      items.push_back({{"countyCode", row.countyCode},
                       {"countyName", core::RegionTable::instance().fullName(row.countyCode)},
                       {"stationId", row.orgId},
                       {"stationName", row.orgName}});
    }
    return json{{"items", items}};
  });
}

json RegistrationService::setStationRoute(const core::Actor& a, const std::string& countyCode, const json& body) {
  const auto& p = a.who;
  if (!p.has("exam_registration:manage")) throw forbidden();
  const auto* county = core::RegionTable::instance().find(countyCode);
  if (!county || county->level != "county") throw notFound("县级行政区划代码不存在");
  const json& to = body.is_object() && body.contains("stationId") ? body.at("stationId") : json();
  if (!to.is_number_integer()) throw AppError(400, "bad_request", "stationId 应为整数", {{"stationId", "stationId 应为整数"}});
  ctx_.db.write([&](db::Conn& c) {
    const auto station = stations_.station(c, to.get<long long>());
    if (!station || !p.scope.coversOrg(station->path)) throw invalidField("stationId", "派出所不存在或不在本单位辖区内");
    if (station->regionCode.substr(0, 6) != countyCode) throw invalidField("stationId", "应选择该县(区)的派出所");
    store_.setStationRoute(c, countyCode, to.get<long long>(), p.userId, core::nowMs());
    audit::record(c, a, "update", "station_route", countyCode, "设置" + county->name + "无派出所乡镇的报名受理派出所");
  });
  return stationRoutes(p);
}

}  // namespace baoan::exam
