/**
 * A node:test reporter that writes how long each test file took, by the summary node:test gives of it
 * (its tests and hooks, not the start of its process), as JSON: `{ "tools/test/chaos.test.ts": 74.2, … }`,
 * seconds, paths from the working directory. `npm test` uses the numbers of a recorded run
 * (tools/test/timings.json) to start the longest files first, so that two at a time the run does not
 * end with one long file running alone (run-tests.ts).
 */
import path from 'node:path';

interface Event { type: string; data?: { file?: string; duration_ms?: number } }

export default async function* timings(source: AsyncIterable<Event>): AsyncGenerator<string> {
  const seconds: [string, number][] = [];
  for await (const event of source) {
    if (event.type !== 'test:summary' || !event.data?.file || event.data.duration_ms === undefined) continue;
    seconds.push([path.relative(process.cwd(), event.data.file), Math.round(event.data.duration_ms / 100) / 10]);
  }
  yield `${JSON.stringify(Object.fromEntries(seconds.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))), null, 2)}\n`;
}
