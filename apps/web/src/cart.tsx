/**
 * The cart, kept in localStorage so it survives reloads and is shared by the tabs of one browser.
 * Each line keeps what the shop showed when it was added (name, price); checkout sends only ids and
 * quantities, and orders prices them again from the catalog.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export interface CartLine { productId: string; sku: string; name: string; priceMinor: number; currency: string; quantity: number }

const KEY = 'bazaar.cart';
/** Orders take at most 50 lines of at most 100 units each. */
export const MAX_LINES = 50;
export const MAX_QUANTITY = 100;

const read = (): CartLine[] => {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed as CartLine[] : [];
  } catch {
    return [];
  }
};

interface CartValue {
  lines: CartLine[];
  count: number;
  add(line: Omit<CartLine, 'quantity'>, quantity?: number): void;
  setQuantity(productId: string, quantity: number): void;
  remove(productId: string): void;
  clear(): void;
}

const CartContext = createContext<CartValue | undefined>(undefined);

export function CartProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<CartLine[]>(read);
  const update = useCallback((change: (lines: CartLine[]) => CartLine[]) => {
    setLines((previous) => {
      const next = change(previous);
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  useEffect(() => {
    const onStorage = (event: StorageEvent) => { if (event.key === KEY) setLines(read()); };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const value = useMemo<CartValue>(() => ({
    lines,
    count: lines.reduce((sum, line) => sum + line.quantity, 0),
    add: (line, quantity = 1) => update((all) => {
      const found = all.find((l) => l.productId === line.productId);
      if (found) return all.map((l) => (l === found ? { ...l, quantity: Math.min(MAX_QUANTITY, l.quantity + quantity) } : l));
      return all.length >= MAX_LINES ? all : [...all, { ...line, quantity }];
    }),
    setQuantity: (productId, quantity) => update((all) => all.map((l) => (l.productId === productId ? { ...l, quantity: Math.max(1, Math.min(MAX_QUANTITY, quantity)) } : l))),
    remove: (productId) => update((all) => all.filter((l) => l.productId !== productId)),
    clear: () => update(() => []),
  }), [lines, update]);
  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartValue {
  const value = useContext(CartContext);
  if (!value) throw new Error('useCart outside CartProvider');
  return value;
}
