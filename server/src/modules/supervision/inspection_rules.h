#pragma once
// The rules of an inspection's rectification (manual §9.1), without I/O: the states of a 责令整改, who
// may move it, and when it is overdue.
//
//   (none) ──责令整改──▶ pending ──整改报告──▶ reported ──复查 通过──▶ accepted
//                          ▲                     │
//                          └──── returned ◀──复查 退回
//   returned ──整改报告──▶ reported
// A unit outside the registry (unit kind "other") has no portal: its officer records the 复查 from
// pending or returned directly.
#include <string>
#include <string_view>

namespace baoan::supervision {

inline constexpr std::string_view kPending = "pending";
inline constexpr std::string_view kReported = "reported";
inline constexpr std::string_view kAccepted = "accepted";
inline constexpr std::string_view kReturned = "returned";

// The Chinese names of the lists' codes; the code itself when unknown.
std::string_view rectStateName(std::string_view state);  // 待提交整改报告 / 待复查 / 整改通过 / 已退回
std::string_view conclusionName(std::string_view conclusion);  // 合格 / 责令整改 / 移交处罚
std::string_view kindName(std::string_view kind);  // 日常检查 / 专项检查 / 年度检查 / 投诉核查
std::string_view resultName(std::string_view result);  // 合格 / 不合格 / 不涉及
std::string_view unitKindName(std::string_view unitKind);
// The code of a Chinese name or a code (imports accept both); "" when neither.
std::string conclusionCode(std::string_view text);
std::string kindCode(std::string_view text);
std::string resultCode(std::string_view text);
std::string unitKindCode(std::string_view text);

// A rectification under way: ordered and not yet accepted (the record cannot be deleted, its
// conclusion cannot change).
bool underWay(std::string_view state);
// Past the deadline (YYYY-MM-DD, inclusive: due by the end of that day) and not accepted.
bool overdue(std::string_view state, std::string_view deadline, std::string_view today);
// The unit may hand in a 整改报告.
bool canReport(std::string_view state);
// The officer may 复查: a report is waiting, or (a unit without a portal) the rectification is open.
bool canReview(std::string_view state, std::string_view unitKind);
// The state after a 复查.
inline std::string_view afterReview(bool accept) { return accept ? kAccepted : kReturned; }

}  // namespace baoan::supervision
