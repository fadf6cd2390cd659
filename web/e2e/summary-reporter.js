// Counts final test outcomes and writes {passed, failed, skipped} to
// $E2E_SUMMARY_FILE (run.sh prints the plain "N passed, N failed" line from it).
import fs from 'node:fs'

export default class SummaryReporter {
  constructor() {
    this.outcomes = new Map()
  }
  onTestEnd(test, result) {
    this.outcomes.set(test.id, { test, result })
  }
  onEnd(result) {
    let passed = 0, failed = 0, skipped = 0
    for (const { test } of this.outcomes.values()) {
      const o = test.outcome()
      if (o === 'expected' || o === 'flaky') passed++
      else if (o === 'skipped') skipped++
      else failed++
    }
    // a run that failed before any test ran (e.g. config error) counts as a failure
    if (result.status !== 'passed' && failed === 0) failed = 1
    const summary = { passed, failed, skipped, status: result.status }
    const file = process.env.E2E_SUMMARY_FILE
    if (file) fs.writeFileSync(file, JSON.stringify(summary))
    else console.log(`${passed} passed, ${failed} failed`)
  }
  printsToStdio() {
    return false
  }
}
