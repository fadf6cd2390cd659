#pragma once
// `baoan seed --demo`: approval cases of the company licence in every state (demo_cases.cpp).
#include <string>

#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

// The password hash of the demo applicant accounts (Apply@2026), computed once.
const std::string& demoApplicantHash();

// Makes the demo cases through the approval engine; returns how many.
long long seedDemoCases(db::Database& db, const Config& cfg);

}  // namespace baoan::app
