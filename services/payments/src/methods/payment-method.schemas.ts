import { Type } from 'typebox';

/** A card as typed. Only its shape is checked here; payments' card checks name what else is wrong. */
export const NewPaymentMethodBody = Type.Object({
  card: Type.Object({
    number: Type.String({ minLength: 1, maxLength: 40, description: 'digits; spaces and dashes are allowed' }),
    expMonth: Type.Integer({ description: '1 to 12' }),
    expYear: Type.Integer({ description: 'the full year (2029) or its last two digits (29)' }),
    cvc: Type.String({ maxLength: 8, description: 'the 3 or 4 digit security code' }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });

export const PaymentMethodSchema = Type.Object({
  paymentMethodId: Type.String({ format: 'uuid' }),
  brand: Type.String({ description: 'visa, mastercard, amex, discover or unknown' }),
  last4: Type.String(),
  expMonth: Type.Integer(),
  expYear: Type.Integer(),
}, { description: 'A saved card: never more of it than its brand, last four digits and expiry.' });

export const PaymentMethodListSchema = Type.Object({ items: Type.Array(PaymentMethodSchema) });
