#include "modules/exam/eligibility.h"

#include "core/validation.h"

namespace baoan::exam {

std::optional<std::string> ageProblem(const std::string& birthDate, const std::string& today) {
  if (core::ageOn(birthDate, today) >= 18) return std::nullopt;
  return "报名人员应年满18周岁(条例第十六条),按公民身份号码的出生日期 " + birthDate + " 尚未年满18周岁";
}

std::optional<std::string> educationProblem(const std::string& education) {
  if (education == "primary") return "文化程度应为初中及以上(条例第十六条)";
  return std::nullopt;
}

std::string threeYearsAfter(const std::string& day) {
  if (day.size() != 10) return day;
  std::string out = std::to_string(std::stoi(day.substr(0, 4)) + 3) + day.substr(4);
  if (out.substr(5) == "02-29" && !core::isValidDate(out)) out = out.substr(0, 5) + "03-01";
  return out;
}

std::optional<std::string> revocationProblem(int revocations, const std::optional<std::string>& lastRevokedOn,
                                             const std::string& today) {
  if (revocations >= 2) return "该人员的保安员证曾两次被吊销,不得报名(条例第十七条)";
  if (revocations == 1 && lastRevokedOn && threeYearsAfter(*lastRevokedOn) > today)
    return "该人员的保安员证于 " + *lastRevokedOn + " 被吊销,未满三年不得报名(条例第十七条)," + threeYearsAfter(*lastRevokedOn) + " 起可以报名";
  return std::nullopt;
}

}  // namespace baoan::exam
