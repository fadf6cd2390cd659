#pragma once
// Which threads must never wait. The HTTP server runs short handlers on its I/O threads, where a wait
// holds up every other connection of the thread; it marks them here. Code that would wait for a lock
// on such a thread (SQLite's write lock, held by an import) throws WouldBlock instead, and the server
// runs the whole request again on its worker pool, where waiting is fine.
namespace baoan::core {

inline thread_local bool onIoThread = false;

// Not a std::exception, so that a handler's `catch (const std::exception&)` lets it through.
struct WouldBlock {};

}  // namespace baoan::core
