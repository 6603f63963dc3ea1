// What the bootstrap's steps share: its one-line messages, npm, and running a child that owns the
// terminal (signals forwarded, its exit code passed on).
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import process from 'node:process';

/** A problem the user can fix: printed as one line, exit code 1, no stack trace. */
export class BootstrapError extends Error {}

let stream = process.stdout;
/** `node-bin` keeps stdout for its answer; everything else goes to stderr then. */
export function sayOnStderr() {
  stream = process.stderr;
}
export const say = (line) => stream.write(`[bazaar] ${line}\n`);
export const sayPart = (text) => stream.write(text);

/** The npm that started us (`npm start` sets npm_execpath), run by the current Node; else npm on PATH. */
export function npmCommand(args) {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.[cm]?js$/.test(cli) ? [process.execPath, [cli, ...args]] : ['npm', args];
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs a child on our terminal until it exits. Ctrl-C reaches the child from the terminal anyway;
 * a signal sent to us alone (kill, a CI runner) is passed on, and we wait for the child to finish
 * its own shutdown instead of dying first and leaving it behind.
 */
export function runChild(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    for (const signal of FORWARDED) process.on(signal, forward);
    const done = () => FORWARDED.forEach((signal) => process.off(signal, forward));
    child.once('error', (error) => {
      done();
      reject(new BootstrapError(`cannot run ${command}: ${error.message}`));
    });
    child.once('exit', (code, signal) => {
      done();
      resolve({ code, signal });
    });
  });
}

/**
 * Runs a child beside other work, its output held back so that it does not interleave with theirs:
 * `done` gives its exit and everything it wrote once it ends; `stop()` ends it early. A signal sent
 * to us is passed on, as by runChild.
 */
export function runBeside(command, args, options = {}) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks = [];
  child.stdout.on('data', (chunk) => chunks.push(chunk));
  child.stderr.on('data', (chunk) => chunks.push(chunk));
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  const off = () => FORWARDED.forEach((signal) => process.off(signal, forward));
  const done = new Promise((resolve, reject) => {
    child.once('error', (error) => {
      off();
      reject(new BootstrapError(`cannot run ${command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      off();
      resolve({ code, signal, output: Buffer.concat(chunks).toString() });
    });
  });
  return { done, stop: () => forward('SIGTERM') };
}

/** Ends this process the way the child ended: same exit code, or killed by the same signal. */
export function exitLike({ code, signal }) {
  if (signal) {
    // Our forwarding handlers are gone, so the default action ends us; exitCode is what a shell
    // would report should the signal be one that does not.
    process.exitCode = 128 + (constants.signals[signal] ?? 0);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
}
