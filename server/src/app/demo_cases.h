#pragma once
// `baoan seed --demo`: approval cases of the company licence in every state (demo_cases.cpp).
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

// Makes the demo cases through the approval engine; returns how many.
long long seedDemoCases(db::Database& db, const Config& cfg);

}  // namespace baoan::app
