#include "modules/approval/opinion_phrases.h"

#include <array>

#include "core/error.h"
#include "core/form.h"
#include "modules/audit/audit_log.h"

namespace baoan::approval {

using nlohmann::json;

namespace {
// Shared by every officer; they cannot be deleted (negative ids keep them apart from the table's).
constexpr std::array kBuiltIn = {
    "材料齐全,符合法定形式,同意受理。",
    "经审查,申请材料真实有效,符合法定条件,同意。",
    "情况属实,同意上报。",
    "经审核,符合《保安服务管理条例》规定的条件,准予许可。",
    "申请材料不齐全,请按补正告知补正后重新提交。",
    "不符合法定条件,不同意。",
};
constexpr std::size_t kMaxOwn = 50;
}  // namespace

json OpinionPhraseService::list(const core::Principal& p) {
  json out = json::array();
  for (std::size_t i = 0; i < kBuiltIn.size(); ++i)
    out.push_back({{"id", -static_cast<long long>(i + 1)}, {"text", kBuiltIn[i]}, {"mine", false}});
  ctx_.db.read([&](db::Conn& c) {
    for (const auto& [id, text] : store_.phrasesOf(c, p.userId)) out.push_back({{"id", id}, {"text", text}, {"mine", true}});
  });
  return out;
}

json OpinionPhraseService::add(const core::Actor& a, const json& body) {
  FieldErrors errors;
  core::Form form(body, errors);
  const std::string text = form.text("text", "常用语", {true, 200, true});
  errors.throwIfAny();
  const long long id = ctx_.db.write([&](db::Conn& c) {
    const auto own = store_.phrasesOf(c, a.who.userId);
    if (own.size() >= kMaxOwn) throw conflict("常用语最多保存" + std::to_string(kMaxOwn) + "条,请先删除不用的");
    for (const auto& [existing, t] : own)
      if (t == text) throw conflict("该常用语已存在");
    const long long newId = store_.addPhrase(c, a.who.userId, text);
    audit::record(c, a, "create", "opinion_phrase", std::to_string(newId), "新增常用语");
    return newId;
  });
  return {{"id", id}, {"text", text}, {"mine", true}};
}

void OpinionPhraseService::remove(const core::Actor& a, long long id) {
  ctx_.db.write([&](db::Conn& c) {
    if (!store_.removePhrase(c, a.who.userId, id)) throw notFound("常用语不存在");
    audit::record(c, a, "delete", "opinion_phrase", std::to_string(id), "删除常用语");
  });
}

}  // namespace baoan::approval
