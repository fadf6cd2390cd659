#pragma once
// 常用语 (issue 11): the opinions an officer picks instead of typing them. A few built-in phrases every
// officer shares, plus each officer's own (kept per user, deletable only by their owner).
#include <nlohmann/json.hpp>

#include "app/context.h"
#include "core/principal.h"
#include "modules/approval/approval_store.h"

namespace baoan::approval {

class OpinionPhraseService {
 public:
  explicit OpinionPhraseService(app::Context& ctx) : ctx_(ctx) {}
  // [{"id", "text", "mine"}]: the built-in phrases (negative ids, "mine": false) and the caller's own.
  nlohmann::json list(const core::Principal& p);
  nlohmann::json add(const core::Actor& a, const nlohmann::json& body);
  void remove(const core::Actor& a, long long id);

 private:
  app::Context& ctx_;
  ApprovalStore store_;
};

}  // namespace baoan::approval
