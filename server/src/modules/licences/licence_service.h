#pragma once
// Issued licences (§5.1 保安服务许可证; later 保安培训许可证): issued by the approval engine's final
// 同意 (or the demo seed) through issue(), listed and printed by officers in their data scope, and
// verified by anyone through the QR code on the document (no sign-in, rate-limited per address,
// nothing personal shown).
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
};

class LicenceService {
 public:
  explicit LicenceService(app::Context& ctx);

  // Issues a licence inside the caller's transaction (the approval engine's grant, the seed): checks
  // the request (422 naming the field), takes the next number of the issuer's province and the
  // year of issuedOn, writes the licence with a random verification token and an audit entry.
  // Returns the stored licence (its id, number and verifyToken included).
  LicenceRow issue(db::Conn& c, const core::Actor& a, const IssueRequest& r);
  // 注销 ("cancelled") or 吊销 ("revoked") inside the caller's transaction (the later revocation and
  // deregistration business types); the verification page says so from then on. 404 when unknown,
  // 409 when the licence is no longer valid, 422 for another status.
  LicenceRow setStatus(db::Conn& c, const core::Actor& a, long long id, const std::string& status);
  // The licence a granted application produced (the applicant's download), inside the caller's
  // transaction; nullopt when none.
  std::optional<LicenceRow> ofApplication(db::Conn& c, long long applicationId) const;

  // Officers, in their data scope (404 outside it).
  nlohmann::json list(const core::Principal& p, const LicenceQuery& q, const core::PageRequest& page);
  nlohmann::json get(const core::Principal& p, long long id);
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
  app::Context& ctx_;
  LicenceStore store_;
  auth::RateLimiter verifyLimiter_;
};

// "有效" / "注销" / "吊销".
std::string statusName(const std::string& status);
// "保安服务许可证" / "保安培训许可证".
std::string licenceTypeName(const std::string& businessType);

}  // namespace baoan::licences
