#pragma once
// The database layer: a SOCI connection pool over SQLite or PostgreSQL, transactions, and a tiny
// query API (`Query` with `?` placeholders, `Row` with typed getters) that hides SOCI's per-backend
// typing (STACK-NOTES.md: row::get<T> is typed differently per backend).
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace baoan::db {

enum class Dialect { sqlite, postgresql };

using Value = std::variant<std::monostate, long long, double, std::string>;

struct Row {
  std::vector<Value> values;
  std::shared_ptr<const std::vector<std::string>> names;  // the result's column names, shared by its rows

  // By position (being replaced by names).
  bool isNull(std::size_t i) const { return std::holds_alternative<std::monostate>(values.at(i)); }
  long long i64(std::size_t i) const;  // null → 0
  std::optional<long long> optI64(std::size_t i) const;
  std::string str(std::size_t i) const;  // null → ""
  std::optional<std::string> optStr(std::size_t i) const;
  bool boolean(std::size_t i) const { return i64(i) != 0; }
  double f64(std::size_t i) const { return optF64(i).value_or(0); }
  std::optional<double> optF64(std::size_t i) const;

  // By result column name (the SQL alias, snake_case: PostgreSQL folds unquoted names to lower
  // case). A name the result lacks, or that two columns share, throws std::logic_error naming it.
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
  std::string text_;
  std::vector<Value> params_;
};

// One connection, used by one thread for the duration of a read or a transaction.
class Conn {
 public:
  Conn(soci::session& s, Dialect d) : s_(s), dialect_(d) {}
  Dialect dialect() const { return dialect_; }
  std::vector<Row> query(const Query& q);
  std::optional<Row> queryOne(const Query& q);
  long long scalar(const Query& q);  // first column of the first row, 0 when none
  // Runs a statement; returns the number of rows affected.
  long long exec(const Query& q);
  // Runs an INSERT and returns the new row's id (appends "RETURNING id").
  long long insert(const Query& q);
  // Streams rows to a callback without holding them all (exports).
  void forEach(const Query& q, const std::function<void(const Row&)>& fn);
  soci::session& session() { return s_; }

 private:
  soci::session& s_;
  Dialect dialect_;
};

class Database {
 public:
  // url: "sqlite3://db=/path/file.db" or "postgresql://host=… dbname=…"
  Database(const std::string& url, std::size_t poolSize);
  ~Database();
  Dialect dialect() const { return dialect_; }
  const char* dialectName() const { return dialect_ == Dialect::sqlite ? "sqlite" : "postgresql"; }
  // A round trip to the database (health checks); throws when it is unreachable.
  void ping();

  template <class F>
  auto read(F&& f) {
    Lease l(*this);
    Conn c(l.session(), dialect_);
    return f(c);
  }
  // A transaction: commits when f returns, rolls back when it throws. SQLite allows one writer at a
  // time, so writes are serialised here instead of failing with SQLITE_BUSY.
  template <class F>
  auto write(F&& f) {
    std::unique_lock<std::mutex> serial;
    if (dialect_ == Dialect::sqlite) serial = std::unique_lock<std::mutex>(writeMutex_);
    Lease l(*this);
    Conn c(l.session(), dialect_);
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

 private:
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    soci::session& session();

   private:
    Database& db_;
    std::size_t pos_;
  };
  void begin(Conn& c);
  void commit(Conn& c);
  void rollback(Conn& c) noexcept;

  Dialect dialect_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::size_t poolSize_;
  std::mutex writeMutex_;
};

// Turns a database error into the API's error where it has a meaning for users (a unique key
// clash → 409); returns false for everything else (a bug or an outage: 500).
bool isUniqueViolation(const std::exception& e);

}  // namespace baoan::db
