#include "modules/certificates/certificate_service.h"

#include <algorithm>
#include <set>

#include "core/clock.h"
#include "core/error.h"
#include "core/form.h"
#include "core/validation.h"
#include "core/working_calendar.h"
#include "crypto/crypto.h"
#include "modules/audit/audit_log.h"
#include "modules/certificates/certificate_number.h"
#include "modules/dto_util.h"
#include "modules/exam/registration_status.h"
#include "modules/industry/guard_service.h"
#include "modules/number_sequence.h"

namespace baoan::certificates {

using nlohmann::json;

namespace {
constexpr const char* kNotFound = "保安员证不存在";
constexpr std::size_t kMaxPrint = 200;

std::string statusName(const std::string& s) { return s == "revoked" ? "已吊销" : "有效"; }

// The org at the end of a path ("/1/2/13/" → 13): the supervising org the lists name.
long long orgIdOf(const std::string& path) {
  const auto end = path.find_last_not_of('/');
  if (end == std::string::npos) return 0;
  const auto start = path.find_last_of('/', end);
  return std::stoll(path.substr(start + 1, end - start));
}

std::string upper(std::string s) {
  for (auto& ch : s)
    if (ch == 'x') ch = 'X';
  return s;
}
}  // namespace

const core::FormSpec& handoverForm() {
  static const core::FormSpec f{"CertificateHandover", {{"receiverName", "领证人", {true, 50}}, {"at", "发放日期", {true, 10}}}};
  return f;
}

const core::FormSpec& revokeForm() {
  static const core::FormSpec f{"CertificateRevoke",
                                {{"decisionNo", "决定书文号", {true, 50}}, {"reason", "吊销原因", {true, 500, true}}, {"revokedOn", "吊销日期", {true, 10}}}};
  return f;
}

// ------------------------------------------------------------------ rules the registration uses

std::optional<std::string> revocationBar(const Revocations& r, const std::string& today) {
  if (r.count >= 2) return "该人员的保安员证已被吊销" + std::to_string(r.count) + "次,不得报名(《保安服务管理条例》第十七条)";
  if (r.count == 1 && r.lastRevokedOn && core::parseDate(*r.lastRevokedOn)) {
    // Three years after the revocation day: the same day three years later (29 February → 1 March).
    const std::string year = std::to_string(std::stoi(r.lastRevokedOn->substr(0, 4)) + 3);
    std::string until = year + r.lastRevokedOn->substr(4);
    if (!core::parseDate(until)) until = year + "-03-01";
    if (today < until)
      return "该人员的保安员证于" + *r.lastRevokedOn + "被吊销,吊销未满3年(" + until + "起方可报名,《保安服务管理条例》第十七条)";
  }
  return std::nullopt;
}

Revocations revocationsOf(db::Conn& c, const std::string& idNo) { return CertificateStore().revocationsOf(c, upper(idNo)); }

CertificateRow issueCertificate(db::Conn& c, const core::Actor& a, long long registrationId, long long issuingOrgId) {
  CertificateStore store;
  const auto reg = store.registration(c, registrationId);
  if (!reg) throw conflict("制证的报名记录不存在");
  if (reg->status != "pending_certificate")
    throw conflict("报名记录状态为「" + exam::registrationStatusName(reg->status) + "」,不能制证");
  const auto issuer = store.orgName(c, issuingOrgId);
  if (!issuer) throw conflict("未找到发证机关");
  auto prefix = cityPrefixOf(reg->cityCode);
  if (!prefix) prefix = cityPrefixOf(reg->householdRegion);
  if (!prefix) throw conflict("无法确定发证城市(报名记录的城市代码 " + reg->cityCode + ")");
  const long long now = core::nowMs();
  CertificateRow r;
  r.issuedOn = core::toChinaDate(now);
  const int year = std::stoi(r.issuedOn.substr(0, 4));
  const long long seq = modules::nextInSequence(c, sequenceKey(*prefix), year);
  if (seq > 999999) throw conflict("本年度保安员证编号已用完");
  r.number = formatNumber(*prefix, year, seq);
  r.registrationId = reg->id;
  r.idNo = reg->idNo;
  r.name = reg->name;
  r.gender = reg->gender;
  if (!reg->photoFileId.empty()) r.photoFileId = reg->photoFileId;
  r.issuingOrgId = issuingOrgId;
  r.issuingOrgName = *issuer;
  r.verifyToken = crypto::randomToken(16);
  r.orgPath = reg->orgPath;
  r.createdAt = r.updatedAt = now;
  const long long id = store.insert(c, r);
  store.linkCertificate(c, reg->id, id, now);
  if (!exam::moveRegistration(c, reg->id, {"pending_certificate"}, "certifying", now))
    throw conflict("报名记录已被他人处理,请刷新后重试");
  audit::record(c, a, "create", "certificate", std::to_string(id), "制发保安员证 " + r.number + " " + r.name);
  return *store.find(c, id);
}

void certificationEnded(db::Conn& c, long long registrationId, long long nowMs) {
  exam::moveRegistration(c, registrationId, {"pending_certificate"}, "rejected", nowMs);
}

std::string maskName(const std::string& name) {
  // UTF-8: keep the first code point, one '*' for each of the others.
  std::string out;
  std::size_t i = 0, n = 0;
  while (i < name.size()) {
    const unsigned char ch = static_cast<unsigned char>(name[i]);
    const std::size_t len = ch < 0x80 ? 1 : (ch >> 5) == 0x6 ? 2 : (ch >> 4) == 0xE ? 3 : 4;
    if (n == 0) out += name.substr(i, len);
    else out += '*';
    i += len;
    ++n;
  }
  if (n == 1) out += '*';
  return out;
}

// ------------------------------------------------------------------ the service

CertificateService::CertificateService(app::Context& ctx, files::FileService& files)
    : ctx_(ctx), files_(files), verifyLimiter_(ctx.config.verifyRatePerMinute) {}

std::string CertificateService::verifyPath(const std::string& token) { return "/verify/certificate/" + token; }

std::string CertificateService::verifyUrl(const std::string& token) const {
  std::string base = ctx_.config.publicBaseUrl;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + verifyPath(token);
}

json CertificateService::toJson(const CertificateRow& r, bool fullIdNo) const {
  return {{"id", r.id},
          {"number", r.number},
          {"name", r.name},
          {"gender", r.gender},
          {"genderName", genderName(r.gender)},
          {"idNo", fullIdNo ? r.idNo : core::maskIdNumber(r.idNo)},
          {"hasPhoto", r.photoFileId && !r.photoFileId->empty()},
          {"photoFileId", fullIdNo ? modules::textOrNull(r.photoFileId) : json(nullptr)},
          {"issuingOrgId", r.issuingOrgId},
          {"issuingOrgName", r.issuingOrgName},
          {"issuedAt", r.issuedOn},
          {"issuedOn", r.issuedOn},
          {"status", r.status},
          {"statusName", statusName(r.status)},
          {"verifyUrl", verifyPath(r.verifyToken)},
          {"registrationId", r.registrationId ? json(*r.registrationId) : json(nullptr)},
          {"registrationStatus", modules::textOrNull(r.registrationStatus)},
          {"registrationStatusName", r.registrationStatus ? json(exam::registrationStatusName(*r.registrationStatus)) : json(nullptr)},
          {"examId", r.examId ? json(*r.examId) : json(nullptr)},
          {"printedAt", modules::isoOrNull(r.printedAt)},
          {"printCount", r.printCount},
          {"handedOverAt", modules::textOrNull(r.handedOverAt)},
          {"receiverName", modules::textOrNull(r.receiverName)},
          {"handedOverByName", modules::textOrNull(r.handedOverByName)},
          {"revokedOn", modules::textOrNull(r.revokedOn)},
          {"revokeDecisionNo", modules::textOrNull(r.revokeDecisionNo)},
          {"revokeReason", modules::textOrNull(r.revokeReason)},
          {"orgId", orgIdOf(r.orgPath)},
          {"createdAt", core::toIso(r.createdAt)},
          {"updatedAt", core::toIso(r.updatedAt)}};
}

json CertificateService::list(const core::Principal& p, const CertificateQuery& q, const core::PageRequest& page) {
  FieldErrors e;
  CertificateFilter f;
  f.scope = &p.scope;
  f.name = q.name;
  f.idNo = upper(q.idNo);
  if (!q.status.empty() && q.status != "valid" && q.status != "revoked") e.add("status", "状态只能是 valid(有效)或 revoked(已吊销)");
  f.status = q.status;
  if (!q.examId.empty()) {
    try {
      std::size_t used = 0;
      const long long id = std::stoll(q.examId, &used);
      if (used != q.examId.size() || id <= 0) throw std::invalid_argument("examId");
      f.examId = id;
    } catch (const std::exception&) {
      e.add("examId", "考试编号应为正整数");
    }
  }
  if (q.hasPhoto == "true" || q.hasPhoto == "1") f.hasPhoto = true;
  else if (q.hasPhoto == "false" || q.hasPhoto == "0") f.hasPhoto = false;
  else if (!q.hasPhoto.empty()) e.add("hasPhoto", "是否有照片只能是 true 或 false");
  if (core::utf8Length(q.name) > 50) e.add("name", "姓名不能超过 50 个字");
  if (q.idNo.size() > 18) e.add("idNo", "公民身份号码不能超过 18 位");
  e.throwIfAny();
  const bool full = p.has("certificate:pii");
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, f, page);
    json items = json::array();
    for (const auto& r : rows) items.push_back(toJson(r, full));
    return modules::pageJson(std::move(items), total, page);
  });
}

json CertificateService::get(const core::Actor& a, long long id) {
  const bool full = a.who.has("certificate:pii");
  auto load = [&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound);
    return toJson(*store_.find(c, id), full);
  };
  if (!full) return ctx_.db.read(load);
  return ctx_.db.write([&](db::Conn& c) {
    json j = load(c);
    audit::record(c, a, "view_pii", "certificate", std::to_string(id), "查看保安员证 " + j["number"].get<std::string>() + " 的完整个人信息");
    return j;
  });
}

CardFace CertificateService::faceOf(const CertificateRow& r) {
  CardFace f;
  f.name = r.name;
  f.genderName = genderName(r.gender);
  f.idNo = r.idNo;
  f.number = r.number;
  f.issuerName = r.issuingOrgName;
  f.issuedOn = chineseDate(r.issuedOn);
  f.verifyUrl = verifyUrl(r.verifyToken);
  if (r.photoFileId && !r.photoFileId->empty()) f.photo = files_.contentOf(*r.photoFileId);
  f.revoked = r.status == "revoked";
  return f;
}

PdfFile CertificateService::document(const core::Actor& a, long long id) {
  auto r = ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound);
    return *store_.find(c, id);
  });
  return {renderCard(faceOf(r)), "保安员证_" + r.number + ".pdf"};
}

PdfFile CertificateService::print(const core::Actor& a, const json& body) {
  if (!body.is_object()) throw AppError(400, "bad_request", "请求体应为 JSON 对象");
  FieldErrors e;
  core::Form form(body, e);
  const auto ids = form.ids("ids", "保安员证");
  e.throwIfAny();
  if (ids.empty()) throw invalidField("ids", "请选择要打印的保安员证");
  if (ids.size() > kMaxPrint) throw invalidField("ids", "一次最多打印 " + std::to_string(kMaxPrint) + " 张保安员证");
  if (std::set<long long>(ids.begin(), ids.end()).size() != ids.size()) throw invalidField("ids", "保安员证重复选择");
  auto rows = ctx_.db.read([&](db::Conn& c) {
    std::vector<CertificateRow> out;
    for (long long id : ids) {
      if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound + std::string("(编号 ") + std::to_string(id) + ")");
      out.push_back(*store_.find(c, id));
      if (out.back().status != "valid") throw conflict("保安员证 " + out.back().number + " 已吊销,不能打印");
    }
    return out;
  });
  std::vector<CardFace> faces;
  faces.reserve(rows.size());
  for (const auto& r : rows) faces.push_back(faceOf(r));
  std::string bytes = renderSheet(faces);
  recordPrints(a, rows);
  return {std::move(bytes), rows.size() == 1 ? "保安员证_" + rows[0].number + ".pdf" : "保安员证_" + std::to_string(rows.size()) + "张.pdf"};
}

std::optional<CertificateRow> CertificateService::ofRegistration(long long registrationId) {
  return ctx_.db.read([&](db::Conn& c) { return store_.ofRegistration(c, registrationId); });
}

void CertificateService::recordPrints(const core::Actor& a, const std::vector<CertificateRow>& rows) {
  ctx_.db.write([&](db::Conn& c) {
    const long long now = core::nowMs();
    for (const auto& r : rows) {
      store_.markPrinted(c, r.id, now);
      if (r.registrationId) exam::moveRegistration(c, *r.registrationId, {"certifying"}, "certified", now);
    }
    std::string numbers;
    for (std::size_t i = 0; i < rows.size() && i < 20; ++i) numbers += (i ? "," : "") + rows[i].number;
    if (rows.size() > 20) numbers += "…";
    audit::record(c, a, "print", "certificate", rows.size() == 1 ? std::to_string(rows[0].id) : "",
                  "打印保安员证 " + std::to_string(rows.size()) + " 张:" + numbers);
  });
}

json CertificateService::handover(const core::Actor& a, long long id, const json& body) {
  ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound);
  });
  if (!body.is_object()) throw AppError(400, "bad_request", "请求体应为 JSON 对象");
  FieldErrors e;
  core::Form form(body, e);
  const auto& spec = handoverForm();
  const std::string receiver = form.text(spec["receiverName"]);
  const std::string at = form.pastDate(spec["at"]);
  e.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound);
    const CertificateRow r = *store_.find(c, id);
    if (at < r.issuedOn) throw invalidField("at", "发放日期不能早于发证日期(" + r.issuedOn + ")");
    if (r.status != "valid") throw conflict("保安员证已吊销,不能发放");
    if (!r.printedAt) throw conflict("保安员证尚未打印,请先打印再发放");
    if (!store_.handOver(c, id, at, receiver, a.who.userId, core::nowMs()))
      throw conflict("保安员证已于 " + r.handedOverAt.value_or("") + " 发放给 " + r.receiverName.value_or("") + ",不能重复发放");
    const bool guard = industry::GuardService::recordCertificate(c, r.idNo, r.number, r.issuedOn);
    audit::record(c, a, "update", "certificate", std::to_string(id),
                  "发放保安员证 " + r.number + " " + r.name + ",领证人 " + receiver + (guard ? ",已登记到保安员信息" : ""));
    json j = toJson(*store_.find(c, id), a.who.has("certificate:pii"));
    j["guardUpdated"] = guard;
    return j;
  });
}

json CertificateService::revoke(const core::Actor& a, long long id, const json& body) {
  ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound);
  });
  if (!body.is_object()) throw AppError(400, "bad_request", "请求体应为 JSON 对象");
  FieldErrors e;
  core::Form form(body, e);
  const auto& spec = revokeForm();
  const std::string decisionNo = form.text(spec["decisionNo"]);
  const std::string reason = form.text(spec["reason"]);
  const std::string on = form.pastDate(spec["revokedOn"]);
  e.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound);
    const CertificateRow r = *store_.find(c, id);
    if (on < r.issuedOn) throw invalidField("revokedOn", "吊销日期不能早于发证日期(" + r.issuedOn + ")");
    if (!store_.revoke(c, id, on, decisionNo, reason, a.who.userId, core::nowMs()))
      throw conflict("保安员证已于 " + r.revokedOn.value_or("") + " 吊销");
    audit::record(c, a, "update", "certificate", std::to_string(id), "吊销保安员证 " + r.number + " " + r.name + "(" + decisionNo + ")");
    return toJson(*store_.find(c, id), a.who.has("certificate:pii"));
  });
}

Verification CertificateService::verify(const std::string& ip, const std::string& token, const std::string& typedIdNo) {
  if (!verifyLimiter_.allow(ip, core::nowMs())) throw rateLimited("核验请求过于频繁,请一分钟后再试");
  const bool wellFormed = token.size() == 32 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!wellFormed) throw notFound("未查询到该保安员证,请核对二维码是否完整");
  auto r = ctx_.db.read([&](db::Conn& c) { return store_.byToken(c, token); });
  if (!r) throw notFound("未查询到该保安员证,请核对二维码是否完整");
  Verification v;
  v.number = r->number;
  v.maskedName = maskName(r->name);
  v.issuingOrgName = r->issuingOrgName;
  v.issuedOn = r->issuedOn;
  v.status = r->status;
  v.statusName = statusName(r->status);
  v.revokedOn = r->revokedOn;
  const std::string typed = upper(core::trim(typedIdNo));
  if (!typed.empty()) {
    if (typed == upper(r->idNo)) {
      v.idChecked = true;
      v.name = r->name;
      if (r->photoFileId && !r->photoFileId->empty()) {
        v.photo = files_.contentOf(*r->photoFileId);
        if (v.photo) v.photoType = files::sniffContentType(*v.photo);
        if (v.photoType != "image/jpeg" && v.photoType != "image/png") v.photo.reset();
      }
    } else {
      v.idMismatch = true;
    }
  }
  return v;
}

}  // namespace baoan::certificates
