/**
 * The courier simulator's set-up, through the gateway as an operator and the couriers would do it:
 * the admin signs in; each courier account is registered (or signed in, when an earlier start made
 * it), given the courier role by the admin, and registered at shipping. Every step is safe to repeat,
 * so a start interrupted half-way is finished by the next.
 */
import { callAs, Refused, Session, type Gateway } from './api.js';
import { CAPACITY, type Vehicle } from './movement.js';

/** The simulator's couriers' password: public, like the demo accounts'. */
export const COURIER_PASSWORD = 'Courier-simulator-2026';

export interface CourierProfile {
  email: string;
  name: string;
  vehicle: Vehicle;
}

/** Courier n (1, 2 …): courier-01@bazaar.test, mostly on bicycles, some on cargo bikes and scooters. */
export function courierProfile(n: number): CourierProfile {
  const nn = String(n).padStart(2, '0');
  const vehicle: Vehicle = n % 6 === 0 ? 'scooter' : n % 4 === 0 ? 'cargo-bike' : 'bicycle';
  return { email: `courier-${nn}@bazaar.test`, name: `Simulated courier ${nn}`, vehicle };
}

/** Signs the admin in; a string says why the simulator cannot run (no such admin, or not an admin). */
export async function signInAdmin(gateway: Gateway, email: string, password: string): Promise<Session | string> {
  const admin = new Session(gateway, email, password);
  try {
    await admin.login();
  } catch (error) {
    if (!(error instanceof Refused) || error.answer.status !== 401) throw error;
    return `cannot sign in as the admin ${email} (${error.answer.status}). The demo seed makes admin@bazaar.test when identity has no users ` +
      '(npm start without --no-seed, on empty databases); for another admin set COURIER_SIMULATOR_ADMIN_EMAIL and COURIER_SIMULATOR_ADMIN_PASSWORD';
  }
  if (!admin.roles.includes('admin')) return `${email} signs in but is not an admin (identity names admins in IDENTITY_ADMIN_EMAILS)`;
  return admin;
}

/** The names of the couriers shipping has registered, every page of them. */
export async function registeredCourierNames(gateway: Gateway, admin: Session): Promise<Set<string>> {
  const names = new Set<string>();
  let after: string | undefined;
  do {
    const answer = await callAs(gateway, admin, 'GET', `/couriers?limit=100${after ? `&after=${after}` : ''}`);
    if (answer.status !== 200) throw new Refused('list the couriers', answer);
    for (const courier of answer.body.items as { name: string }[]) names.add(courier.name);
    after = answer.body.next as string | undefined;
  } while (after);
  return names;
}

/**
 * A courier ready to start a shift: its account (signed in), with the courier role in its token, and
 * registered at shipping. A courier shipping knows already signs in without registering again, so
 * restarts do not count against identity's limit on sign-ups per client address.
 */
export async function prepareCourier(gateway: Gateway, admin: Session, profile: CourierProfile, known: Set<string>): Promise<Session> {
  const session = new Session(gateway, profile.email, COURIER_PASSWORD);
  const registered = known.has(profile.name);
  if (registered || !(await session.register(profile.name))) await session.login();
  if (!session.roles.includes('courier')) {
    const role = await callAs(gateway, admin, 'PUT', `/users/${session.userId}/role`, { role: 'courier' });
    if (role.status !== 200) throw new Refused(`give ${profile.email} the courier role`, role);
    // The role is in the next token the user gets.
    await session.refresh();
  }
  if (!registered) {
    const body = { userId: session.userId, name: profile.name, vehicle: profile.vehicle, capacity: CAPACITY[profile.vehicle] };
    const courier = await callAs(gateway, admin, 'POST', '/couriers', body);
    // 409: registered by an earlier start that stopped before its first shift.
    if (courier.status !== 201 && courier.status !== 409) throw new Refused(`register ${profile.email} at shipping`, courier);
  }
  return session;
}
