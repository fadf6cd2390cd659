#pragma once
// `baoan seed --demo`: the registry records of issue 12's filings (seed_filings.cpp), made through
// industry::UnitFilings as the approval engine's grant makes them.
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

struct FilingsSummary {
  long long branches = 0, crossRegion = 0, annualReports = 0, inhouseFiled = 0, inhouseRevoked = 0;
};

// Branches (one in 西安), a cross-region filing of a 咸阳 company in 西安 with two guards, the 2025
// annual reports of most companies and the 2025 round's deadline, one in-house unit filed and one
// filed then revoked. Needs the demo companies with their licences and the 西安 police orgs.
FilingsSummary seedUnitFilings(db::Database& db, const Config& cfg);

}  // namespace baoan::app
