#pragma once
// Who may register for the guard exam (条例 arts. 16–17, issue 13), as pure rules the registration
// service applies and the unit tests check on their own: each answers the message the person reads,
// or nullopt when the rule is met.
#include <optional>
#include <string>

namespace baoan::exam {

// Art. 16: 18 or older on the day of registration (`today`, "YYYY-MM-DD" in China).
std::optional<std::string> ageProblem(const std::string& birthDate, const std::string& today);
// Art. 16: 初中 or more (the codes of the "educations" dictionary).
std::optional<std::string> educationProblem(const std::string& education);
// Art. 17: a 保安员证 revoked twice bars for good; one revoked less than three years ago bars until
// the third anniversary of the revocation.
std::optional<std::string> revocationProblem(int revocations, const std::optional<std::string>& lastRevokedOn,
                                             const std::string& today);
// The day three years after `day` (a 02-29 becomes 03-01 in a common year).
std::string threeYearsAfter(const std::string& day);

}  // namespace baoan::exam
