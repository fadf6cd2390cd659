#pragma once
// 保安员证 (manual §6.3, issue 13): issued by the final 同意 of a 制证审批 case (business type
// certificate_issuance, approval/types/certificate_issuance.cpp), listed, previewed and printed by
// officers in their data scope, handed over (发放登记: the guard's registry record gets the number),
// revoked (吊销, feeding the registration rule of 条例 art. 17), and verified by anyone through the
// QR code (no sign-in, rate-limited per address; the photo only to a visitor who types the full ID).
//
// The registration pipeline (DOMAIN.md): passed → pending_certificate (openCertificateCases: one
// engine case each) → certifying (the case granted: the certificate row with its number) → certified
// (printed). A 不同意 that ends the case (or a withdrawal) ends the registration as rejected
// (审查不通过, a closed status: the person may register again), the engine case keeping the reason.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/auth/auth_service.h"  // RateLimiter
#include "modules/certificates/certificate_card.h"
#include "modules/certificates/certificate_store.h"
#include "modules/files/file_service.h"

namespace baoan::certificates {

// A PDF for download: the bytes and the Chinese file name.
struct PdfFile {
  std::string bytes;
  std::string fileName;
};

// GET /certificates filters (query parameters).
struct CertificateQuery {
  std::string name, idNo, status, examId, hasPhoto;
};

// What the public verification page shows.
struct Verification {
  std::string number, maskedName, issuingOrgName, issuedOn, status, statusName;
  std::optional<std::string> revokedOn;
  // Only when the visitor typed the holder's full ID number (idChecked): the photo bytes (may be
  // absent when none was kept) and the unmasked name.
  bool idChecked = false;
  bool idMismatch = false;  // an ID number was typed and it is not the holder's
  std::optional<std::string> photo;
  std::string photoType;  // image/jpeg | image/png
  std::string name;
};

// 条例 art. 17: a person whose 保安员证 was revoked less than 3 years ago (before `today`), or twice,
// cannot register; the reason as the registration form says it, nullopt when none.
std::optional<std::string> revocationBar(const Revocations& r, const std::string& today);
// The revocations of a person's certificates (count and the last revoked_on), in the caller's transaction.
Revocations revocationsOf(db::Conn& c, const std::string& idNo);

// The grant of a 制证审批 case, inside the engine's transaction: the registration (pending_certificate)
// gets its certificate — the next number of the issuing city, issued by `issuingOrgId` (the 市局)
// today, a random verify token — and moves to certifying. 409 when the registration is not pending.
CertificateRow issueCertificate(db::Conn& c, const core::Actor& a, long long registrationId, long long issuingOrgId);
// The case ended without the grant (不同意 that ends it, 不予受理, withdrawn): the registration moves
// pending_certificate → rejected. No-op when it is no longer pending.
void certificationEnded(db::Conn& c, long long registrationId, long long nowMs);

// "2026-12-07" and the name with every character but the first masked ("张**").
std::string maskName(const std::string& name);

class CertificateService {
 public:
  CertificateService(app::Context& ctx, files::FileService& files);

  nlohmann::json list(const core::Principal& p, const CertificateQuery& q, const core::PageRequest& page);
  // One certificate; the full ID number (when the caller holds certificate:pii) is audited.
  nlohmann::json get(const core::Actor& a, long long id);
  // 预览: the card at its size (no state change).
  PdfFile document(const core::Actor& a, long long id);
  // 打印 {"ids"}: one PDF of A4 sheets (10 cards a sheet) in the order given; each certificate's
  // print time and count recorded, its registration moved certifying → certified.
  PdfFile print(const core::Actor& a, const nlohmann::json& body);
  // What print() records once the PDF is made (the demo seed records prints without drawing them).
  void recordPrints(const core::Actor& a, const std::vector<CertificateRow>& rows);
  // The certificate of a registration, for callers that decided access themselves (the seed); nullopt when none.
  std::optional<CertificateRow> ofRegistration(long long registrationId);
  // 发放登记 {"receiverName", "at"}.
  nlohmann::json handover(const core::Actor& a, long long id, const nlohmann::json& body);
  // 吊销 {"decisionNo", "reason", "revokedOn"}.
  nlohmann::json revoke(const core::Actor& a, long long id, const nlohmann::json& body);
  // Public verification by the QR code's token, with the ID number the visitor typed (may be empty).
  // 429 when the address asked too often, 404 when no certificate has the token.
  Verification verify(const std::string& ip, const std::string& token, const std::string& typedIdNo);

  static std::string verifyPath(const std::string& token);
  std::string verifyUrl(const std::string& token) const;
  nlohmann::json toJson(const CertificateRow& r, bool fullIdNo) const;

 private:
  CardFace faceOf(const CertificateRow& r);
  app::Context& ctx_;
  files::FileService& files_;
  CertificateStore store_;
  auth::RateLimiter verifyLimiter_;
};

const core::FormSpec& handoverForm();
const core::FormSpec& revokeForm();

}  // namespace baoan::certificates
