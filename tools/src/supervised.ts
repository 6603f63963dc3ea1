/**
 * Preloaded into every service the launcher starts (`node --import tools/dist/supervised.js
 * dist/main.bundle.js`, see process.ts): when the launcher that started the service is gone without
 * stopping it (killed with SIGKILL, say), the service is sent SIGTERM and shuts down gracefully
 * instead of living on as an orphan that holds its port and its connections. A service deployed on
 * its own (the image, Kubernetes) is not started this way: its supervisor is the container runtime.
 */
import { writeSync } from 'node:fs';

const supervisor = Number(process.env.BAZAAR_SUPERVISOR_PID);

// Started with this preload but without the variable (by hand, say): there is nothing to watch.
if (Number.isInteger(supervisor) && supervisor > 1) {
  const timer = setInterval(() => {
    // An orphan is adopted by init or a subreaper: its parent is no longer the launcher. This also
    // catches a launcher that died before this module was loaded.
    if (process.ppid === supervisor) return;
    clearInterval(timer);
    const line = { level: 40, time: new Date().toISOString(), pid: process.pid, supervisor, msg: 'the launcher that started this service is gone: stopping' };
    try {
      writeSync(1, `${JSON.stringify(line)}\n`);
    } catch {
      // Our output went to the launcher, which is gone (EPIPE): the stop matters, not the line.
    }
    process.kill(process.pid, 'SIGTERM');
  }, 1000);
  // Never what keeps a service alive: once it has closed everything else, it exits.
  timer.unref();
}
