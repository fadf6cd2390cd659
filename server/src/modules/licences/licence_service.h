#pragma once
// Issued licences (§5.1 保安服务许可证, §5.3 保安培训许可证): issued by the approval engine's final
// 同意 (or the demo seed) through issue(), listed and printed by officers in their data scope, and
// verified by anyone through the QR code on the document (no sign-in, rate-limited per address,
// nothing personal shown).
//
// Lifecycle (issue 12, migration 0016): every fact is a licence_events row written once — 发证 by
// issue(); 吊销 / 注销 by an officer holding licence:revoke (revoke(), or setStatus() inside a caller's
// transaction), after which the holder's registry record follows (industry/licence_holders.h); 换发 by
// replace() when a licence change is granted: the number stays, a new document (new row, new QR token)
// is issued with the new facts, and the old document says 已换发. GET /licences/{id} shows the history
// of the number across its documents.
//
// Numbers: "<province abbreviation><prefix><year><5-digit sequence>", e.g. 陕公保服202600001 for a
// 保安服务许可证 issued by 陕西省公安厅 in 2026 (公保服 = 公安机关·保安服务, the abbreviation the
// provincial departments print on the national licence form; 公保培 for 保安培训许可证). The sequence
// restarts each year per province and prefix; it is taken inside the issuing transaction, so two
// grants at once never share a number (PostgreSQL locks the sequence row, SQLite has one writer).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/auth/auth_service.h"  // RateLimiter
#include "modules/export_util.h"
#include "modules/files/file_service.h"
#include "modules/industry/licence_holders.h"
#include "modules/licences/licence_store.h"

namespace baoan::licences {

// What the grant knows about the licence it issues.
struct IssueRequest {
  std::string businessType = "company_licence";  // company_licence | training_licence
  std::optional<long long> applicationId;         // the granted case; none for licences issued before the system
  std::optional<std::string> holderKind;          // "company" once the holder is in the registry
  std::optional<long long> holderId;              // its id there
  std::string holderName;                         // 名称
  std::string legalName;                          // 法定代表人
  std::string address;                            // 住所
  std::optional<long long> regCapital;            // 注册资本, 万元
  std::string serviceScope;                       // 服务范围: codes of the serviceScopes dictionary ("door,patrol") or text as printed
  long long issuerOrgId = 0;                      // 发证机关: the deciding org (省厅 for company licences)
  long long orgId = 0;                            // the holder's supervising org: who sees the licence (data scope)
  std::optional<std::string> issuedOn;            // 发证日期 "YYYY-MM-DD"; default today (China time)
};

// 吊销 or 注销 of a licence.
//  - 吊销 (revoked) is an administrative penalty (行政处罚法 art. 9; 保安服务管理条例 art. 43-45): it is
//    decided by a 行政处罚决定书, whose number (decisionNo) is required.
//  - 注销 (cancelled) is the procedure of 行政许可法 art. 70 when the holder dissolves, gives the licence
//    up or its licence was otherwise ended: no penalty decision exists, so decisionNo is optional (a
//    注销 notice may have one).
// reason is required for both; date ("YYYY-MM-DD") is the day of the decision, not in the future and
// not before the licence was issued; fileId an uploaded scan of the decision (PDF, JPEG or PNG).
struct StatusChange {
  std::string kind;  // revoked | cancelled
  std::string decisionNo, reason, date;
  std::optional<std::string> fileId;
  std::optional<long long> applicationId;  // the case that decided it, when one did
};

// The filters of the list and the export (query parameters of GET /licences).
struct LicenceQuery {
  std::string businessType, number, holderName, status, issuedFrom, issuedTo;
  std::string conditions;  // the request as the export's audit entry names it
};

// A PDF for download: the bytes and the Chinese file name.
struct PdfFile {
  std::string bytes;
  std::string fileName;
};

// What the public verification page shows: nothing personal.
struct Verification {
  std::string number, businessTypeName, holderName, issuerName, issuedOn, status, statusName;
  std::string statusDate;  // the day of 吊销 / 注销 / 换发; "" while valid
};

// The text fields of POST /licences/{id}/revoke (docs/openapi.yaml LicenceRevoke).
const core::FormSpec& licenceRevokeForm();

class LicenceService {
 public:
  // files: where the decision documents of 吊销 / 注销 are attached (owner kind "licence"); the seed
  // and tests that never attach one may pass none.
  explicit LicenceService(app::Context& ctx, files::FileService* files = nullptr);

  // Issues a licence inside the caller's transaction (the approval engine's grant, the seed): checks
  // the request (422 naming the field), takes the next number of the issuer's province and the
  // year of issuedOn, writes the licence with a random verification token and an audit entry.
  // Returns the stored licence (its id, number and verifyToken included). History: 'issued'.
  LicenceRow issue(db::Conn& c, const core::Actor& a, const IssueRequest& r);
  // 吊销 / 注销 inside the caller's transaction (no scope check: the caller decided): the licence's
  // status, the history entry, the decision file attached, the holder's registry record following
  // (industry::LicenceHolders), an audit entry. The verification page says so from then on. 404 when
  // unknown, 409 when the licence is no longer valid, 422 naming the field for a bad change.
  LicenceRow setStatus(db::Conn& c, const core::Actor& a, long long id, const StatusChange& change);
  // 换发 (a licence change granted) inside the caller's transaction: the old document (oldId) becomes
  // 'replaced' (its QR page says 已换发) and a new document with the same number, a new verification
  // token and the new facts is issued (status valid, issuedOn = newFacts.issuedOn or today). Taken
  // from the old licence: businessType always; holderKind/holderId when newFacts has none;
  // issuerOrgId and orgId when 0. 404 unknown, 409 not valid, 422 naming the field. Returns the new
  // document. History: 'replaced' on the old (reason: the changed items), 'reissued_from' on the new.
  LicenceRow replace(db::Conn& c, const core::Actor& a, long long oldId, const IssueRequest& newFacts);
  // The holder's valid licences, latest first (the licence pickers of the forms), inside the caller's
  // transaction. holderKind: company | training_unit.
  std::vector<LicenceRow> validLicencesOf(db::Conn& c, const std::string& holderKind, long long holderId) const;
  // The licence a granted application produced (the applicant's download), inside the caller's
  // transaction; nullopt when none.
  std::optional<LicenceRow> ofApplication(db::Conn& c, long long applicationId) const;

  // Officers, in their data scope (404 outside it).
  nlohmann::json list(const core::Principal& p, const LicenceQuery& q, const core::PageRequest& page);
  // The licence with its history: [{at, kind, kindName, decisionNo, reason, date, byName, fileId, fileName, licenceId}].
  nlohmann::json get(const core::Principal& p, long long id);
  // POST /licences/{id}/revoke {"kind", "decisionNo", "reason", "date", "fileId"?}: 404 outside the
  // caller's scope, 422 naming the field, 409 when no longer valid; answers like get().
  nlohmann::json revoke(const core::Actor& a, long long id, const nlohmann::json& body);
  modules::ExportFile exportFile(const core::Actor& a, const LicenceQuery& q);
  PdfFile document(const core::Actor& a, long long id);

  // The licence PDF of a stored licence (for callers that checked access themselves, e.g. the
  // applicant downloading its own licence on the portal).
  std::string render(const LicenceRow& l) const;
  std::string fileName(const LicenceRow& l) const;

  // Public verification by the token of the QR code: 429 when the address asked too often, 404
  // when no licence has the token.
  Verification verify(const std::string& ip, const std::string& token);

  // "/verify/licence/<token>" and the same on the public base URL (what the QR code holds).
  static std::string verifyPath(const std::string& token);
  std::string verifyUrl(const std::string& token) const;
  static nlohmann::json toJson(const LicenceRow& l);

 private:
  nlohmann::json history(db::Conn& c, const LicenceRow& l);
  app::Context& ctx_;
  files::FileService* files_;
  LicenceStore store_;
  industry::LicenceHolders holders_;
  auth::RateLimiter verifyLimiter_;
};

// "有效" / "注销" / "吊销" / "换发".
std::string statusName(const std::string& status);
// "保安服务许可证" / "保安培训许可证".
std::string licenceTypeName(const std::string& businessType);

}  // namespace baoan::licences
