#pragma once
// SQL of exams (§6.2 考试安排, migration 0020): exams, their rooms, their candidates with seats and
// scores, the score history, and what the exam module reads of exam_registrations.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/data_scope.h"
#include "core/form.h"
#include "db/db.h"
#include "db/scope_sql.h"

namespace baoan::exam {

inline constexpr db::ScopedTable kExams{"exams", "e", "org_path", "created_by"};
inline constexpr db::ScopedTable kRegistrations{"exam_registrations", "r", "org_path", ""};

struct RoomRow {
  long long id = 0;
  int position = 0;
  std::string name;
  int seats = 0;
};

struct ExamRow {
  long long id = 0;
  std::string name, kind, place;
  long long startAt = 0, endAt = 0;
  int passTheory = 60;
  std::optional<int> passSkills;
  std::string cityCode;
  std::optional<int> serial;
  long long orgId = 0;
  std::string orgPath, orgName;
  std::optional<long long> notifiedAt;
  int notifyCount = 0;
  std::optional<long long> seatedAt, scoresNotifiedAt;
  std::optional<long long> createdBy;
  long long createdAt = 0, updatedAt = 0;
  long long candidates = 0;  // filled by list() and find()
};

// One candidate of an exam with the registration's facts it shows.
struct CandidateRow {
  long long id = 0, examId = 0, registrationId = 0, applicationId = 0;
  std::string name, idNo, gender, mobile, photoFileId, registrationStatus;
  std::optional<long long> personUserId;
  long long registeredByUserId = 0;
  std::string registeredByKind, orgPath;
  std::optional<long long> roomId;
  std::string roomName;
  std::optional<int> seat;
  std::optional<std::string> ticketNo;
  std::optional<int> theory, skills;
  bool absent = false;
  std::optional<std::string> result;
  std::optional<long long> scoredAt, notifiedAt, scoreNotifiedAt;
};

// A registration as 添加人员 sees it.
struct AddableRegistration {
  long long id = 0;
  std::string name, idNo, gender, mobile, status, cityCode, orgPath;
  int attempt = 1;
  std::optional<long long> examId;
  long long createdAt = 0;
};

struct ExamFilter {
  const core::DataScope* scope = nullptr;
  std::string name;                     // contains
  std::string status;                   // not_started | in_progress | finished | ""
  std::optional<long long> from, to;    // start_at within
  long long now = 0;
};

struct AddableFilter {
  const core::DataScope* scope = nullptr;
  std::string cityCode;
  std::string name, idNo;  // contains / exact
};

// A seat given by 考场编排.
struct SeatAssignment {
  long long candidateId = 0, roomId = 0;
  int seat = 0;
  std::string ticketNo;
};

struct ScoreEntry {
  std::optional<int> theory, skills;
  bool absent = false;
  std::string result;
};

struct ScoreHistoryRow {
  long long registrationId = 0;
  std::optional<int> theory, skills;
  bool absent = false;
  std::string result;
  std::optional<std::string> reason;
  bool afterNotice = false;
  std::string byName;
  long long at = 0;
};

class ExamStore {
 public:
  // Exams.
  std::pair<std::vector<ExamRow>, long long> list(db::Conn& c, const ExamFilter& f, const core::PageRequest& page) const;
  std::optional<ExamRow> find(db::Conn& c, long long id) const;
  bool visible(db::Conn& c, const core::DataScope& scope, long long id) const;
  long long insert(db::Conn& c, const ExamRow& e) const;
  void update(db::Conn& c, const ExamRow& e) const;
  void remove(db::Conn& c, long long id) const;
  void setSerial(db::Conn& c, long long id, int serial) const;
  void markSeated(db::Conn& c, long long id, long long at) const;
  void markNotified(db::Conn& c, long long id, long long at) const;
  void markScoresNotified(db::Conn& c, long long id, long long at) const;

  // Rooms.
  std::vector<RoomRow> rooms(db::Conn& c, long long examId) const;
  void replaceRooms(db::Conn& c, long long examId, const std::vector<RoomRow>& rooms) const;

  // Candidates.
  std::vector<CandidateRow> candidates(db::Conn& c, long long examId) const;
  std::vector<CandidateRow> candidatesOfRoom(db::Conn& c, long long examId, long long roomId) const;
  std::optional<CandidateRow> candidate(db::Conn& c, long long examId, long long registrationId) const;
  long long candidateCount(db::Conn& c, long long examId) const;
  void addCandidates(db::Conn& c, long long examId, const std::vector<long long>& registrationIds, long long now) const;
  void removeCandidate(db::Conn& c, long long examId, long long registrationId) const;
  // Every seat of the exam cleared, then the assignments written in a few multi-row statements.
  void assignSeats(db::Conn& c, long long examId, const std::vector<SeatAssignment>& seats) const;
  void moveSeat(db::Conn& c, long long candidateId, long long roomId, int seat) const;
  bool seatTaken(db::Conn& c, long long roomId, int seat) const;
  void markCandidatesNotified(db::Conn& c, long long examId, long long at) const;
  void markScoresNotified(db::Conn& c, long long examId, long long candidateId, long long at) const;
  void markAllScoresNotified(db::Conn& c, long long examId, long long at) const;
  void setScore(db::Conn& c, long long candidateId, const ScoreEntry& s, long long at, long long byUserId) const;
  void addHistory(db::Conn& c, long long examId, const ScoreHistoryRow& h) const;
  std::vector<ScoreHistoryRow> history(db::Conn& c, long long examId) const;

  // Registrations (exam_registrations, migration 0019).
  // The registrations of these ids inside the scope, in one query.
  std::vector<AddableRegistration> registrations(db::Conn& c, const std::vector<long long>& ids, const core::DataScope& scope) const;
  std::pair<std::vector<AddableRegistration>, long long> addable(db::Conn& c, const AddableFilter& f, const core::PageRequest& page) const;
  // Sets exam_registrations.exam_id of these ids (NULL for none), in one statement.
  void setRegistrationExam(db::Conn& c, const std::vector<long long>& ids, std::optional<long long> examId) const;

  // The org that owns what an officer creates: the nearest bureau at or above `orgId` (市局, 分局, 县局),
  // with its path and region code.
  struct OrgInfo {
    long long id = 0;
    std::string name, path, regionCode, type;
    std::optional<long long> parentId;
  };
  std::optional<OrgInfo> org(db::Conn& c, long long orgId) const;

  // The officer-side in-app message to a portal account (portal_messages of migration 0012).
  void message(db::Conn& c, long long userId, const std::string& title, const std::string& body, long long at) const;
};

}  // namespace baoan::exam
