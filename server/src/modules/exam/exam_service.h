#pragma once
// 考试安排 and 成绩 (manual §6.2, issue 13): exams of a city with rooms and a pass rule, 添加人员 from the
// city's pending_exam registrations, 考场编排 with 准考证号, 准考证 PDFs, the room lists, 考试通知, 录入成绩
// (one by one or from the template), 通知成绩 and the changes after it (with a reason, logged).
//
// Scope: an exam belongs to the bureau of the officer who created it (the 市局, or a 分局/县局) and its
// city (exams.city_code); whoever's data scope covers that bureau sees it (another city's officer gets
// 404 for it and never sees it in a list). Registrations are added only from the caller's scope.
//
// Registration statuses (modules/exam/registration_status.h): added → scheduled; removed → pending_exam;
// at 通知成绩 scheduled → passed (合格) or failed (不合格 or 缺考; the candidate row keeps absent apart). The
// move happens at 通知成绩 and not at entry: scores may be corrected freely until they are announced,
// and the certificates module hears of the passed candidates once (onScoresNotified). Until then the
// list shows the decided result beside the status 已安排考试.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/export_util.h"
#include "modules/exam/exam_store.h"
#include "modules/files/file_service.h"

namespace baoan::exam {

struct ExamQuery {
  std::string name, status, from, to;  // from/to: "YYYY-MM-DD" of the start
};

struct AddableQuery {
  std::string name, idNo;
};

struct TicketQuery {
  std::string room;                        // a room's id or name; "" = every room
  std::optional<long long> registrationId;  // one candidate
};

struct PdfFile {
  std::string bytes;
  std::string fileName;
};

// The score import's answer: imported rows, or the per-row report (nothing written).
struct ScoreImportResult {
  long long imported = 0;
  nlohmann::json errors = nlohmann::json::array();
  std::size_t errorCount = 0;
};

class ExamService {
 public:
  // files: where the candidates' photos are read for the tickets (may be null: no photos).
  explicit ExamService(app::Context& ctx, files::FileService* files = nullptr);

  // Called inside 通知成绩's transaction with the registrations that passed (and later, inside a score
  // change's transaction, with one that became passed). The lead wires it to the certificates module
  // (制证审批 cases). Empty: nothing happens.
  std::function<void(db::Conn&, const core::Actor&, const std::vector<long long>& passedRegistrationIds)> onScoresNotified;

  // 考试安排.
  nlohmann::json list(const core::Principal& p, const ExamQuery& q, const core::PageRequest& page);
  nlohmann::json get(const core::Principal& p, long long id);
  nlohmann::json create(const core::Actor& a, const nlohmann::json& body);
  nlohmann::json update(const core::Actor& a, long long id, const nlohmann::json& body);
  void remove(const core::Actor& a, long long id);

  // 添加人员.
  nlohmann::json addable(const core::Principal& p, long long id, const AddableQuery& q, const core::PageRequest& page);
  nlohmann::json addCandidates(const core::Actor& a, long long id, const nlohmann::json& body);
  void removeCandidate(const core::Actor& a, long long id, long long registrationId);

  // 考场编排.
  nlohmann::json seat(const core::Actor& a, long long id, const nlohmann::json& body);
  nlohmann::json moveSeat(const core::Actor& a, long long id, long long registrationId, const nlohmann::json& body);

  // 准考证 and the room lists.
  PdfFile tickets(const core::Actor& a, long long id, const TicketQuery& q);
  // A candidate's own 准考证 (the portal: the person, or the unit that registered them); the caller
  // decided the account may see the registration.
  PdfFile ticketOf(const core::Actor& a, long long examId, long long registrationId);
  modules::ExportFile roomList(const core::Actor& a, long long id, const std::string& room);

  // 考试通知.
  nlohmann::json notify(const core::Actor& a, long long id, const nlohmann::json& body);

  // 成绩.
  nlohmann::json setScore(const core::Actor& a, long long id, long long registrationId, const nlohmann::json& body);
  modules::ExportFile scoreTemplate(const core::Actor& a, long long id);
  ScoreImportResult importScores(const core::Actor& a, long long id, const std::string& xlsx);
  nlohmann::json notifyScores(const core::Actor& a, long long id);

  // Demo and tests: an exam written as is (no checks on times), with its rooms.
  long long insertExam(db::Conn& c, const ExamRow& e, const std::vector<RoomRow>& rooms);
  // Inside the caller's transaction: the registrations added (checked as addCandidates does), seated
  // in ID order, scores entered and announced — the steps the API takes, for the demo seed.
  void addInTx(db::Conn& c, const core::Actor& a, const ExamRow& e, const std::vector<long long>& registrationIds, long long now);
  void seatInTx(db::Conn& c, const ExamRow& e, bool random, long long now);
  void scoreInTx(db::Conn& c, const core::Actor& a, const ExamRow& e, const CandidateRow& k, const ScoreEntry& s,
                 const std::optional<std::string>& reason, long long now);
  void notifyScoresInTx(db::Conn& c, const core::Actor& a, const ExamRow& e, long long now);

 private:
  ExamRow load(db::Conn& c, const core::Principal& p, long long id) const;
  nlohmann::json detail(db::Conn& c, const ExamRow& e) const;
  void sendToCandidate(db::Conn& c, const CandidateRow& k, const std::string& purpose, const std::string& title,
                       const std::string& body, long long now);
  std::string render(const ExamRow& e, const std::vector<CandidateRow>& people, const core::Principal& p) const;

  app::Context& ctx_;
  files::FileService* files_;
  ExamStore store_;
};

// The JSON of a candidate (ID and mobile masked, as lists show them).
nlohmann::json candidateJson(const CandidateRow& k);

}  // namespace baoan::exam
