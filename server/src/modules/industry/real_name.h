#pragma once
// 实名认证 and App 初始化 of guards (issue 14 §8): a guard is 实名认证 when an enabled person account (个人:
// the exam's portal account, which the guard may also open on the portal) has the guard's ID number and
// name — its mobile is proven, since sign-up checks an SMS code sent to it — and App 初始化 when that
// account has signed in once. A person of the same ID number under another name is not verified, nor
// one whose account an officer disabled (accounts are never deleted: disabling is how one ends).
//
// The truth is the person account; guards.real_name_verified / app_initialized are a projection of it,
// kept as columns because §8.5 and the lists count them at province scale (a join per guard would
// not). The projection is written in the transaction of each event that can change it:
//   - a person signs up (approval::SignUpService::signUpPerson)      → personAccountChanged
//   - a person account signs in for the first time (auth, login)      → personAccountChanged
//   - an officer disables, enables or edits (renames) the account (system::UserService::setEnabled,
//     update: POST /users/{id}/disable|enable, PUT /users/{id})       → personAccountChanged
//   - a guard row is created or its name changes (GuardStore insert, insertMany, updatePerson: the
//     registry's portal add, the xlsx import, the hire of a former guard, 修改) → GuardStore::projectRealName
// One SQL statement defines the state (guard_store.cpp kProjectRealName); migration 0024 applies it to
// every row of an existing database. Only the province-scale generator (app/industry_generator.cpp,
// bench) sets the columns directly, for speed.
#include <string>
#include <vector>

#include "db/db.h"

namespace baoan::industry {

// The guard rows of this ID number take the state of its person account (none: not verified).
void personAccountChanged(db::Conn& c, const std::string& idNo);
// The same for many accounts at once (the demo seed).
void personAccountsChanged(db::Conn& c, const std::vector<std::string>& idNos);

}  // namespace baoan::industry
