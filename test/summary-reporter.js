// Prints the plain closing line "N passed, N failed" (and skipped, when any) as the very last line of a
// test run, after jest's own summary, so any tool reading the end of the output sees the counts in one line.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed`;
    const text = `\n${skipped > 0 ? `${line}, ${skipped} skipped` : line}\n`;
    // jest writes its summary after the reporters run; the exit hook comes after that.
    process.once('exit', () => process.stdout.write(text));
  }
}
module.exports = SummaryReporter;
