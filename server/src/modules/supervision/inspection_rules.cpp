#include "modules/supervision/inspection_rules.h"

#include <array>
#include <utility>

namespace baoan::supervision {

namespace {
using Pair = std::pair<std::string_view, std::string_view>;
constexpr std::array kStates{Pair{"pending", "待提交整改报告"}, Pair{"reported", "待复查"}, Pair{"accepted", "整改通过"},
                             Pair{"returned", "已退回"}};
constexpr std::array kConclusions{Pair{"pass", "合格"}, Pair{"rectify", "责令整改"}, Pair{"refer", "移交处罚"}};
constexpr std::array kKinds{Pair{"daily", "日常检查"}, Pair{"special", "专项检查"}, Pair{"annual", "年度检查"},
                            Pair{"complaint_check", "投诉核查"}};
constexpr std::array kResults{Pair{"pass", "合格"}, Pair{"fail", "不合格"}, Pair{"na", "不涉及"}};
constexpr std::array kUnitKinds{Pair{"company", "保安服务公司"}, Pair{"branch", "分公司"}, Pair{"inhouse_unit", "自行招用保安员单位"},
                                Pair{"training_unit", "保安培训单位"}, Pair{"other", "其他单位"}};

template <std::size_t N>
std::string_view nameOf(const std::array<Pair, N>& table, std::string_view code) {
  for (const auto& [c, n] : table)
    if (c == code) return n;
  return code;
}

template <std::size_t N>
std::string codeOf(const std::array<Pair, N>& table, std::string_view text) {
  for (const auto& [c, n] : table)
    if (c == text || n == text) return std::string(c);
  return {};
}
}  // namespace

std::string_view rectStateName(std::string_view s) { return nameOf(kStates, s); }
std::string_view conclusionName(std::string_view c) { return nameOf(kConclusions, c); }
std::string_view kindName(std::string_view k) { return nameOf(kKinds, k); }
std::string_view resultName(std::string_view r) { return nameOf(kResults, r); }
std::string_view unitKindName(std::string_view k) { return nameOf(kUnitKinds, k); }

std::string conclusionCode(std::string_view t) {
  // 移交 and 整改 are what people type for short.
  if (t == "整改") return "rectify";
  if (t == "移交") return "refer";
  return codeOf(kConclusions, t);
}
std::string kindCode(std::string_view t) {
  if (t == "日常" || t == "专项" || t == "年度") return codeOf(kKinds, std::string(t) + "检查");
  return codeOf(kKinds, t);
}
std::string resultCode(std::string_view t) { return codeOf(kResults, t); }
std::string unitKindCode(std::string_view t) { return codeOf(kUnitKinds, t); }

bool underWay(std::string_view state) { return !state.empty() && state != kAccepted; }

bool overdue(std::string_view state, std::string_view deadline, std::string_view today) {
  return underWay(state) && !deadline.empty() && deadline < today;
}

bool canReport(std::string_view state) { return state == kPending || state == kReturned; }

bool canReview(std::string_view state, std::string_view unitKind) {
  if (state == kReported) return true;
  return unitKind == "other" && (state == kPending || state == kReturned);
}

}  // namespace baoan::supervision
