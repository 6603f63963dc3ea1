import { UUID } from '../pagination.js';

export interface Category {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

export interface CategoryNode extends Category {
  children: CategoryNode[];
}

export const SLUG_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** A category named by a client either by its id or by its slug. */
export type CategoryRef = { id: string } | { slug: string };

export const categoryRefOf = (value: string): CategoryRef => (UUID.test(value) ? { id: value.toLowerCase() } : { slug: value });

/**
 * Nests a flat list into trees, children in the order given. Categories whose parent is not in the
 * list become roots, so the subtree below any category can be built from its descendants alone.
 */
export function buildTree(categories: Category[]): CategoryNode[] {
  const nodes = new Map(categories.map((c) => [c.id, { ...c, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
