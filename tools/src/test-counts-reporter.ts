/**
 * A node:test reporter that writes the counts of a whole run (tests, suites, pass, fail, cancelled,
 * skipped, todo, and its duration) as JSON, from the summary node:test gives once every file ended.
 * `npm test` runs the files that mostly wait in a lane of their own beside the others (run-tests.ts)
 * and adds the two runs' counts into one summary.
 */
export interface RunCounts {
  tests: number; suites: number; pass: number; fail: number; cancelled: number; skipped: number; todo: number; duration_ms: number;
}

interface Event {
  type: string;
  data?: { file?: string; duration_ms?: number; counts?: { tests: number; suites: number; passed: number; failed: number; cancelled: number; skipped: number; todo: number } };
}

export default async function* counts(source: AsyncIterable<Event>): AsyncGenerator<string> {
  let run: RunCounts | undefined;
  for await (const event of source) {
    if (event.type !== 'test:summary' || !event.data || event.data.file !== undefined || !event.data.counts) continue;
    const c = event.data.counts;
    run = { tests: c.tests, suites: c.suites, pass: c.passed, fail: c.failed, cancelled: c.cancelled, skipped: c.skipped, todo: c.todo, duration_ms: event.data.duration_ms ?? 0 };
  }
  yield `${JSON.stringify(run ?? null)}\n`;
}
