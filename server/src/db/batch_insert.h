#pragma once
// Multi-row INSERTs for bulk loads (demo data, benchmarks, imports): one statement per batch of rows
// instead of one per row.
#include <string>
#include <vector>

#include "db/db.h"

namespace baoan::db {

class BatchInsert {
 public:
  BatchInsert(Conn& c, std::string table, std::vector<std::string> columns, std::size_t rowsPerBatch = 200);
  ~BatchInsert() noexcept(false);
  void add(std::vector<Value> row);
  void flush();
  long long inserted() const { return inserted_; }

 private:
  Conn& c_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t rowsPerBatch_;
  std::vector<std::vector<Value>> pending_;
  long long inserted_ = 0;
};

// After rows were inserted with explicit ids, make the identity continue after the largest one
// (PostgreSQL sequences do not notice; SQLite's AUTOINCREMENT does).
void syncIdentity(Conn& c, const std::string& table);

}  // namespace baoan::db
