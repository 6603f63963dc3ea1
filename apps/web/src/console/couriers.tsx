/**
 * Couriers on the map: every registered courier with its shift and, for those whose position is
 * fresh, where they are (shipping's GET /couriers, admin), drawn on the same city map the order page
 * uses. Read again every 5 s, so the couriers move.
 */
import { useState } from 'react';
import { api, call, type Body } from '../api/client';
import { ErrorPanel } from '../ui/error-panel';
import { time } from '../ui/format';
import { Page, Placeholder } from '../ui/page';
import { useLoad } from '../ui/use-load';
import { CITY, CityBackdrop, MIN_REACH_KM, project } from '../pages/courier-map';

type Courier = Body<'/couriers', 'get'>['items'][number];
const POLL_MS = 5000;
/** Shipping lists at most 100 a page; a console's map of more would be unreadable anyway. */
const MOST_PAGES = 5;

async function allCouriers(): Promise<Courier[]> {
  const all: Courier[] = [];
  let after: string | undefined;
  for (let page = 0; page < MOST_PAGES; page++) {
    const answer = await call(() => api.GET('/couriers', { params: { query: { limit: 100, ...(after ? { after } : {}) } } }));
    all.push(...answer.items);
    if (!answer.next) break;
    after = answer.next;
  }
  return all;
}

export function Couriers() {
  const couriers = useLoad(allCouriers, [], { pollMs: POLL_MS });
  return (
    <Page title="Couriers">
      {couriers.state === 'loading' && <><div className="map-placeholder" role="status" aria-label="Loading the map" /><Placeholder lines={4} label="Loading the couriers" /></>}
      {couriers.state === 'error' && <ErrorPanel error={couriers.error} onRetry={couriers.reload} />}
      {couriers.state === 'ok' && (
        <>
          {couriers.error && <p className="notice" role="status">Showing the couriers as last read: {couriers.error.message}</p>}
          <FleetMap couriers={couriers.data} />
          <CourierTable couriers={couriers.data} />
        </>
      )}
    </Page>
  );
}

function FleetMap({ couriers }: { couriers: Courier[] }) {
  const [focused, setFocused] = useState<string>();
  const placed = couriers.flatMap((c) => (c.position ? [{ courier: c, at: project(c.position) }] : []));
  const reach = Math.max(MIN_REACH_KM, ...placed.map((p) => Math.max(Math.abs(p.at.x), Math.abs(p.at.y)) + 1));
  const label = `Map of ${CITY.name}: ${placed.length} of ${couriers.length} couriers with a fresh position`;
  return (
    <figure className="map fleet">
      <svg viewBox={`${-reach} ${-reach} ${2 * reach} ${2 * reach}`} role="img" aria-label={label}>
        <CityBackdrop reach={reach} />
        {placed.map(({ courier, at }) => (
          <g key={courier.id} transform={`translate(${at.x} ${at.y})`} onMouseEnter={() => setFocused(courier.id)} onMouseLeave={() => setFocused(undefined)}>
            <circle r={0.3} fill={courier.onShift ? '#0b5cad' : '#888'} stroke="#fff" strokeWidth={0.07}><title>{`${courier.name} (${courier.vehicle})`}</title></circle>
            {(placed.length <= 12 || focused === courier.id) && <text y={-0.5} fontSize={0.45} textAnchor="middle" fill="#111">{courier.name}</text>}
          </g>
        ))}
      </svg>
      <figcaption>{label}. The table below lists every courier.</figcaption>
    </figure>
  );
}

function CourierTable({ couriers }: { couriers: Courier[] }) {
  if (couriers.length === 0) return <p>No courier is registered yet.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Couriers, scrolls sideways">
      <table className="lines">
        <caption className="visually-hidden">Every courier, with shift and last position</caption>
        <thead><tr><th scope="col">Courier</th><th scope="col">Vehicle</th><th scope="col" className="num">Capacity</th><th scope="col">Shift</th><th scope="col">Last seen</th></tr></thead>
        <tbody>
          {couriers.map((c) => {
            const at = c.position ? project(c.position) : undefined;
            return (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{c.vehicle}</td>
                <td className="num">{c.capacity}</td>
                <td>{c.onShift ? 'on shift' : 'off shift'}</td>
                <td>{c.position && at ? `${time(c.position.seenAt)}, ${Math.hypot(at.x, at.y).toFixed(1)} km from the centre` : 'no fresh position'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
