// A message's payload type comes from @bazaar/contracts on both sides: this compiles a fixture of
// wrong publishes and handlers with the project's own compiler settings (those of `npm run lint`)
// and checks that each fails where it is marked, and nothing else does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import ts from 'typescript';
import { repoRoot } from '../src/services.js';

const fixture = path.join(repoRoot, 'tools', 'test', 'fixtures', 'type-errors', 'publish.ts');

function compile(file: string): ts.Diagnostic[] {
  const configFile = path.join(repoRoot, 'tsconfig.json');
  const { config } = ts.readConfigFile(configFile, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot, undefined, configFile);
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true });
  return [...ts.getPreEmitDiagnostics(program)].filter((d) => d.file?.fileName === file);
}

test('a wrong payload, a type not sent and a misread handler payload fail to compile, where marked', () => {
  const expected = readFileSync(fixture, 'utf8').split('\n').flatMap((line, index) => {
    const mark = /\/\/ expect (TS\d+)/.exec(line);
    return mark ? [`line ${index + 1}: ${mark[1]}`] : [];
  });
  assert.ok(expected.length >= 5, 'the fixture marks its expected errors');
  const actual = compile(fixture).map((d) => {
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start!);
    return `line ${line + 1}: TS${d.code}`;
  });
  assert.deepEqual([...new Set(actual)].sort(), expected.sort(), 'each marked line fails with its error, and no other line fails');
});

test('the project typecheck (npm run lint) leaves the fixture out, so its deliberate errors do not fail the build', () => {
  const { config } = ts.readConfigFile(path.join(repoRoot, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot);
  assert.ok(!parsed.fileNames.includes(fixture));
  assert.ok(parsed.fileNames.some((f) => f.endsWith('tools/test/typed-contracts.test.ts')), 'but the test itself is typechecked');
});
