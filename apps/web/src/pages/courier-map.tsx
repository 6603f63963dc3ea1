/**
 * Where the courier is, drawn as an SVG from coordinates alone: no tile server, no map library. The
 * delivery area (shipping's geocoder places every address within a few kilometres of the city's
 * centre) is drawn as rings around the centre, and the courier's positions as read while the page is
 * open as a trail ending at a marker. Positions are projected equirectangularly around the centre,
 * which at city scale is true to within a fraction of a percent.
 */
export interface Point { latitude: number; longitude: number }

/** Shipping's default geocoder centre (SHIPPING_GEOCODER_CENTER): Amsterdam. */
export const CITY = { latitude: 52.3676, longitude: 4.9041, name: 'Amsterdam' };
const RINGS_KM = [2, 4, 6];
/** Room beyond the outer ring for its label ("6 km", 1.1 km wide at its size), which the edge would clip. */
export const MIN_REACH_KM = 7.5;
const kmPerLon = 111.32 * Math.cos((CITY.latitude * Math.PI) / 180);
/** Kilometres east (x) and south (y) of the centre. */
export const project = (p: Point) => ({ x: (p.longitude - CITY.longitude) * kmPerLon, y: -(p.latitude - CITY.latitude) * 110.57 });

export function CourierMap({ trail, courier }: { trail: Point[]; courier: { name: string; vehicle: string } }) {
  const points = trail.map(project);
  const reach = Math.max(MIN_REACH_KM, ...points.map((p) => Math.max(Math.abs(p.x), Math.abs(p.y)) + 1));
  const last = points[points.length - 1];
  const label = last
    ? `Map of ${CITY.name}: ${courier.name} (${courier.vehicle}) is ${Math.hypot(last.x, last.y).toFixed(1)} km from the centre`
    : `Map of ${CITY.name}: ${courier.name}'s position is not known yet`;
  return (
    <figure className="map">
      <svg viewBox={`${-reach} ${-reach} ${2 * reach} ${2 * reach}`} role="img" aria-label={label}>
        <CityBackdrop reach={reach} />
        {points.length > 1 && <polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke="#c0392b" strokeWidth={0.08} strokeLinejoin="round" />}
        {last && (
          <g transform={`translate(${last.x} ${last.y})`}>
            <circle r={0.35} fill="#c0392b" stroke="#fff" strokeWidth={0.08} />
            <text y={-0.6} fontSize={0.55} textAnchor="middle" fill="#111" fontWeight="bold">{courier.name}</text>
          </g>
        )}
      </svg>
      <figcaption>{label}. The line shows where they have been since you opened this page.</figcaption>
    </figure>
  );
}

/** The city without anyone on it: ground, distance rings from the centre, the river, the centre. */
export function CityBackdrop({ reach }: { reach: number }) {
  return (
    <>
      <rect x={-reach} y={-reach} width={2 * reach} height={2 * reach} fill="#eef3ea" />
      {RINGS_KM.map((r) => <circle key={r} r={r} fill="none" stroke="#b9c7b0" strokeWidth={0.05} strokeDasharray="0.2 0.15" />)}
      {/* The IJ, the river north of the centre, as a landmark. */}
      <path d={`M ${-reach} -1.2 C -3 -0.9, -1 -1.6, 1 -1.1 S 4 -1.5, ${reach} -1.3`} fill="none" stroke="#9cc3e0" strokeWidth={0.45} />
      <circle r={0.18} fill="#555" />
      {/* Low enough that a courier's marker on the centre (0.4 in radius) leaves the word readable. */}
      <text y={1.05} fontSize={0.5} textAnchor="middle" fill="#333">centre</text>
      {RINGS_KM.map((r) => <text key={`${r}-label`} x={r + 0.1} y={-0.1} fontSize={0.4} fill="#667">{r} km</text>)}
    </>
  );
}
