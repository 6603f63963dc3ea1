/**
 * A product's picture. The demo catalog names images by path (`/images/products/bzr-0001-1.jpg`)
 * that no server holds, so those are drawn here from the path (same path, same picture) instead of
 * asking for a file that is not there; an absolute URL is shown as the image it is. Either way the
 * box has a fixed aspect ratio, so nothing moves when it arrives.
 */
export function ProductArt({ url, alt, size = 'card' }: { url: string | null | undefined; alt: string; size?: 'card' | 'large' | 'thumb' }) {
  if (url && /^https?:\/\//.test(url)) return <img className={`art art-${size}`} src={url} alt={alt} loading="lazy" width={400} height={300} />;
  let hash = 0;
  for (const char of url ?? alt) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  const shape = hash % 3;
  return (
    <svg className={`art art-${size}`} viewBox="0 0 400 300" {...(alt ? { role: 'img', 'aria-label': alt } : { 'aria-hidden': true })}>
      <rect width="400" height="300" fill={`hsl(${hue} 45% 90%)`} />
      {shape === 0 && <circle cx="200" cy="150" r="80" fill={`hsl(${hue} 50% 45%)`} />}
      {shape === 1 && <rect x="120" y="70" width="160" height="160" rx="24" fill={`hsl(${hue} 50% 45%)`} />}
      {shape === 2 && <polygon points="200,60 300,240 100,240" fill={`hsl(${hue} 50% 45%)`} />}
    </svg>
  );
}

export function Stars({ average, count }: { average: number | null; count: number }) {
  if (average === null || count === 0) return <span className="muted">No reviews yet</span>;
  return <span aria-label={`Rated ${average.toFixed(1)} out of 5 by ${count} ${count === 1 ? 'reviewer' : 'reviewers'}`}>{'★'.repeat(Math.round(average))}{'☆'.repeat(5 - Math.round(average))} <span className="muted">({count})</span></span>;
}
