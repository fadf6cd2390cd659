#pragma once
// How a case reads wherever it is shown (the lists, the case, its export): the names of its status
// and the clock of the step it waits at. One place, so that a list and its xlsx always agree.
#include <optional>
#include <string>

#include "core/working_calendar.h"
#include "modules/approval/approval_store.h"
#include "modules/approval/workflow.h"

namespace baoan::approval {

// 草稿, 待受理, 审查中 …; a granted case by its type's outcome (准予许可, 准予备案 …) when the type is given.
std::string statusName(const std::string& status, const std::string& businessType = "");
// Waiting for an officer: submitted, in review or paused.
bool isOpen(const std::string& status);
// The deciding step: the last step of the case's chain that applies to it.
int lastStepOf(const CaseRow& r, const Chain& chain);
// The clock of the step an open case waits at (its promised days, the 特别程序 pauses since it
// arrived, the 延期 of the deciding step); nullopt when the case waits for nobody.
std::optional<core::StepClock> stepClock(const CaseRow& r, const Chain& chain);
// "已超期", "即将到期", "正常" for a warning code.
std::string warningName(std::string_view code);

}  // namespace baoan::approval
