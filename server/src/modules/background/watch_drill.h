#pragma once
// The drill mode of the local background-check provider (DOMAIN.md "Background check"): a watch-list
// entry whose 来源 is 故障演练 is no hit; while its person has answered fewer errors on its database
// than its 情形 says ("失败2次" → 2), every check of that person fails as an unreachable provider's
// would. It lets an administrator — and the API tests — exercise the retry path of the screening
// (§9.3) with the local provider, without a fake in the server.
#include <string>

#include "db/db.h"

namespace baoan::background {

inline constexpr const char* kDrillSource = "故障演练";

// How many failures a drill entry's 情形 asks for: its first number ("失败2次" → 2, at most 100), 1 when none.
int drillFailures(const std::string& situation);

// Whether a check of this ID number must fail now (a drill entry with failures left).
bool drillFailsNow(db::Conn& c, const std::string& idNo);

}  // namespace baoan::background
