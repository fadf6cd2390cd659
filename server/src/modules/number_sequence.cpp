#include "modules/number_sequence.h"

namespace baoan::modules {

using db::Query;

namespace {
constexpr const char* kNextSequence =
    "INSERT INTO licence_sequences (prefix, year, last_value) VALUES (?, ?, 1) "
    "ON CONFLICT (prefix, year) DO UPDATE SET last_value = licence_sequences.last_value + 1 RETURNING last_value";
constexpr const char* kRaiseSequence =
    "INSERT INTO licence_sequences (prefix, year, last_value) VALUES (?, ?, ?) "
    "ON CONFLICT (prefix, year) DO UPDATE SET last_value = CASE WHEN licence_sequences.last_value < excluded.last_value "
    "THEN excluded.last_value ELSE licence_sequences.last_value END";
}  // namespace

long long nextInSequence(db::Conn& c, const std::string& prefix, int year) {
  // queryOne reads the RETURNING statement to its end (SQLite cannot commit while it is open).
  return c.queryOne(Query(kNextSequence, prefix, year))->i64("last_value");
}

void raiseSequence(db::Conn& c, const std::string& prefix, int year, long long value) {
  c.exec(Query(kRaiseSequence, prefix, year, value));
}

}  // namespace baoan::modules
