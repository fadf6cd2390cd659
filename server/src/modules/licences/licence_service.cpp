#include "modules/licences/licence_service.h"

#include <cstdio>
#include <map>

#include "core/clock.h"
#include "core/dictionaries.h"
#include "core/error.h"
#include "core/form.h"
#include "core/regions.h"
#include "core/validation.h"
#include "crypto/crypto.h"
#include "io/pdf.h"
#include "modules/audit/audit_log.h"
#include "modules/dto_util.h"

namespace baoan::licences {

using nlohmann::json;

namespace {
constexpr const char* kNotFound = "许可证不存在";
constexpr std::size_t kMaxText = 200;

// The middle of the number per business type.
const char* numberPrefix(const std::string& businessType) {
  if (businessType == "company_licence") return "公保服";
  if (businessType == "training_licence") return "公保培";
  return nullptr;
}

// Codes of the serviceScopes dictionary become their names joined by "、"; other text stays.
std::string scopeText(const std::string& s) {
  std::string out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    const std::string code = s.substr(start, end - start);
    if (!core::dictHas("serviceScopes", code)) return s;
    if (!out.empty()) out += "、";
    out += core::dictName("serviceScopes", code);
    start = end + 1;
  }
  return out;
}

// "2026年12月7日"
std::string chineseDate(const std::string& ymd) {
  if (ymd.size() != 10) return ymd;
  return ymd.substr(0, 4) + "年" + std::to_string(std::stoi(ymd.substr(5, 2))) + "月" + std::to_string(std::stoi(ymd.substr(8, 2))) + "日";
}

std::string capitalText(const std::optional<long long>& wan) { return wan ? std::to_string(*wan) + " 万元" : ""; }

void checkText(FieldErrors& e, const char* field, const char* label, const std::string& v, bool required = true) {
  if (v.empty()) {
    if (required) e.add(field, std::string(label) + "不能为空");
  } else if (core::utf8Length(v) > kMaxText) {
    e.add(field, std::string(label) + "不能超过 " + std::to_string(kMaxText) + " 个字");
  } else if (core::hasControlCharacters(v, false)) {
    e.add(field, std::string(label) + "含有不允许的字符");
  }
}

// The kinds of history entry as the licence's history shows them ('reissued_from' is the other side of
// a 'replaced' and is not shown twice).
std::string eventKindName(const std::string& kind) {
  if (kind == "issued") return "发证";
  if (kind == "replaced") return "换发";
  if (kind == "revoked") return "吊销";
  if (kind == "cancelled") return "注销";
  return kind;
}

const std::vector<std::string> kDecisionFileTypes = {"application/pdf", "image/jpeg", "image/png"};
}  // namespace

const core::FormSpec& licenceRevokeForm() {
  static const core::FormSpec f{"LicenceRevoke",
                                {{"decisionNo", "决定书文号", {false, 50}},
                                 {"reason", "原因", {true, 500, true}},
                                 {"date", "日期", {true, 10}},
                                 {"fileId", "决定书文件", {false, 64}}}};
  return f;
}

std::string statusName(const std::string& status) { return core::dictName("licenceStatuses", status); }

std::string licenceTypeName(const std::string& businessType) {
  return businessType == "training_licence" ? "保安培训许可证" : "保安服务许可证";
}

LicenceService::LicenceService(app::Context& ctx, files::FileService* files)
    : ctx_(ctx), files_(files), verifyLimiter_(ctx.config.verifyRatePerMinute) {
  // A decision document is readable by whoever may see the licence.
  if (files_)
    files_->addOwnerKind("licence", [this](db::Conn& c, const core::Principal& p, long long id) { return store_.visible(c, p.scope, id); });
}

std::string LicenceService::verifyPath(const std::string& token) { return "/verify/licence/" + token; }

std::string LicenceService::verifyUrl(const std::string& token) const {
  std::string base = ctx_.config.publicBaseUrl;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + verifyPath(token);
}

json LicenceService::toJson(const LicenceRow& l) {
  return {{"id", l.id},
          {"number", l.number},
          {"businessType", l.businessType},
          {"businessTypeName", licenceTypeName(l.businessType)},
          {"applicationId", l.applicationId ? json(*l.applicationId) : json(nullptr)},
          {"holderKind", modules::textOrNull(l.holderKind)},
          {"holderId", l.holderId ? json(*l.holderId) : json(nullptr)},
          {"holderName", l.holderName},
          {"legalName", l.legalName},
          {"address", l.address},
          {"regCapital", l.regCapital ? json(*l.regCapital) : json(nullptr)},
          {"serviceScope", l.serviceScope},
          {"issuerOrgId", l.issuerOrgId},
          {"issuerName", l.issuerName},
          {"issuedOn", l.issuedOn},
          {"issuedAt", l.issuedOn},
          {"status", l.status},
          {"statusName", statusName(l.status)},
          {"statusChangedAt", modules::isoOrNull(l.statusChangedAt)},
          {"orgId", l.orgId},
          {"orgName", l.orgName},
          {"verifyUrl", verifyPath(l.verifyToken)},
          {"createdAt", core::toIso(l.createdAt)}};
}

namespace {
// What issue() and replace() check and derive from a request.
struct Checked {
  std::string issuedOn, issuerName, orgPath, province;
};

Checked checkRequest(db::Conn& c, const LicenceStore& store, const IssueRequest& r) {
  FieldErrors e;
  if (!numberPrefix(r.businessType)) e.add("businessType", "业务类型不是许可证类型");
  checkText(e, "holderName", "名称", r.holderName);
  checkText(e, "legalName", "法定代表人", r.legalName);
  checkText(e, "address", "住所", r.address);
  checkText(e, "serviceScope", "服务范围", r.serviceScope);
  if (r.regCapital && *r.regCapital <= 0) e.add("regCapital", "注册资本应为正数(万元)");
  if (r.holderKind && *r.holderKind != "company" && *r.holderKind != "training_unit")
    e.add("holderKind", "持证单位类型只能是 company 或 training_unit");
  Checked k;
  k.issuedOn = r.issuedOn.value_or(core::toChinaDate(core::nowMs()));
  if (!core::isValidDate(k.issuedOn)) e.add("issuedOn", "发证日期格式错误,应为 YYYY-MM-DD");
  const auto issuer = store.org(c, r.issuerOrgId);
  if (!issuer) e.add("issuerOrgId", "发证机关不存在");
  const auto holderOrg = store.org(c, r.orgId);
  if (!holderOrg) e.add("orgId", "监管机关不存在");
  k.province = issuer ? core::provinceAbbreviation(issuer->regionCode) : "";
  if (issuer && k.province.empty()) e.add("issuerOrgId", "发证机关的行政区划无法确定省份");
  e.throwIfAny();
  k.issuerName = issuer->name;
  k.orgPath = holderOrg->path;
  return k;
}

// The row of a new document with the request's facts (number and token set by the caller).
LicenceRow newDocument(const core::Actor& a, const IssueRequest& r, const Checked& k) {
  LicenceRow l;
  l.businessType = r.businessType;
  l.applicationId = r.applicationId;
  l.holderKind = r.holderKind;
  l.holderId = r.holderId;
  l.holderName = r.holderName;
  l.legalName = r.legalName;
  l.address = r.address;
  l.regCapital = r.regCapital;
  l.serviceScope = scopeText(r.serviceScope);
  l.issuerOrgId = r.issuerOrgId;
  l.issuerName = k.issuerName;
  l.issuedOn = k.issuedOn;
  l.status = "valid";
  l.verifyToken = crypto::randomToken(16);
  l.orgId = r.orgId;
  l.orgPath = k.orgPath;
  l.createdAt = core::nowMs();
  if (a.who.userId) l.createdBy = a.who.userId;
  return l;
}

LicenceEvent eventBy(const core::Actor& a, long long licenceId, const std::string& kind, const std::string& happenedOn) {
  LicenceEvent e;
  e.licenceId = licenceId;
  e.kind = kind;
  e.happenedOn = happenedOn;
  if (a.who.userId) e.byUserId = a.who.userId;
  e.byName = a.who.name.empty() ? a.who.account : a.who.name;
  if (e.byName.empty()) e.byName = "系统";
  e.at = core::nowMs();
  return e;
}

// "法定代表人:王一→王二;住所:…" — what a 换发 changed.
std::string changesText(const LicenceRow& old, const LicenceRow& now) {
  std::string out;
  auto item = [&](const char* label, const std::string& a, const std::string& b) {
    if (a == b) return;
    if (!out.empty()) out += ";";
    out += std::string(label) + ":" + (a.empty() ? "(空)" : a) + "→" + (b.empty() ? "(空)" : b);
  };
  item("名称", old.holderName, now.holderName);
  item("法定代表人", old.legalName, now.legalName);
  item("住所", old.address, now.address);
  item("注册资本", capitalText(old.regCapital), capitalText(now.regCapital));
  item("服务范围", old.serviceScope, now.serviceScope);
  return out.empty() ? "换发新证(许可事项未变)" : "变更" + out;
}
}  // namespace

LicenceRow LicenceService::issue(db::Conn& c, const core::Actor& a, const IssueRequest& r) {
  const Checked k = checkRequest(c, store_, r);
  const int year = std::stoi(k.issuedOn.substr(0, 4));
  const std::string fullPrefix = k.province + numberPrefix(r.businessType);
  const long long seq = store_.nextSequence(c, fullPrefix, year);
  if (seq > 99999) throw conflict("本年度许可证编号已用完");
  char digits[40];
  std::snprintf(digits, sizeof digits, "%04d%05lld", year, seq);

  LicenceRow l = newDocument(a, r, k);
  l.number = fullPrefix + digits;
  const long long id = store_.insert(c, l);
  LicenceEvent e = eventBy(a, id, "issued", l.issuedOn);
  e.applicationId = r.applicationId;
  store_.insertEvent(c, e);
  audit::record(c, a, "create", "licence", std::to_string(id), "发放" + licenceTypeName(l.businessType) + " " + l.number + " " + l.holderName);
  return *store_.find(c, id);
}

LicenceRow LicenceService::setStatus(db::Conn& c, const core::Actor& a, long long id, const StatusChange& change) {
  auto l = store_.find(c, id);
  if (!l) throw notFound(kNotFound);
  FieldErrors e;
  const bool revoked = change.kind == "revoked";
  if (!revoked && change.kind != "cancelled") e.add("kind", "类型只能是 revoked(吊销)或 cancelled(注销)");
  if (revoked && change.decisionNo.empty()) e.add("decisionNo", "吊销须填写行政处罚决定书文号");
  if (change.reason.empty()) e.add("reason", "原因不能为空");
  if (!core::isValidDate(change.date)) e.add("date", "日期格式错误,应为 YYYY-MM-DD");
  else if (change.date > core::toChinaDate(core::nowMs())) e.add("date", "日期不能晚于今天");
  else if (change.date < l->issuedOn) e.add("date", "日期不能早于发证日期(" + l->issuedOn + ")");
  e.throwIfAny();
  if (l->status != "valid") throw conflict("许可证已" + statusName(l->status) + ",不能再" + (revoked ? "吊销" : "注销"));
  if (change.fileId) {
    if (!files_) throw invalidField("fileId", "不能附加决定书文件");
    files_->attach(c, a.who, *change.fileId, "licence", id, kDecisionFileTypes, "fileId", "决定书文件");
  }
  store_.setStatus(c, id, change.kind, core::nowMs());
  LicenceEvent ev = eventBy(a, id, change.kind, change.date);
  if (!change.decisionNo.empty()) ev.decisionNo = change.decisionNo;
  ev.reason = change.reason;
  ev.fileId = change.fileId;
  ev.applicationId = change.applicationId;
  store_.insertEvent(c, ev);
  // The holder's record follows unless it still holds another valid licence of the type.
  bool stillLicensed = false;
  if (l->holderKind && l->holderId)
    for (const auto& other : store_.validOf(c, *l->holderKind, *l->holderId))
      stillLicensed = stillLicensed || other.businessType == l->businessType;
  if (l->holderKind && l->holderId && !stillLicensed)
    holders_.licenceEnded(c, a, *l->holderKind, *l->holderId, change.kind, change.date, a.who.orgName.empty() ? l->issuerName : a.who.orgName,
                          l->number);
  audit::record(c, a, "update", "licence", std::to_string(id),
                statusName(change.kind) + licenceTypeName(l->businessType) + " " + l->number + " " + l->holderName +
                    (change.decisionNo.empty() ? "" : "(" + change.decisionNo + ")"));
  return *store_.find(c, id);
}

// One number, several documents: the unique index of migration 0016 allows one row per number that
// is not 'replaced', so the old row is marked before the new one is written.
LicenceRow LicenceService::replace(db::Conn& c, const core::Actor& a, long long oldId, const IssueRequest& newFacts) {
  auto old = store_.find(c, oldId);
  if (!old) throw notFound(kNotFound);
  IssueRequest r = newFacts;
  r.businessType = old->businessType;
  if (!r.holderKind) {
    r.holderKind = old->holderKind;
    r.holderId = old->holderId;
  }
  if (!r.issuerOrgId) r.issuerOrgId = old->issuerOrgId;
  if (!r.orgId) r.orgId = old->orgId;
  const Checked k = checkRequest(c, store_, r);
  if (k.issuedOn < old->issuedOn) throw invalidField("issuedOn", "换发日期不能早于原证发证日期(" + old->issuedOn + ")");
  if (old->status != "valid") throw conflict("许可证已" + statusName(old->status) + ",不能换发");

  const long long now = core::nowMs();
  store_.setStatus(c, oldId, "replaced", now);
  LicenceRow l = newDocument(a, r, k);
  l.number = old->number;
  const long long id = store_.insert(c, l);

  LicenceEvent gone = eventBy(a, oldId, "replaced", k.issuedOn);
  gone.reason = changesText(*old, l);
  gone.relatedLicenceId = id;
  gone.applicationId = r.applicationId;
  store_.insertEvent(c, gone);
  LicenceEvent from = eventBy(a, id, "reissued_from", k.issuedOn);
  from.relatedLicenceId = oldId;
  from.applicationId = r.applicationId;
  store_.insertEvent(c, from);
  audit::record(c, a, "update", "licence", std::to_string(oldId),
                "换发" + licenceTypeName(l.businessType) + " " + l.number + " " + l.holderName + ":" + *gone.reason);
  return *store_.find(c, id);
}

std::vector<LicenceRow> LicenceService::validLicencesOf(db::Conn& c, const std::string& holderKind, long long holderId) const {
  return store_.validOf(c, holderKind, holderId);
}

std::optional<LicenceRow> LicenceService::ofApplication(db::Conn& c, long long applicationId) const {
  return store_.ofApplication(c, applicationId);
}

namespace {
LicenceFilter filterOf(const core::Principal& p, const LicenceQuery& q) {
  FieldErrors e;
  if (!q.status.empty() && !core::dictHas("licenceStatuses", q.status)) e.add("status", "状态取值无效");
  if (!q.businessType.empty() && !numberPrefix(q.businessType)) e.add("businessType", "业务类型不是许可证类型");
  if (!q.issuedFrom.empty() && !core::isValidDate(q.issuedFrom)) e.add("issuedFrom", "发证日期(起)格式错误,应为 YYYY-MM-DD");
  if (!q.issuedTo.empty() && !core::isValidDate(q.issuedTo)) e.add("issuedTo", "发证日期(止)格式错误,应为 YYYY-MM-DD");
  e.throwIfAny();
  LicenceFilter f;
  f.scope = &p.scope;
  f.businessType = q.businessType;
  f.number = q.number;
  f.holderName = q.holderName;
  f.status = q.status;
  f.issuedFrom = q.issuedFrom;
  f.issuedTo = q.issuedTo;
  return f;
}
}  // namespace

json LicenceService::list(const core::Principal& p, const LicenceQuery& q, const core::PageRequest& page) {
  const LicenceFilter f = filterOf(p, q);
  return ctx_.db.read([&](db::Conn& c) {
    auto [rows, total] = store_.list(c, f, page);
    json items = json::array();
    for (const auto& l : rows) items.push_back(toJson(l));
    return modules::pageJson(std::move(items), total, page);
  });
}

json LicenceService::history(db::Conn& c, const LicenceRow& l) {
  json out = json::array();
  std::map<long long, std::map<std::string, std::string>> fileNames;  // per document
  for (const auto& e : store_.eventsOfNumber(c, l.number)) {
    if (e.kind == "reissued_from") continue;
    json fileName = nullptr;
    if (e.fileId && files_) {
      auto it = fileNames.find(e.licenceId);
      if (it == fileNames.end()) it = fileNames.emplace(e.licenceId, files_->namesOf(c, "licence", e.licenceId)).first;
      if (auto f = it->second.find(*e.fileId); f != it->second.end()) fileName = f->second;
    }
    out.push_back({{"at", core::toIso(e.at)},
                   {"kind", e.kind},
                   {"kindName", eventKindName(e.kind)},
                   {"decisionNo", modules::textOrNull(e.decisionNo)},
                   {"reason", modules::textOrNull(e.reason)},
                   {"date", e.happenedOn},
                   {"byName", e.byName},
                   {"fileId", modules::textOrNull(e.fileId)},
                   {"fileName", fileName},
                   {"licenceId", e.licenceId},
                   {"applicationId", e.applicationId ? json(*e.applicationId) : json(nullptr)}});
  }
  return out;
}

json LicenceService::get(const core::Principal& p, long long id) {
  return ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, p.scope, id)) throw notFound(kNotFound);
    const LicenceRow l = *store_.find(c, id);
    json j = toJson(l);
    j["history"] = history(c, l);
    return j;
  });
}

json LicenceService::revoke(const core::Actor& a, long long id, const json& body) {
  // A licence outside the caller's scope is 404 whatever the body says.
  ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound);
  });
  FieldErrors e;
  core::Form form(body, e);
  const core::FormSpec& spec = licenceRevokeForm();
  StatusChange change;
  const json kind = body.value("kind", json());
  if (!kind.is_string() || (kind != "revoked" && kind != "cancelled")) e.add("kind", "类型只能是 revoked(吊销)或 cancelled(注销)");
  else change.kind = kind.get<std::string>();
  change.decisionNo = form.text(spec["decisionNo"]);
  change.reason = form.text(spec["reason"]);
  change.date = form.pastDate(spec["date"]);
  change.fileId = form.optionalText(spec["fileId"]);
  if (change.kind == "revoked" && change.decisionNo.empty() && !e.has("decisionNo")) e.add("decisionNo", "吊销须填写行政处罚决定书文号");
  e.throwIfAny();
  return ctx_.db.write([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound);
    const LicenceRow l = setStatus(c, a, id, change);
    json j = toJson(l);
    j["history"] = history(c, l);
    return j;
  });
}

modules::ExportFile LicenceService::exportFile(const core::Actor& a, const LicenceQuery& q) {
  const LicenceFilter f = filterOf(a.who, q);
  using io::ColumnKind;
  const std::vector<modules::ExportColumn> columns = {
      {"number", "许可证编号", ColumnKind::text, 22},   {"businessTypeName", "许可证类型", ColumnKind::text, 16},
      {"holderName", "名称", ColumnKind::text, 30},      {"legalName", "法定代表人", ColumnKind::text, 12},
      {"address", "住所", ColumnKind::text, 36},         {"regCapital", "注册资本(万元)", ColumnKind::integer, 14},
      {"serviceScope", "服务范围", ColumnKind::text, 28}, {"issuerName", "发证机关", ColumnKind::text, 18},
      {"issuedOn", "发证日期", ColumnKind::date, 12},    {"statusName", "状态", ColumnKind::text, 8},
      {"orgName", "监管机关", ColumnKind::text, 18}};
  auto file = modules::exportXlsx(q.businessType.empty() ? "许可证" : licenceTypeName(q.businessType), columns, [&](const auto& sink) {
    ctx_.db.read([&](db::Conn& c) { store_.forEach(c, f, [&](const LicenceRow& l) { sink(toJson(l)); }); });
  });
  ctx_.db.write([&](db::Conn& c) {
    audit::record(c, a, "export", "licence", "", "导出许可证 " + std::to_string(file.rows) + " 条(条件:" + q.conditions + ")");
  });
  return file;
}

PdfFile LicenceService::document(const core::Actor& a, long long id) {
  auto l = ctx_.db.read([&](db::Conn& c) {
    if (!store_.visible(c, a.who.scope, id)) throw notFound(kNotFound);
    return *store_.find(c, id);
  });
  return {render(l), fileName(l)};
}

std::string LicenceService::fileName(const LicenceRow& l) const { return licenceTypeName(l.businessType) + "_" + l.number + ".pdf"; }

Verification LicenceService::verify(const std::string& ip, const std::string& token) {
  if (!verifyLimiter_.allow(ip, core::nowMs())) throw rateLimited("核验请求过于频繁,请一分钟后再试");
  // Tokens are 32 hex digits; anything else cannot match and needs no query.
  const bool wellFormed = token.size() == 32 && token.find_first_not_of("0123456789abcdef") == std::string::npos;
  if (!wellFormed) throw notFound("未查询到该许可证,请核对二维码是否完整");
  auto v = ctx_.db.read([&](db::Conn& c) -> std::optional<Verification> {
    auto l = store_.byToken(c, token);
    if (!l) return std::nullopt;
    Verification out{l->number, licenceTypeName(l->businessType), l->holderName, l->issuerName, l->issuedOn, l->status,
                     statusName(l->status), ""};
    if (l->status != "valid")
      if (auto e = store_.latestEvent(c, l->id, l->status)) out.statusDate = e->happenedOn;
    return out;
  });
  if (!v) throw notFound("未查询到该许可证,请核对二维码是否完整");
  return *v;
}

// ---------------------------------------------------------------- the document
// Laid out like the national 保安服务许可证: a framed certificate with the title, the number, the
// holder's particulars as ruled lines, the issuing organ with a red round seal and the date, and
// the QR code of the verification page.
std::string LicenceService::render(const LicenceRow& l) const {
  using namespace io::pdf;
  Document d(Margins{0, 0, 0, 0});
  d.setTitle(licenceTypeName(l.businessType) + " " + l.number);
  d.setAuthor(l.issuerName);
  const Rgb frame{0.55, 0.08, 0.08};
  const double W = d.pageWidth(), H = d.pageHeight();
  // The frame: a thick outer line and a thin inner one.
  d.box(12, 12, W - 24, H - 24, 1.6, frame);
  d.box(15, 15, W - 30, H - 30, 0.4, frame);

  d.textAt(15, 34, W - 30, "中华人民共和国", TextStyle{Family::serif, 14, false, Align::center, kBlack, 1.0, 6});
  d.textAt(15, 46, W - 30, licenceTypeName(l.businessType), TextStyle{Family::serif, 34, true, Align::center, kBlack, 1.0, 10});
  d.textAt(15, 70, W - 40, "编号:" + l.number, TextStyle{Family::sans, 12, false, Align::right});

  const TextStyle label{Family::serif, 15, true};
  const TextStyle value{Family::serif, 15, false};
  const double lx = 32, vx = 72, vw = W - vx - 32;
  double y = 92;
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"名    称", l.holderName},   {"法定代表人", l.legalName}, {"住    所", l.address},
      {"注册资本", capitalText(l.regCapital)}, {"服务范围", l.serviceScope}};
  for (const auto& [k, v] : fields) {
    d.textAt(lx, y, 0, k, label);
    const double h = std::max(d.textAt(vx, y, vw, v, value), 8.0);
    // Each value stands on a ruled line, as on the printed form.
    d.line(vx, y + h + 1, vx + vw, y + h + 1, 0.25);
    y += h + 9;
  }

  // Issuer, date and the seal over them.
  const double sx = W - 70, sy = H - 92;
  d.textAt(W - 120, sy - 10, 90, "发证机关:" + l.issuerName, TextStyle{Family::serif, 14, false, Align::center});
  d.textAt(W - 120, sy + 4, 90, "发证日期:" + chineseDate(l.issuedOn), TextStyle{Family::serif, 14, false, Align::center});
  d.circle(sx, sy, 21, 1.2, kSealRed);
  d.star(sx, sy, 6.5, kSealRed);
  // The organ's name along the upper arc, about 30° a character, centred on 12 o'clock.
  const double span = std::min(240.0, 30.0 * static_cast<double>(core::utf8Length(l.issuerName) - 1));
  d.arcText(sx, sy, 18.5, -span / 2, span / 2, l.issuerName, TextStyle{Family::serif, 11, true, Align::left, kSealRed});
  d.textAt(sx - 18, sy + 9, 36, "许可专用章", TextStyle{Family::serif, 8, true, Align::center, kSealRed});

  // The QR code of the verification page.
  const double q = 36;
  d.qr(28, H - 28 - q - 8, q, verifyUrl(l.verifyToken));
  d.textAt(28, H - 28 - 7, q, "扫码核验真伪", TextStyle{Family::sans, 9, false, Align::center});

  if (l.status != "valid")
    d.textAt(15, 170, W - 30, "已" + statusName(l.status), TextStyle{Family::sans, 40, true, Align::center, kSealRed, 1.0, 12});

  d.textAt(15, H - 24, W - 30, "中华人民共和国公安部监制", TextStyle{Family::sans, 8, false, Align::center, {0.3, 0.3, 0.3}});
  return d.finish();
}

}  // namespace baoan::licences
