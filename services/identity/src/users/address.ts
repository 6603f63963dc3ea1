/** A postal address of a user (seed 002's USER_ADDRESS). */
export interface Address {
  id: string;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  state: string | null;
  postalCode: string;
  country: string;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type AddressFields = Omit<Address, 'id' | 'isDefault' | 'createdAt' | 'updatedAt'>;

export interface AddressView extends Omit<Address, 'createdAt' | 'updatedAt'> {
  createdAt: string;
  updatedAt: string;
}

export const toAddressView = (a: Address): AddressView => ({
  ...a,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

/**
 * Whether a new address becomes the default: when asked, and always when it is the user's first,
 * so a user with addresses has a default unless they unset it on purpose.
 */
export const becomesDefault = (requested: boolean | undefined, existingCount: number): boolean =>
  requested === true || existingCount === 0;
