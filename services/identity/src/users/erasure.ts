import type { ErasureRecord } from './erasure.store.js';

/**
 * The services that keep something of a user and must confirm its erasure (`user.erased`) after
 * `user.deleted`; identity confirms its own part with the deletion. A service that starts keeping
 * personal data joins this list together with its handler of `user.deleted`.
 */
export const ERASING_SERVICES = ['identity', 'catalog', 'orders', 'payments', 'shipping', 'notifications', 'analytics'] as const;

export interface ErasureView {
  userId: string;
  deletedAt: string;
  /** Every service that must confirm, and whether it has: erasedAt null means not yet. */
  services: { service: string; erasedAt: string | null; summary: string | null }[];
  pending: string[];
  complete: boolean;
}

export function toErasureView(userId: string, record: ErasureRecord): ErasureView {
  const byService = new Map(record.confirmations.map((c) => [c.service, c]));
  const names = [...new Set<string>([...ERASING_SERVICES, ...byService.keys()])];
  const services = names.map((service) => {
    const confirmed = byService.get(service);
    return { service, erasedAt: confirmed?.erasedAt.toISOString() ?? null, summary: confirmed?.summary ?? null };
  });
  const pending = services.filter((s) => s.erasedAt === null).map((s) => s.service);
  return { userId, deletedAt: record.deletedAt.toISOString(), services, pending, complete: pending.length === 0 };
}
