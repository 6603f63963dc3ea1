import { Type } from 'typebox';

/**
 * A card as typed. Its shape is checked here, as payments' card checks (card.ts) check it, so that
 * every field of a card wrongly typed is named at once; those checks name what else is wrong (the
 * Luhn check, an expired card, a year too far ahead).
 */
export const NewPaymentMethodBody = Type.Object({
  card: Type.Object({
    number: Type.String({ minLength: 1, maxLength: 40, pattern: '^[ -]*(?:[0-9][ -]*){12,19}$', description: '12 to 19 digits; spaces and dashes are allowed' }),
    expMonth: Type.Integer({ format: 'int32', minimum: 1, maximum: 12, description: '1 to 12' }),
    expYear: Type.Integer({ format: 'int32', minimum: 0, maximum: 9999, description: 'the full year (2029) or its last two digits (29)' }),
    cvc: Type.String({ maxLength: 8, pattern: '^[0-9]{3,4}$', description: 'the 3 or 4 digit security code' }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

export const PaymentMethodSchema = Type.Object({
  paymentMethodId: Type.String({ format: 'uuid', maxLength: 36 }),
  // As the processor named it when it tokenized the card; at most 20 characters are stored.
  brand: Type.String({ maxLength: 20, description: 'visa, mastercard, amex, discover or unknown' }),
  last4: Type.String({ pattern: '^[0-9]{4}$', maxLength: 4 }),
  expMonth: Type.Integer({ format: 'int32', minimum: 1, maximum: 12 }),
  expYear: Type.Integer({ format: 'int32', minimum: 2000, maximum: 9999, description: 'the full year' }),
}, { description: 'A saved card: never more of it than its brand, last four digits and expiry.' });

/** More than anyone saves; the list is not paged. */
export const MAX_LISTED_METHODS = 100;
export const PaymentMethodListSchema = Type.Object({ items: Type.Array(PaymentMethodSchema, { maxItems: MAX_LISTED_METHODS }) });

export const PaymentMethodParams = Type.Object({ paymentMethodId: Type.String({ format: 'uuid', maxLength: 36 }) });
