#pragma once
// `baoan seed --demo`: the exams of 咸阳 (§6.2, seed_exams.cpp).
#include "app/config.h"
#include "db/db.h"

namespace baoan::app {

// Two past exams of 咸阳 with their scores announced (some passed, some failed, one absent) and one
// upcoming exam with its candidates seated, made from the demo registrations in status pending_exam
// (the registrations seed runs first) through ExamService's steps. Each exam takes what is there (up
// to 6, 5 and 6 people), so that the rest stay 待安排考试 for the pages and the tests. Returns the
// number of exams.
long long seedDemoExams(db::Database& db, const Config& cfg);

}  // namespace baoan::app
