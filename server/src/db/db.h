#pragma once
// The database layer: a connection pool over SQLite (libsqlite3) or PostgreSQL (libpq), transactions,
// and a tiny query API (`Query` with `?` placeholders, `Row` with typed getters by column name).
//
// Values come back typed the same way on both databases: integers → long long, floating point and
// NUMERIC → double, text (and everything else) → std::string, NULL → monostate.
//
// Each connection keeps its prepared statements, keyed by SQL text (a bounded LRU): a request that
// runs the same SQL as an earlier one skips the parser (SQLite) or the parse/plan round trip
// (PostgreSQL, from the second use of a text on).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/io_thread.h"

struct sqlite3;

namespace baoan::db {

enum class Dialect { sqlite, postgresql };

using Value = std::variant<std::monostate, long long, double, std::string>;

// The column names of a result, shared by all its rows. Lookup by name is one comparison when the
// columns are read in their order (the usual case), a hash probe otherwise; a name that
// is missing, or that two columns share (`t.name` and `o.name` without an alias), throws
// std::logic_error naming it — a programming error, not bad input.
class Columns {
 public:
  explicit Columns(std::vector<std::string> names);
  std::size_t size() const { return names_.size(); }
  const std::string& name(std::size_t i) const { return names_.at(i); }
  const std::vector<std::string>& names() const { return names_; }
  std::size_t index(std::string_view name) const;
  // Whether the result has exactly these names (a cached statement re-prepared after a schema change
  // may not).
  bool sameAs(const char* const* names, std::size_t n) const;

 private:
  [[noreturn]] void fail(std::string_view name, bool ambiguous) const;
  std::vector<std::string> names_;
  std::vector<std::int32_t> slots_;  // open addressing: index into names_, -1 empty
  std::vector<char> ambiguous_;      // per name: another column has the same name
  std::uint32_t mask_ = 0;
  mutable std::atomic<std::uint32_t> hint_{0};  // the column after the one found last
};

struct Row {
  std::vector<Value> values;
  std::shared_ptr<const Columns> columns;  // null for a row built by hand

  // By position (being replaced by names; kept while call sites are converted).
  bool isNull(std::size_t i) const { return std::holds_alternative<std::monostate>(values.at(i)); }
  long long i64(std::size_t i) const;  // null → 0
  std::optional<long long> optI64(std::size_t i) const;
  std::string str(std::size_t i) const;  // null → ""
  std::optional<std::string> optStr(std::size_t i) const;
  bool boolean(std::size_t i) const { return i64(i) != 0; }
  double f64(std::size_t i) const;  // null → 0
  std::optional<double> optF64(std::size_t i) const;

  // By result column name (the SQL alias; PostgreSQL folds unquoted names to lower case, so aliases
  // are snake_case).
  std::size_t index(std::string_view name) const;
  bool isNull(std::string_view name) const { return isNull(index(name)); }
  long long i64(std::string_view name) const { return i64(index(name)); }
  std::optional<long long> optI64(std::string_view name) const { return optI64(index(name)); }
  std::string str(std::string_view name) const { return str(index(name)); }
  std::optional<std::string> optStr(std::string_view name) const { return optStr(index(name)); }
  bool boolean(std::string_view name) const { return boolean(index(name)); }
  double f64(std::string_view name) const { return f64(index(name)); }
  std::optional<double> optF64(std::string_view name) const { return optF64(index(name)); }
};

// SQL text with `?` placeholders and the values bound to them, in order.
class Query {
 public:
  Query() = default;
  template <class... Args>
  explicit Query(std::string_view sql, Args&&... args) {
    append(sql, std::forward<Args>(args)...);
  }
  template <class... Args>
  Query& append(std::string_view sql, Args&&... args) {
    text_ += sql;
    (bindOne(std::forward<Args>(args)), ...);
    return *this;
  }
  // Appends SQL text and one value of any kind.
  Query& appendValue(std::string_view sql, const Value& v) {
    text_ += sql;
    params_.push_back(v);
    return *this;
  }
  // Appends another query's text and its bound values (a shared WHERE clause, say).
  Query& add(const Query& other) {
    text_ += other.text_;
    params_.insert(params_.end(), other.params_.begin(), other.params_.end());
    return *this;
  }
  // Appends "(?, ?, …)" for the values.
  Query& appendList(const std::vector<long long>& values);
  Query& appendList(const std::vector<std::string>& values);
  // The same for many ids, written into the SQL text instead of bound one by one (binding 10 000
  // values costs more than the query). Only for integers, which cannot carry SQL.
  Query& appendIdList(const std::vector<long long>& ids);

  const std::string& text() const { return text_; }
  const std::vector<Value>& params() const { return params_; }

 private:
  void bindOne(long long v) { params_.emplace_back(v); }
  void bindOne(int v) { params_.emplace_back(static_cast<long long>(v)); }
  void bindOne(long v) { params_.emplace_back(static_cast<long long>(v)); }
  void bindOne(bool v) { params_.emplace_back(v ? 1LL : 0LL); }
  void bindOne(double v) { params_.emplace_back(v); }
  void bindOne(std::string v) { params_.emplace_back(std::move(v)); }
  void bindOne(const char* v) { params_.emplace_back(std::string(v)); }
  void bindOne(std::string_view v) { params_.emplace_back(std::string(v)); }
  void bindOne(std::nullopt_t) { params_.emplace_back(std::monostate{}); }
  void bindOne(const std::optional<std::string>& v) {
    if (v) params_.emplace_back(*v); else params_.emplace_back(std::monostate{});
  }
  void bindOne(const std::optional<long long>& v) {
    if (v) params_.emplace_back(*v); else params_.emplace_back(std::monostate{});
  }
  void bindOne(const std::optional<double>& v) {
    if (v) params_.emplace_back(*v); else params_.emplace_back(std::monostate{});
  }
  std::string text_;
  std::vector<Value> params_;
};

// A database error. `sqlstate` is PostgreSQL's five-character code ("23505"), empty on SQLite;
// `code` is SQLite's extended result code (2067 = UNIQUE), 0 on PostgreSQL.
class Error : public std::runtime_error {
 public:
  Error(const std::string& message, std::string sqlstate, int code)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), code_(code) {}
  const std::string& sqlstate() const { return sqlstate_; }
  int code() const { return code_; }

 private:
  std::string sqlstate_;
  int code_;
};

namespace detail {
class Connection;
}

// One connection, used by one thread for the duration of a read or a transaction.
class Conn {
 public:
  Conn(detail::Connection& c, Dialect d) : c_(c), dialect_(d) {}
  Dialect dialect() const { return dialect_; }
  std::vector<Row> query(const Query& q);
  std::optional<Row> queryOne(const Query& q);
  long long scalar(const Query& q);  // first column of the first row, 0 when none
  // Runs a statement; returns the number of rows affected.
  long long exec(const Query& q);
  // Runs an INSERT and returns the new row's id (appends "RETURNING id").
  long long insert(const Query& q);
  // Streams rows to a callback (exports). On SQLite the rows are read one at a time; the Row passed
  // is reused for the next one, so copy what must outlive the call.
  void forEach(const Query& q, const std::function<void(const Row&)>& fn);
  // The SQLite handle (benchmarks trace the statements through it); null on PostgreSQL.
  sqlite3* sqliteHandle();

 private:
  detail::Connection& c_;
  Dialect dialect_;
};

class Database {
 public:
  // url: "sqlite3://db=/path/file.db" or "postgresql://host=… dbname=…" (libpq connection string)
  Database(const std::string& url, std::size_t poolSize);
  ~Database();
  Dialect dialect() const { return dialect_; }
  const char* dialectName() const { return dialect_ == Dialect::sqlite ? "sqlite" : "postgresql"; }
  // A round trip to the database (health checks); throws when it is unreachable.
  void ping();
  std::size_t poolSize() const { return all_.size(); }

  template <class F>
  auto read(F&& f) {
    Lease l(*this);
    Conn c(l.connection(), dialect_);
    return f(c);
  }
  // A transaction: commits when f returns, rolls back when it throws. SQLite allows one writer at a
  // time, so writes are serialised here instead of failing with SQLITE_BUSY (on a thread marked
  // core::onIoThread, a write that would wait throws core::WouldBlock instead). On PostgreSQL a
  // transaction that fails with a deadlock or a serialization failure (SQLSTATE 40P01 / 40001) is
  // rolled back and run again, up to writeAttempts() times in all (5), after a short random pause: f
  // may therefore run more than once, and must not leave effects outside the transaction that a
  // second run would repeat.
  template <class F>
  auto write(F&& f) {
    for (int attempt = 1;; ++attempt) {
      try {
        return writeOnce(f);
      } catch (const Error& e) {
        if (attempt >= writeAttempts_ || !isRetryable(e)) throw;
        retried(e, attempt);
      }
    }
  }
  // A write that may be skipped: runs f in a transaction (as write does) only if it would not have to
  // wait for SQLite's write lock, and says whether it ran. For bookkeeping that the next request can
  // do as well (a session's last-seen time), on threads that must not block behind an import.
  // On PostgreSQL it always runs (row locks, no database-wide lock).
  template <class F>
  bool tryWrite(F&& f) {
    if (dialect_ == Dialect::sqlite) {
      std::unique_lock<std::mutex> serial(writeMutex_, std::try_to_lock);
      if (!serial.owns_lock()) return false;
      writeLocked(f);
      return true;
    }
    write(f);
    return true;
  }
  // How many transactions were run again after a deadlock or serialization failure (tests, logs).
  long long retries() const { return retries_.load(); }
  int writeAttempts() const { return writeAttempts_; }
  void setWriteAttempts(int n) { writeAttempts_ = n < 1 ? 1 : n; }  // 1: no retry (tests)

 private:
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    detail::Connection& connection() { return *c_; }

   private:
    Database& db_;
    detail::Connection* c_;
  };
  template <class F>
  auto writeOnce(F& f) {
    std::unique_lock<std::mutex> serial;
    if (dialect_ == Dialect::sqlite) {
      if (core::onIoThread) {
        // Never wait for the write lock on an I/O thread: the request is run again on the worker pool.
        serial = std::unique_lock<std::mutex>(writeMutex_, std::try_to_lock);
        if (!serial.owns_lock()) throw core::WouldBlock{};
      } else {
        serial = std::unique_lock<std::mutex>(writeMutex_);
      }
    }
    return writeLocked(f);
  }
  template <class F>
  auto writeLocked(F& f) {
    Lease l(*this);
    Conn c(l.connection(), dialect_);
    begin(c);
    try {
      if constexpr (std::is_void_v<decltype(f(c))>) {
        f(c);
        commit(c);
      } else {
        auto r = f(c);
        commit(c);
        return r;
      }
    } catch (...) {
      rollback(c);
      throw;
    }
  }
  bool isRetryable(const Error& e) const;
  void retried(const Error& e, int attempt);  // logs, counts and sleeps before the next attempt
  void begin(Conn& c);
  void commit(Conn& c);
  void rollback(Conn& c) noexcept;

  Dialect dialect_;
  std::vector<std::unique_ptr<detail::Connection>> all_;
  std::vector<detail::Connection*> free_;
  std::mutex poolMutex_;
  std::condition_variable poolFreed_;
  std::mutex writeMutex_;
  // SQLite: the WAL is copied back into the database by a thread of its own (see db.cpp).
  struct Checkpointer;
  std::unique_ptr<Checkpointer> checkpointer_;
  std::atomic<long long> retries_{0};
  int writeAttempts_ = 5;
};

// Turns a database error into the API's error where it has a meaning for users (a unique key
// clash → 409); returns false for everything else (a bug or an outage: 500).
bool isUniqueViolation(const std::exception& e);

}  // namespace baoan::db
