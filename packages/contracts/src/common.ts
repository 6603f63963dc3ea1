import { Type } from 'typebox';

/** Building blocks shared by payload schemas. */
export const Uuid = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time' });
export const Sku = Type.String({ pattern: '^[A-Z0-9]+(-[A-Z0-9]+)*$', minLength: 3, maxLength: 40 });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'an ISO 4217 code such as EUR' });
/** Up to 10^11 minor units (a billion in a two-decimal currency): any real order, never an overflow. */
export const AmountMinor = Type.Integer({ minimum: 0, maximum: 100_000_000_000, description: 'an amount in minor units (cents)' });
export const Quantity = Type.Integer({ minimum: 1, maximum: 1_000_000 });
/** How many lines one order, reservation or shipment may carry. */
export const MAX_LINES = 200;
export const Version = Type.Integer({ minimum: 0, description: "the source entity's version after the change" });
export const Reason = Type.String({ minLength: 1, maxLength: 200 });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
export const Line = Type.Object({ sku: Sku, quantity: Quantity });
/** Free text with a bound, for names and address parts copied between services. */
export const Text = (maxLength: number) => Type.String({ maxLength });
