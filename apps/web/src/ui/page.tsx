import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A page's frame: its title in the tab and as the page's heading, which takes the focus when the
 * page opens so a keyboard or screen reader user starts at the new page, not at the old link.
 */
export function Page({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Bazaar`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <section className={wide ? 'page wide' : 'page'}>
      <h1 ref={heading} tabIndex={-1}>{title}</h1>
      {children}
    </section>
  );
}

/** Grey blocks in the shape of what is loading, so the page keeps its layout when it arrives. */
export function Placeholder({ lines = 3, label = 'Loading' }: { lines?: number; label?: string }) {
  return (
    <div className="placeholder" role="status" aria-label={label}>
      {Array.from({ length: lines }, (_, i) => <div key={i} className="placeholder-line" />)}
    </div>
  );
}
