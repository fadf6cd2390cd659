#pragma once
// `baoan seed --demo`: 市民投诉建议 of 咸阳 (seed_feedback.cpp), after the industry registry.
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

// Complaints, suggestions and inquiries across the counties of 咸阳 in every state (受理, 已分派, 已回复,
// 已办结), some near their handling limit (yellow) and some past it (red) on the working calendar in force.
// Returns how many.
long long seedDemoFeedback(db::Database& db, const Config& cfg);

}  // namespace baoan::app
