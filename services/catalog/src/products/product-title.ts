import type { SchemaRequirement } from '@bazaar/platform';

/** The contract step of products.name → products.title (README, "Expand/contract: worked example"). */
export const TITLE_CONTRACT = 'product_title_contract';

/**
 * The schema this code needs: every migration it ships, except the contract step while that is the
 * newest. This code neither reads nor writes products.name, so it serves on the schema before the
 * contract (0006) as well as after it: its pods must turn ready before the contract migration runs,
 * since that migration may only run once they have replaced every pod of release 2, which still
 * writes name. Once a later migration ships, the default (every file) applies again by itself.
 */
export function schemaBeforeTitleContract(requirement: SchemaRequirement): SchemaRequirement {
  const newest = requirement.migrations.at(-1);
  return newest?.name === TITLE_CONTRACT && requirement.requires === newest.version ? { ...requirement, requires: newest.version - 1 } : requirement;
}
