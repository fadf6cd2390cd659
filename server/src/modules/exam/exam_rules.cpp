#include "modules/exam/exam_rules.h"

#include <algorithm>
#include <cstdio>
#include <random>

namespace baoan::exam {

std::string examStatus(long long startAt, long long endAt, long long now) {
  if (now < startAt) return "not_started";
  if (now <= endAt) return "in_progress";
  return "finished";
}

std::string examStatusName(const std::string& status) {
  if (status == "not_started") return "未开始";
  if (status == "in_progress") return "进行中";
  if (status == "finished") return "已结束";
  return status;
}

bool isExamStatus(const std::string& status) {
  return status == "not_started" || status == "in_progress" || status == "finished";
}

std::string examKindName(const std::string& kind) { return kind == "theory_skills" ? "理论+技能" : "理论"; }

std::string decideResult(const PassRule& rule, std::optional<int> theory, std::optional<int> skills, bool absent) {
  if (absent) return "absent";
  if (!theory || *theory < rule.passTheory) return "failed";
  if (rule.passSkills && (!skills || *skills < *rule.passSkills)) return "failed";
  return "passed";
}

std::string resultName(const std::string& result) {
  if (result == "passed") return "合格";
  if (result == "failed") return "不合格";
  if (result == "absent") return "缺考";
  return result;
}

namespace {
void checkRange(const std::optional<int>& v, const char* field, const char* label, FieldErrors& e) {
  if (v && (*v < 0 || *v > 100)) e.add(field, std::string(label) + "应为 0 到 100 之间的整数");
}
}  // namespace

void checkScoreInput(const ScoreInput& in, bool hasSkills, FieldErrors& e) {
  checkRange(in.theory, "theory", "理论成绩", e);
  checkRange(in.skills, "skills", "技能成绩", e);
  if (in.absent) {
    if (in.theory) e.add("theory", "缺考的考生不能填写理论成绩");
    if (in.skills) e.add("skills", "缺考的考生不能填写技能成绩");
    return;
  }
  if (!in.theory) e.add("theory", "理论成绩不能为空(缺考请勾选缺考)");
  if (hasSkills && !in.skills) e.add("skills", "技能成绩不能为空(本场考试含技能考核)");
  if (!hasSkills && in.skills) e.add("skills", "本场考试只考理论,不能填写技能成绩");
}

std::optional<int> parseScoreText(const std::string& text, const std::string& field, const std::string& label, FieldErrors& e) {
  if (text.empty()) return std::nullopt;
  std::string digits = text;
  if (digits.size() > 2 && digits.compare(digits.size() - 2, 2, ".0") == 0) digits.resize(digits.size() - 2);
  const bool whole = !digits.empty() && digits.size() <= 3 && digits.find_first_not_of("0123456789") == std::string::npos;
  if (!whole || std::stoi(digits) > 100) {
    e.add(field, label + "应为 0 到 100 之间的整数");
    return std::nullopt;
  }
  return std::stoi(digits);
}

bool parseAbsentText(const std::string& text, FieldErrors& e) {
  std::string t = text;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
  if (t == "是" || t == "缺考" || t == "Y" || t == "1" || t == "TRUE") return true;
  if (t.empty() || t == "否" || t == "N" || t == "0" || t == "FALSE") return false;
  e.add("absent", "缺考只能填写「是」或「否」");
  return false;
}

std::vector<SeatPlace> assignSeats(std::vector<SeatCandidate> people, const std::vector<SeatRoomCapacity>& rooms, bool random,
                                   std::uint64_t seed) {
  long long capacity = 0;
  for (const auto& r : rooms) capacity += std::max(0, r.seats);
  const auto count = static_cast<long long>(people.size());
  if (capacity < count)
    throw conflict("座位不足:共 " + std::to_string(count) + " 名考生,考场座位 " + std::to_string(capacity) + " 个,还差 " +
                   std::to_string(count - capacity) + " 个座位");
  if (random) {
    std::mt19937_64 rng(seed);
    std::shuffle(people.begin(), people.end(), rng);
  } else {
    std::stable_sort(people.begin(), people.end(), [](const SeatCandidate& a, const SeatCandidate& b) {
      return a.idNo != b.idNo ? a.idNo < b.idNo : a.candidateId < b.candidateId;
    });
  }
  std::vector<SeatPlace> out;
  out.reserve(people.size());
  std::size_t room = 0;
  int seat = 0;
  for (const auto& p : people) {
    while (seat >= rooms[room].seats) {
      ++room;
      seat = 0;
    }
    ++seat;
    out.push_back({p.candidateId, rooms[room].roomId, seat, static_cast<int>(out.size()) + 1});
  }
  return out;
}

std::string ticketNumber(int year, const std::string& cityCode, int serial, int sequence) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d%.4s%03d%05d", year, cityCode.c_str(), serial, sequence);
  return buf;
}

}  // namespace baoan::exam
