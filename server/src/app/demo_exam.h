#pragma once
// `baoan seed --demo`: exam registrations of 咸阳 in every status of the pipeline (demo_exam.cpp).
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

// Makes the demo registrations through the registration service and the approval engine; how many.
long long seedDemoRegistrations(db::Database& db, const Config& cfg);

}  // namespace baoan::app
