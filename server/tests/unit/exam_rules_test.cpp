// The pure rules of exams (modules/exam/exam_rules.h): pass rule, seat assignment, 准考证号, the score
// cells of the import.
#include <gtest/gtest.h>

#include <set>

#include "core/error.h"
#include "modules/exam/exam_rules.h"

using namespace baoan;
using namespace baoan::exam;

TEST(ExamRules, StatusFollowsTheTimes) {
  EXPECT_EQ(examStatus(100, 200, 99), "not_started");
  EXPECT_EQ(examStatus(100, 200, 100), "in_progress");
  EXPECT_EQ(examStatus(100, 200, 200), "in_progress");
  EXPECT_EQ(examStatus(100, 200, 201), "finished");
  EXPECT_EQ(examStatusName("finished"), "已结束");
}

TEST(ExamRules, PassRuleOfTheory) {
  const PassRule rule{60, std::nullopt};
  EXPECT_EQ(decideResult(rule, 60, std::nullopt, false), "passed");
  EXPECT_EQ(decideResult(rule, 59, std::nullopt, false), "failed");
  EXPECT_EQ(decideResult(rule, 100, std::nullopt, false), "passed");
  EXPECT_EQ(decideResult(rule, std::nullopt, std::nullopt, true), "absent");
  EXPECT_EQ(decideResult(PassRule{80, std::nullopt}, 79, std::nullopt, false), "failed");
}

TEST(ExamRules, PassRuleWithSkillsNeedsBoth) {
  const PassRule rule{60, 70};
  EXPECT_EQ(decideResult(rule, 90, 70, false), "passed");
  EXPECT_EQ(decideResult(rule, 90, 69, false), "failed");
  EXPECT_EQ(decideResult(rule, 59, 100, false), "failed");
  EXPECT_EQ(decideResult(rule, 90, std::nullopt, false), "failed");
  EXPECT_EQ(resultName("absent"), "缺考");
}

TEST(ExamRules, ScoreInputIsCheckedNamingTheField) {
  FieldErrors e;
  checkScoreInput({101, std::nullopt, false}, false, e);
  EXPECT_TRUE(e.has("theory"));
  FieldErrors missingSkills;
  checkScoreInput({80, std::nullopt, false}, true, missingSkills);
  EXPECT_TRUE(missingSkills.has("skills"));
  FieldErrors skillsOnTheory;
  checkScoreInput({80, 80, false}, false, skillsOnTheory);
  EXPECT_TRUE(skillsOnTheory.has("skills"));
  FieldErrors absentWithScore;
  checkScoreInput({80, std::nullopt, true}, false, absentWithScore);
  EXPECT_TRUE(absentWithScore.has("theory"));
  FieldErrors ok;
  checkScoreInput({std::nullopt, std::nullopt, true}, true, ok);
  checkScoreInput({0, 100, false}, true, ok);
  EXPECT_TRUE(ok.empty());
}

TEST(ExamRules, ScoreCellsOfTheImport) {
  FieldErrors e;
  EXPECT_EQ(parseScoreText("85", "theory", "理论成绩", e), 85);
  EXPECT_EQ(parseScoreText("85.0", "theory", "理论成绩", e), 85);
  EXPECT_EQ(parseScoreText("", "theory", "理论成绩", e), std::nullopt);
  EXPECT_EQ(parseScoreText("0", "theory", "理论成绩", e), 0);
  EXPECT_TRUE(e.empty());
  for (const char* bad : {"101", "-1", "八十", "85.5", "1000"}) {
    FieldErrors b;
    EXPECT_EQ(parseScoreText(bad, "theory", "理论成绩", b), std::nullopt) << bad;
    ASSERT_TRUE(b.has("theory")) << bad;
    EXPECT_NE(b.all()[0].second.find("理论成绩"), std::string::npos);
  }
  FieldErrors a;
  EXPECT_TRUE(parseAbsentText("是", a));
  EXPECT_TRUE(parseAbsentText("缺考", a));
  EXPECT_TRUE(parseAbsentText("y", a));
  EXPECT_FALSE(parseAbsentText("", a));
  EXPECT_FALSE(parseAbsentText("否", a));
  EXPECT_TRUE(a.empty());
  parseAbsentText("也许", a);
  EXPECT_TRUE(a.has("absent"));
}

namespace {
std::vector<SeatCandidate> people(int n) {
  std::vector<SeatCandidate> out;
  for (int i = 0; i < n; ++i) out.push_back({1000 + i, "6104" + std::to_string(99 - i)});  // reverse ID order of the ids
  return out;
}
}  // namespace

TEST(ExamRules, SeatsInIdOrderFillRoomsInTurn) {
  const auto places = assignSeats(people(5), {{11, 2}, {12, 3}}, false, 0);
  ASSERT_EQ(places.size(), 5u);
  // The smallest ID number (the last person) sits first.
  EXPECT_EQ(places[0].candidateId, 1004);
  EXPECT_EQ(places[0].roomId, 11);
  EXPECT_EQ(places[0].seat, 1);
  EXPECT_EQ(places[1].roomId, 11);
  EXPECT_EQ(places[1].seat, 2);
  EXPECT_EQ(places[2].roomId, 12);
  EXPECT_EQ(places[2].seat, 1);
  EXPECT_EQ(places[4].candidateId, 1000);
  EXPECT_EQ(places[4].seat, 3);
  EXPECT_EQ(places[4].sequence, 5);
}

TEST(ExamRules, RandomSeatsAreAPermutationWithinCapacity) {
  const auto places = assignSeats(people(40), {{1, 25}, {2, 20}}, true, 42);
  std::set<long long> who;
  std::set<std::pair<long long, int>> seats;
  for (const auto& p : places) {
    who.insert(p.candidateId);
    seats.insert({p.roomId, p.seat});
    EXPECT_LE(p.seat, p.roomId == 1 ? 25 : 20);
  }
  EXPECT_EQ(who.size(), 40u);
  EXPECT_EQ(seats.size(), 40u);
  const auto again = assignSeats(people(40), {{1, 25}, {2, 20}}, true, 43);
  bool differs = false;
  for (std::size_t i = 0; i < places.size(); ++i) differs = differs || places[i].candidateId != again[i].candidateId;
  EXPECT_TRUE(differs);
}

TEST(ExamRules, TooFewSeatsSaysHowManyAreMissing) {
  try {
    assignSeats(people(10), {{1, 4}, {2, 3}}, false, 0);
    FAIL() << "no conflict";
  } catch (const AppError& e) {
    EXPECT_EQ(e.status, 409);
    EXPECT_NE(std::string(e.what()).find("还差 3 个座位"), std::string::npos) << e.what();
  }
}

TEST(ExamRules, SeatingTwentyThousandIsOnePass) {
  std::vector<SeatCandidate> many;
  for (int i = 0; i < 20000; ++i) many.push_back({i + 1, std::to_string(610400000000000000LL + (i * 7919) % 20000)});
  std::vector<SeatRoomCapacity> rooms;
  for (int r = 0; r < 667; ++r) rooms.push_back({r + 1, 30});
  const auto places = assignSeats(many, rooms, false, 0);
  ASSERT_EQ(places.size(), 20000u);
  EXPECT_EQ(places.back().roomId, 667);
  EXPECT_EQ(places.back().seat, 20);
}

TEST(ExamRules, TicketNumbers) {
  EXPECT_EQ(ticketNumber(2026, "610400", 1, 1), "2026610400100001");
  EXPECT_EQ(ticketNumber(2026, "610400", 12, 345), "2026610401200345");
  EXPECT_EQ(ticketNumber(2026, "610400", 1, 1).size(), 16u);
  std::set<std::string> all;
  for (int serial = 1; serial <= 3; ++serial)
    for (int seq = 1; seq <= 500; ++seq) all.insert(ticketNumber(2026, "610400", serial, seq));
  EXPECT_EQ(all.size(), 1500u);
}
