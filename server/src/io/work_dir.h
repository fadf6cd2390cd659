#pragma once
// Where the server writes files it is still working on: exports being built, import templates.
// They hold personal data (full ID numbers in an export), so they live in a private folder under the
// data directory — <dataDir>/tmp/<pid>/, mode 0700, files 0600 — never in the shared system temp
// folder, and a process that died mid-export leaves nothing behind for long: the next server to start
// removes every folder of a process that no longer runs.
#include <string>

namespace baoan::io {

// Creates <dataDir>/tmp/<this pid>/ (0700) and removes the folders of processes that are gone.
// Throws std::runtime_error with a readable message when the folder cannot be made private.
void initWorkDir(const std::string& dataDir);
// The folder in use: the one initWorkDir made, or (before it, e.g. in tests and commands) a private
// folder of this process under the system temp folder, made on first use.
const std::string& workDir();
// A new, empty file in the work folder, created exclusively with mode 0600; returns its path.
std::string newWorkFile(const std::string& suffix);
// Removes this process's folder (at a clean shutdown).
void removeWorkDir();

}  // namespace baoan::io
