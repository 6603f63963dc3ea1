/**
 * The courier simulator on its own, against a running shop (npm start runs it by itself unless
 * given --no-couriers):
 *
 *   npm run couriers -- [--gateway http://127.0.0.1:8080] [--couriers 24] [--acceleration 25] [--failure-rate 0.1]
 *
 * The admin that sets couriers up is the demo one unless COURIER_SIMULATOR_ADMIN_EMAIL and
 * COURIER_SIMULATOR_ADMIN_PASSWORD name another. Ctrl-C ends the couriers' shifts and stops.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_ACCELERATION, DEMO_ADMIN, startCourierSimulator } from './courier-sim/simulator.js';

const usage = `usage: npm run couriers -- [--gateway URL] [--couriers N] [--acceleration X] [--failure-rate P]

  --gateway URL       the shop's gateway (default http://127.0.0.1:8080)
  --couriers N        how many couriers, 1 to 99 (default 24)
  --acceleration X    simulated time per real time (default ${DEFAULT_ACCELERATION}: a delivery takes about a minute)
  --failure-rate P    chance that an attempt at the door fails, 0 to 1 (default 0.1)
The admin is ${DEMO_ADMIN.email} unless COURIER_SIMULATOR_ADMIN_EMAIL and COURIER_SIMULATOR_ADMIN_PASSWORD say otherwise.`;

const { values } = parseArgs({
  options: {
    gateway: { type: 'string', default: 'http://127.0.0.1:8080' },
    couriers: { type: 'string', default: '24' },
    acceleration: { type: 'string', default: String(DEFAULT_ACCELERATION) },
    'failure-rate': { type: 'string', default: '0.1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const couriers = Number(values.couriers);
const acceleration = Number(values.acceleration);
const failureRate = Number(values['failure-rate']);
const valid = /^https?:\/\//.test(values.gateway) && Number.isInteger(couriers) && couriers >= 1 && couriers <= 99 &&
  acceleration > 0 && acceleration <= 1000 && failureRate >= 0 && failureRate <= 1;
if (values.help || !valid) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const say = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} [courier simulator] ${line}`);
const admin = {
  email: process.env.COURIER_SIMULATOR_ADMIN_EMAIL ?? DEMO_ADMIN.email,
  password: process.env.COURIER_SIMULATOR_ADMIN_PASSWORD ?? DEMO_ADMIN.password,
};
say(`signing in ${couriers} couriers through ${values.gateway}…`);
const simulator = startCourierSimulator({ gateway: values.gateway, couriers, acceleration, failureRate, admin, log: say });

let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  say('ending shifts…');
  await simulator.stop();
  process.exit(code);
};
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const outcome = await simulator.started;
if ('problem' in outcome) {
  say(`not started: ${outcome.problem}`);
  await stop(1);
} else if ('couriers' in outcome && outcome.couriers === 0) {
  say('no courier could be set up (above: why)');
  await stop(1);
} else if ('couriers' in outcome) {
  say('running; Ctrl-C ends their shifts and stops');
}
