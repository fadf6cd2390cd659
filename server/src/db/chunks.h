#pragma once
// Long id lists cut into slices, one IN list (or one compound statement) per slice: SQLite binds at most
// 32 766 values and joins at most 500 SELECTs into one compound, and a statement with tens of thousands
// of ids written into its text costs more to parse than several shorter ones.
#include <algorithm>
#include <cstddef>
#include <vector>

namespace baoan::db {

// Calls fn(slice) for the consecutive slices of at most `size` values of `values`, in order (none when
// `values` is empty).
template <class T, class Fn>
void forEachChunk(const std::vector<T>& values, std::size_t size, Fn&& fn) {
  for (std::size_t start = 0; start < values.size(); start += size) {
    const auto from = values.begin() + static_cast<std::ptrdiff_t>(start);
    const std::vector<T> slice(from, from + static_cast<std::ptrdiff_t>(std::min(size, values.size() - start)));
    fn(slice);
  }
}

}  // namespace baoan::db
