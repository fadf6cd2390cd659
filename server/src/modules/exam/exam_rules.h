#pragma once
// The pure rules of exams (§6.2), unit-tested without a database: the exam's status from its times,
// the pass rule, seat assignment and 准考证号.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace baoan::exam {

// not_started (未开始) before startAt, in_progress (进行中) until endAt, finished (已结束) after.
std::string examStatus(long long startAt, long long endAt, long long now);
std::string examStatusName(const std::string& status);
bool isExamStatus(const std::string& status);
// "理论" / "理论+技能".
std::string examKindName(const std::string& kind);

// The exam's 成绩合格标准: theory ≥ passTheory; skills ≥ passSkills where the exam has skills.
struct PassRule {
  int passTheory = 60;
  std::optional<int> passSkills;  // none: a theory-only exam
};
// passed | failed | absent. 缺考 is its own result (it does not count as a failed attempt).
std::string decideResult(const PassRule& rule, std::optional<int> theory, std::optional<int> skills, bool absent);
// 合格 / 不合格 / 缺考.
std::string resultName(const std::string& result);

// What one score entry says, checked: theory and skills 0–100 integers (skills only and always for an
// exam with skills), none of them with 缺考. Messages name the field in Chinese.
struct ScoreInput {
  std::optional<int> theory, skills;
  bool absent = false;
};
void checkScoreInput(const ScoreInput& in, bool hasSkills, FieldErrors& e);
// A score cell of the import ("85", "85.0", ""): nullopt when empty; adds an error when it is not a
// whole number from 0 to 100.
std::optional<int> parseScoreText(const std::string& text, const std::string& field, const std::string& label, FieldErrors& e);
// The 缺考 cell: "是", "缺考", "Y", "1", "TRUE" → true; "", "否", "N", "0", "FALSE" → false; anything else an error.
bool parseAbsentText(const std::string& text, FieldErrors& e);

// 考场编排: candidates in ID-number order (or shuffled with the seed) fill the rooms in their order, seat
// 1 upwards. Throws 409 when there are fewer seats than candidates, saying how many are missing.
struct SeatCandidate {
  long long candidateId = 0;
  std::string idNo;
};
struct SeatRoomCapacity {
  long long roomId = 0;
  int seats = 0;
};
struct SeatPlace {
  long long candidateId = 0, roomId = 0;
  int seat = 0;
  int sequence = 0;  // 1, 2, … in seating order: the last digits of the 准考证号
};
std::vector<SeatPlace> assignSeats(std::vector<SeatCandidate> people, const std::vector<SeatRoomCapacity>& rooms, bool random,
                                   std::uint64_t seed);

// 准考证号: year (4) + the city's first 4 digits + the exam's serial in its city and year (3) + the
// sequence in seating order (5): "2026" "6104" "001" "00001" = 2026610400100001 (16 digits, unique:
// one serial per exam of a city and year).
std::string ticketNumber(int year, const std::string& cityCode, int serial, int sequence);

}  // namespace baoan::exam
