#pragma once
// All SQL of 保安员证 (table certificates, migration 0019) and of the registration fields the
// certificate steps read and write (exam_registrations: the pipeline row of DOMAIN.md; status moves go
// through exam::moveRegistration).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::certificates {

inline constexpr db::ScopedTable kCertificates{"certificates", "c"};
inline constexpr db::ScopedTable kRegistrations{"exam_registrations", "r"};

struct CertificateRow {
  long long id = 0;
  std::string number;
  std::optional<long long> registrationId;
  std::string idNo, name, gender;
  std::optional<std::string> photoFileId;
  long long issuingOrgId = 0;
  std::string issuingOrgName, issuedOn, status, verifyToken;
  std::optional<long long> printedAt;
  long long printCount = 0;
  std::optional<std::string> handedOverAt, receiverName;
  std::optional<long long> handedOverBy;
  std::optional<std::string> handedOverByName;
  std::optional<std::string> revokedOn, revokeDecisionNo, revokeReason;
  std::optional<long long> revokedBy;
  std::string orgPath;
  long long createdAt = 0, updatedAt = 0;
  // From the registration.
  std::optional<std::string> registrationStatus;
  std::optional<long long> examId;
};

// The registration as the certificate steps read it.
struct RegistrationRow {
  long long id = 0;
  long long applicationId = 0;
  std::string status, idNo, name, gender, householdRegion, cityCode, orgPath, photoFileId;
  std::optional<long long> examId, certificateId, personUserId;
  long long registeredByUserId = 0;
};

struct CertificateFilter {
  const core::DataScope* scope = nullptr;
  std::string name, idNo, status;
  std::optional<long long> examId;
  std::optional<bool> hasPhoto;
};

struct Revocations {
  long long count = 0;
  std::optional<std::string> lastRevokedOn;  // YYYY-MM-DD
};

class CertificateStore {
 public:
  std::pair<std::vector<CertificateRow>, long long> list(db::Conn& c, const CertificateFilter& f, const core::PageRequest& page) const;
  std::optional<CertificateRow> find(db::Conn& c, long long id) const;
  std::optional<CertificateRow> ofRegistration(db::Conn& c, long long registrationId) const;
  std::optional<CertificateRow> byToken(db::Conn& c, const std::string& token) const;
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  long long insert(db::Conn& c, const CertificateRow& r) const;
  void markPrinted(db::Conn& c, long long id, long long now) const;
  // false when the row was handed over meanwhile.
  bool handOver(db::Conn& c, long long id, const std::string& at, const std::string& receiver, long long by, long long now) const;
  // false when the row was revoked meanwhile.
  bool revoke(db::Conn& c, long long id, const std::string& on, const std::string& decisionNo, const std::string& reason, long long by,
              long long now) const;
  Revocations revocationsOf(db::Conn& c, const std::string& idNo) const;

  std::optional<RegistrationRow> registration(db::Conn& c, long long id) const;
  void linkCertificate(db::Conn& c, long long registrationId, long long certificateId, long long now) const;
  // The name of an org (the issuing organ); nullopt when unknown.
  std::optional<std::string> orgName(db::Conn& c, long long orgId) const;
};

}  // namespace baoan::certificates
