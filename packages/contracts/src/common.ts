import { Type } from 'typebox';

/** Building blocks shared by payload schemas. */
export const Uuid = Type.String({ format: 'uuid' });
export const Timestamp = Type.String({ format: 'date-time' });
export const Sku = Type.String({ pattern: '^[A-Z0-9]+(-[A-Z0-9]+)*$', minLength: 3, maxLength: 40 });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'an ISO 4217 code such as EUR' });
export const AmountMinor = Type.Integer({ minimum: 0, description: 'an amount in minor units (cents)' });
export const Quantity = Type.Integer({ minimum: 1 });
export const Version = Type.Integer({ minimum: 0, description: "the source entity's version after the change" });
export const Reason = Type.String({ minLength: 1, maxLength: 200 });
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
export const Line = Type.Object({ sku: Sku, quantity: Quantity });
