#pragma once
// The numbers the province gives out — licence numbers (modules/licences), in-house unit filing
// numbers (modules/industry/unit_filings) — count per prefix and year in one table
// (licence_sequences, migration 0013): the next value is taken inside the caller's transaction, so
// two grants at once never share a number (INSERT … ON CONFLICT DO UPDATE … RETURNING locks the row
// on PostgreSQL; SQLite has one writer).
#include <string>

#include "db/db.h"

namespace baoan::modules {

// The next number of the prefix's year (1 for the first), the sequence row created or incremented.
long long nextInSequence(db::Conn& c, const std::string& prefix, int year);
// Keeps the sequence at least at `value` (a number given from outside must never be given again).
void raiseSequence(db::Conn& c, const std::string& prefix, int year, long long value);

}  // namespace baoan::modules
