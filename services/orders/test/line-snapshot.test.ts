// An order line is a snapshot of the product as catalog priced it at checkout, on purpose: it is what
// the customer agreed to pay for, so it must not follow the product afterwards. Catalog renames and
// reprices the product after the order; the order, read alone and in the customer's list, keeps the
// name and price it was placed with, while a new order takes the new ones.
import { randomUUID } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkoutBody, startOrders, type Harness } from './support.js';

let h: Harness;
before(async () => { h = await startOrders('line_snapshot'); });
after(() => h?.close());

interface Line { name: string; unitPriceMinor: number; lineTotalMinor: number }

test("an order line keeps its name and price after the product is renamed and repriced", async () => {
  const token = await h.token(randomUUID());
  const headers = { authorization: `Bearer ${token}` };
  const lamp = h.catalog.add({ name: 'Walnut desk lamp', priceMinor: 4900 });
  const place = async () => {
    const response = await h.app.inject({ method: 'POST', url: '/orders', headers: { ...headers, 'idempotency-key': randomUUID() }, payload: checkoutBody([lamp.id], { items: [{ productId: lamp.id, quantity: 2 }] }) });
    assert.equal(response.statusCode, 202, response.body);
    return response.json() as { id: string; totalMinor: number; items: Line[] };
  };
  const linesOf = (order: { items: Line[] }) => order.items.map((i) => [i.name, i.unitPriceMinor, i.lineTotalMinor]);

  const placed = await place();
  assert.deepEqual(linesOf(placed), [['Walnut desk lamp', 4900, 9800]]);

  // Catalog's product changes: its name and its price (what GET /products/:id answers from now on).
  h.catalog.products.set(lamp.id, { ...lamp, name: 'Walnut desk lamp, second edition', priceMinor: 6500 });

  const read = await h.app.inject({ method: 'GET', url: `/orders/${placed.id}`, headers });
  assert.equal(read.statusCode, 200, read.body);
  assert.deepEqual(linesOf(read.json()), [['Walnut desk lamp', 4900, 9800]], 'the placed order keeps what the customer agreed to');
  assert.equal(read.json().totalMinor, 9800);
  const listed = await h.app.inject({ method: 'GET', url: '/orders', headers });
  assert.equal(listed.json().items.find((o: { id: string }) => o.id === placed.id)?.totalMinor, 9800);

  const later = await place();
  assert.deepEqual(linesOf(later), [['Walnut desk lamp, second edition', 6500, 13_000]], 'a new order takes the product as it is now');
});
