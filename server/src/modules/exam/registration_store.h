#pragma once
// exam_registrations (migration 0019): one registration of one person beside its engine case.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::exam {

struct RegistrationRow {
  long long id = 0;
  long long applicationId = 0;
  std::string caseNo, caseStatus;
  std::string status;
  int attempt = 1;
  std::string idNo, name, gender, birthDate, ethnicity, education, householdRegion, householdAddress, currentAddress, mobile;
  std::string photoFileId;
  bool armedEscort = false;
  std::string cityCode;
  long long registeredByUserId = 0;
  std::string registeredByKind;
  std::optional<long long> personUserId, examId, certificateId;
  std::string orgPath, stationName;
  long long createdAt = 0, updatedAt = 0;
};

struct RegistrationFilter {
  std::optional<std::string> status, name, idNo, caseNo, householdRegion;
  std::optional<long long> examId;
  std::optional<long long> createdFrom, createdTo;  // 报名日期 (统计管理's 详情 opens the list with them)
};

// What 条例 art. 17 and the resit rule need to know about a person's past.
struct PersonHistory {
  std::optional<RegistrationRow> open;  // the registration in progress, if any
  int failedAttempts = 0;               // registrations that ended 不合格 (缺考 counts as an attempt too)
  int revocations = 0;                  // 保安员证 revoked
  std::optional<std::string> lastRevokedOn;
};

// The exam a registration sits and its score (exam_candidates, migration 0020).
struct ExamSeat {
  long long examId = 0;
  std::string name, place;
  long long startAt = 0, endAt = 0;
  std::optional<std::string> roomName, ticketNo, result;
  std::optional<long long> seat, theory, skills, scoresNotifiedAt;
  bool absent = false;
};

// The certificate issued to a registration (certificates).
struct IssuedCertificate {
  long long id = 0;
  std::string number, issuedOn, status, token;
};

class RegistrationStore {
 public:
  static const db::ScopedTable kTable;
  long long insert(db::Conn& c, const RegistrationRow& r);
  std::optional<RegistrationRow> find(db::Conn& c, long long id);
  bool visible(db::Conn& c, const core::DataScope& scope, long long id);
  // §9.3: the ID numbers among these that are an open 问题人员 (a flagged guard).
  std::set<std::string> flaggedIdNos(db::Conn& c, const std::vector<std::string>& idNos);
  // Police side (§6.1.1): in the scope, newest first.
  std::pair<std::vector<RegistrationRow>, long long> list(db::Conn& c, const core::DataScope& scope, const RegistrationFilter& f,
                                                          const core::PageRequest& page);
  // Portal side: what the account registered, or the person's own.
  std::pair<std::vector<RegistrationRow>, long long> ofAccount(db::Conn& c, long long userId, const RegistrationFilter& f,
                                                               const core::PageRequest& page);
  PersonHistory historyOf(db::Conn& c, const std::string& idNo);
  std::optional<std::string> unitKindOf(db::Conn& c, long long userId);
  void setOrgPath(db::Conn& c, long long id, const std::string& orgPath, long long now);
  std::string orgName(db::Conn& c, long long orgId);
  std::optional<ExamSeat> examOf(db::Conn& c, long long registrationId);
  std::optional<IssuedCertificate> certificateOf(db::Conn& c, long long registrationId);
  // The account's newest unattached upload of each file name (批量报名 names files by name).
  std::map<std::string, std::string> uploadsNamed(db::Conn& c, long long userId, const std::vector<std::string>& names);

  // 派出所设置 (station_routes).
  struct StationRoute {
    std::string countyCode;
    long long orgId = 0;
    std::string orgName, orgPath;
  };
  std::vector<StationRoute> stationRoutes(db::Conn& c);
  void setStationRoute(db::Conn& c, const std::string& countyCode, long long orgId, long long by, long long now);
};

}  // namespace baoan::exam
