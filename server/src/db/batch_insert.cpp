#include "db/batch_insert.h"

#include <exception>

namespace baoan::db {

BatchInsert::BatchInsert(Conn& c, std::string table, std::vector<std::string> columns, std::size_t rowsPerBatch)
    : c_(c), table_(std::move(table)), columns_(std::move(columns)), rowsPerBatch_(rowsPerBatch) {}

BatchInsert::~BatchInsert() noexcept(false) {
  if (std::uncaught_exceptions() == 0) flush();
}

void BatchInsert::add(std::vector<Value> row) {
  pending_.push_back(std::move(row));
  if (pending_.size() >= rowsPerBatch_) flush();
}

void BatchInsert::flush() {
  if (pending_.empty()) return;
  std::string cols;
  for (const auto& c : columns_) cols += (cols.empty() ? "" : ", ") + c;
  Query q("INSERT INTO " + table_ + " (" + cols + ") VALUES ");
  for (std::size_t r = 0; r < pending_.size(); ++r) {
    q.append(r ? ", (" : "(");
    for (std::size_t i = 0; i < pending_[r].size(); ++i) q.appendValue(i ? ", ?" : "?", pending_[r][i]);
    q.append(")");
  }
  c_.exec(q);
  inserted_ += static_cast<long long>(pending_.size());
  pending_.clear();
}

void syncIdentity(Conn& c, const std::string& table) {
  if (c.dialect() != Dialect::postgresql) return;
  c.exec(Query("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " + table +
               "), false)"));
}

}  // namespace baoan::db
