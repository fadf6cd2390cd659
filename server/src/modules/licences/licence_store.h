#pragma once
// SQL of issued licences (§5.1 保安服务许可证) and of their number sequences.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::licences {

inline constexpr db::ScopedTable kLicences{"licences", "l", "org_path", "created_by"};

struct LicenceRow {
  long long id = 0;
  std::string number, businessType;
  std::optional<long long> applicationId;
  std::optional<std::string> holderKind;
  std::optional<long long> holderId;
  std::string holderName, legalName, address;
  std::optional<long long> regCapital;  // 万元
  std::string serviceScope;             // as printed: "门卫、巡逻"
  long long issuerOrgId = 0;
  std::string issuerName, issuedOn;  // issuedOn "YYYY-MM-DD"
  std::string status;                // valid | cancelled | revoked | replaced (换发: a newer document has the number)
  std::optional<long long> statusChangedAt;
  std::string verifyToken;
  long long orgId = 0;
  std::string orgPath, orgName;
  long long createdAt = 0;
  std::optional<long long> createdBy;
};

// One fact of a licence's history (licence_events, migration 0016).
struct LicenceEvent {
  long long id = 0, licenceId = 0;
  std::string kind;  // issued | revoked | cancelled | replaced | reissued_from
  std::optional<std::string> decisionNo, reason;
  std::string happenedOn;  // "YYYY-MM-DD"
  std::optional<std::string> fileId;
  std::optional<long long> relatedLicenceId, applicationId, byUserId;
  std::string byName;
  long long at = 0;
};

// The conditions of the list and the export, always inside the caller's scope.
struct LicenceFilter {
  const core::DataScope* scope = nullptr;
  std::string businessType;             // exact; "" = every type
  std::string number, holderName;       // contains
  std::string status;                   // exact; "" = any but replaced (the documents in force: one per number)
  std::string issuedFrom, issuedTo;     // "YYYY-MM-DD", inclusive
};

class LicenceStore {
 public:
  std::pair<std::vector<LicenceRow>, long long> list(db::Conn& c, const LicenceFilter& f, const core::PageRequest& page) const;
  void forEach(db::Conn& c, const LicenceFilter& f, const std::function<void(const LicenceRow&)>& fn) const;
  std::optional<LicenceRow> find(db::Conn& c, long long id) const;
  std::optional<LicenceRow> byToken(db::Conn& c, const std::string& token) const;
  // The current document of the number (not a replaced one).
  std::optional<LicenceRow> byNumber(db::Conn& c, const std::string& number) const;
  // The holder's valid licences, latest issued first.
  std::vector<LicenceRow> validOf(db::Conn& c, const std::string& holderKind, long long holderId) const;
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  // The next number of the prefix's year, inside the caller's transaction: the sequence row is
  // created or incremented and locked until the transaction ends.
  long long nextSequence(db::Conn& c, const std::string& prefix, int year) const;
  // Keeps the sequence at least at `value` (a number given from outside, e.g. a licence issued
  // before this system, must never be given again).
  void raiseSequence(db::Conn& c, const std::string& prefix, int year, long long value) const;
  long long insert(db::Conn& c, const LicenceRow& l) const;
  std::optional<LicenceRow> ofApplication(db::Conn& c, long long applicationId) const;
  void setStatus(db::Conn& c, long long id, const std::string& status, long long at) const;
  // The holder's registry record, once it exists (a training unit is recorded with its licence's number).
  void setHolder(db::Conn& c, long long id, const std::string& holderKind, long long holderId) const;

  // History.
  void insertEvent(db::Conn& c, const LicenceEvent& e) const;
  // Every event of every document of the number, oldest first.
  std::vector<LicenceEvent> eventsOfNumber(db::Conn& c, const std::string& number) const;
  // The latest event of this kind on this document.
  std::optional<LicenceEvent> latestEvent(db::Conn& c, long long licenceId, const std::string& kind) const;
  // The issuing organ or the holder's supervising org; nullopt when unknown.
  struct OrgInfo {
    std::string name, path, regionCode;
  };
  std::optional<OrgInfo> org(db::Conn& c, long long orgId) const;

 private:
  db::Query where(const LicenceFilter& f) const;
};

}  // namespace baoan::licences
