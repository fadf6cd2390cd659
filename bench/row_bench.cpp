// baoan_row_bench — what reading a row by column name costs next to reading it by position, and what a
// cached statement saves, in-process on SQLite (no data needed: an in-memory database).
//
//   bench/.build/baoan_row_bench
//
// Prints ns per lookup (a 33-column guard-like row, every column read once by name vs by index) and
// µs per query for a 20-row page with and without the statement cache (a new text each time defeats it).
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "db/db.h"

using namespace baoan;

namespace {
double nsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

int main() {
  const std::vector<std::string> names = {
      "id", "name", "gender", "id_no", "birth_date", "mobile", "address", "region_code", "employer_kind", "employer_id",
      "employer_name", "org_id", "org_path", "employed", "hired_on", "left_on", "certificate_no", "certificate_level",
      "photo_file_id", "remark", "created_at", "updated_at", "created_by", "org_l1", "org_l2", "org_l3", "org_l4",
      "org_l5", "education", "nation", "political_status", "height_cm", "health"};
  db::Row row;
  row.columns = std::make_shared<const db::Columns>(names);
  for (std::size_t i = 0; i < names.size(); ++i) row.values.emplace_back(static_cast<long long>(i));

  const int rounds = 200000;
  long long sink = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r)
    for (const auto& n : names) sink += row.i64(n);
  const double byName = nsSince(t0) / (rounds * static_cast<double>(names.size()));
  t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r)
    for (std::size_t i = 0; i < names.size(); ++i) sink += row.i64(i);
  const double byIndex = nsSince(t0) / (rounds * static_cast<double>(names.size()));
  std::printf("row of %zu columns: by name %.1f ns per read, by index %.1f ns (checksum %lld)\n", names.size(), byName,
              byIndex, sink);

  db::Database database("sqlite3://db=:memory:", 1);
  database.write([&](db::Conn& c) {
    std::string cols;
    for (std::size_t i = 1; i < names.size(); ++i) cols += ", " + names[i] + " TEXT";
    c.exec(db::Query("CREATE TABLE g (id INTEGER PRIMARY KEY" + cols + ")"));
    for (int i = 0; i < 1000; ++i) {
      std::string v;
      for (std::size_t k = 1; k < names.size(); ++k) v += ", 'value" + std::to_string(k) + "'";
      c.exec(db::Query("INSERT INTO g VALUES (" + std::to_string(i + 1) + v + ")"));
    }
  });
  const std::string page = "SELECT * FROM g WHERE id > ? ORDER BY id LIMIT 20";
  const int queries = 20000;
  auto timeQueries = [&](bool distinct) {
    const auto start = std::chrono::steady_clock::now();
    database.read([&](db::Conn& c) {
      for (int i = 0; i < queries; ++i) {
        // A comment makes each text new, so nothing is found in the cache.
        std::string sql = distinct ? page + " -- " + std::to_string(i) : page;
        for (const auto& r : c.query(db::Query(sql, i % 900))) sink += r.i64("id") + static_cast<long long>(r.str("name").size());
      }
    });
    return nsSince(start) / queries / 1000.0;
  };
  timeQueries(false);
  const double cached = timeQueries(false);
  const double uncached = timeQueries(true);
  std::printf("page of 20 rows × %zu columns, read by name: %.1f µs with the statement cache, %.1f µs parsing each time\n",
              names.size(), cached, uncached);
  return sink == 42 ? 1 : 0;
}
