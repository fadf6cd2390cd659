#pragma once
// Generates a believable security-guard industry: companies spread over the districts, their
// portal accounts, in-house units, training units, associations, guards with valid ID numbers and
// mobiles and a realistic name distribution (so that common names such as 张伟 collide), their
// employments and good deeds. Used by `baoan seed --demo` (咸阳市) and by the province-scale
// benchmark generator in bench/.
#include <ostream>
#include <string>

#include "db/db.h"

namespace baoan::app {

struct IndustryOptions {
  int companies = 60;
  int guards = 3000;
  int inhouseUnits = 5;
  int trainingUnits = 3;
  int associations = 2;
  int goodDeeds = 120;
  unsigned seed = 20261129;
  // Create 市局/分局/县局/派出所 for every city of 陕西 that has none yet (province scale).
  bool wholeProvince = false;
  // One more company with this many guards (秦安保安服务集团有限公司, 秦都区), drawn after the rest.
  int bigCompanyGuards = 0;
};

struct IndustrySummary {
  long long companies = 0, guards = 0, inhouseUnits = 0, trainingUnits = 0, associations = 0, goodDeeds = 0;
  std::string sampleCompanyAccount;  // a credit code that signs in to the portal (password 123456)
  std::string bigCompanyAccount;     // the big company's, when there is one
};

IndustrySummary generateIndustry(db::Database& db, const IndustryOptions& o, const std::string& initialPasswordHash);

}  // namespace baoan::app
