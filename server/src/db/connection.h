#pragma once
// Inside the db layer: one open connection to SQLite or PostgreSQL with its cache of prepared
// statements. Only db.cpp and the two implementations include this.
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "db/db.h"

namespace baoan::db::detail {

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement. For each result row, fills `row` (values and columns; the values' storage is
  // reused when the callback left it in place) and calls onRow when given. Returns the number of rows
  // changed by an INSERT, UPDATE or DELETE, 0 otherwise.
  virtual long long run(const Query& q, const std::function<void(Row&)>* onRow) = 0;
  // BEGIN / COMMIT / ROLLBACK and other fixed SQL without parameters.
  virtual void command(const char* sql) = 0;
  // Called when the connection goes back to the pool: deferred clean-up, reconnecting a broken one.
  virtual void released() {}
  virtual sqlite3* sqliteHandle() { return nullptr; }
};

std::unique_ptr<Connection> openSqlite(const std::string& path);
std::unique_ptr<Connection> openPostgres(const std::string& conninfo);

// A bounded least-recently-used map from SQL text to a prepared statement of type T. Entries are
// stable in memory until evicted.
template <class T>
class StatementCache {
 public:
  struct Entry {
    std::string sql;
    T value;
  };
  explicit StatementCache(std::size_t capacity) : capacity_(capacity) {}
  // The entry for sql (moved to the front), or null.
  Entry* find(std::string_view sql) {
    auto it = map_.find(sql);
    if (it == map_.end()) return nullptr;
    if (it->second != list_.begin()) list_.splice(list_.begin(), list_, it->second);
    return &*it->second;
  }
  // Adds an entry at the front; evicts the least recently used ones that `evictable` allows, calling
  // `evict` on each, while the cache is over its capacity.
  template <class CanEvict, class Evict>
  Entry& add(std::string sql, T value, CanEvict&& evictable, Evict&& evict) {
    list_.push_front(Entry{std::move(sql), std::move(value)});
    map_.emplace(std::string_view(list_.front().sql), list_.begin());
    for (auto it = std::prev(list_.end()); map_.size() > capacity_ && it != list_.begin();) {
      auto victim = it--;
      if (!evictable(victim->value)) continue;
      evict(victim->value);
      map_.erase(std::string_view(victim->sql));
      list_.erase(victim);
    }
    return list_.front();
  }
  template <class Fn>
  void clear(Fn&& onEach) {
    for (auto& e : list_) onEach(e.value);
    map_.clear();
    list_.clear();
  }
  template <class Fn>
  void forEach(Fn&& fn) {
    for (auto& e : list_) fn(e.value);
  }
  std::size_t size() const { return map_.size(); }

 private:
  std::size_t capacity_;
  std::list<Entry> list_;
  std::unordered_map<std::string_view, typename std::list<Entry>::iterator> map_;
};

// Statements longer than this are not cached (bulk INSERTs with thousands of values are the only ones,
// and each batch size makes its own text).
constexpr std::size_t kMaxCachedSqlBytes = 64 * 1024;
constexpr std::size_t kStatementCacheSize = 200;

}  // namespace baoan::db::detail
