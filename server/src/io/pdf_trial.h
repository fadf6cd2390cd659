#pragma once
// Uploaded PDFs are untrusted: a 2 KB file can declare a 30000 × 30000 image drawn twenty times,
// which poppler decodes into gigabytes, or hit a parser bug. Before the server draws such a file into
// a print, a child process of this binary (`baoan pdf-trial`) draws the same pages the same way
// (pdf::trialRender) under limits it sets on itself — memory, CPU time — and the server waits for it
// at most a wall-clock time. A file that fails, crashes or runs out of time there is not drawn here.
#include <string>

namespace baoan::io::pdf {

struct TrialLimits {
  long long memoryBytes = 1LL << 30;  // RLIMIT_DATA of the child (not under AddressSanitizer)
  int cpuSeconds = 15;                // RLIMIT_CPU of the child
  int wallSeconds = 20;               // then the child is killed
};

// True when `exe pdf-trial --pages maxPages` drew the first maxPages pages of `bytes` and exited 0.
bool trialInChild(const std::string& exe, const std::string& bytes, int maxPages, const TrialLimits& limits = {});

// The child's side (`baoan pdf-trial`): sets the limits on itself, reads the PDF from standard input
// and draws it; returns the exit code (0 drawn, 3 not).
int runPdfTrial(int maxPages, const TrialLimits& limits = {});

}  // namespace baoan::io::pdf
