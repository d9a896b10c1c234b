// Writes each Jest project's counts to reports/jest/<project>.json, so `npm test` can total
// every runner's results into one `N passed, N failed` line.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class JestResultsReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(contexts, results) {
    const project = [...contexts][0]?.config.displayName?.name ?? 'jest';
    const dir = join(__dirname, '..', '..', 'reports', 'jest');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, `${project}.json`),
      JSON.stringify({
        project,
        passed: results.numPassedTests,
        failed: results.numFailedTests,
        skipped: results.numPendingTests + results.numTodoTests,
        // A suite that cannot even load counts as a failure, never as zero tests.
        brokenSuites: results.numRuntimeErrorTestSuites,
      }),
    );
  }
}

module.exports = JestResultsReporter;
