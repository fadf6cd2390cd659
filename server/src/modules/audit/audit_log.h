#pragma once
// The operation log: every write records who, when, from where, what and a summary of the change.
// Written inside the same transaction as the change, so a rolled-back change leaves no entry.
#include <string>

#include "core/principal.h"
#include "db/db.h"

namespace baoan::audit {

void record(db::Conn& c, const core::Actor& actor, const std::string& action, const std::string& targetType,
            const std::string& targetId, const std::string& summary);

}  // namespace baoan::audit
