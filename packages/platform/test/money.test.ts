import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney } from '../src/money.js';

test('an amount is written with its currency\'s own number of decimals, the same on every call', () => {
  for (let i = 0; i < 2; i++) {
    assert.equal(formatMoney(1234, 'EUR'), 'EUR 12.34');
    assert.equal(formatMoney(1234, 'JPY'), 'JPY 1234');
    assert.equal(formatMoney(1234, 'KWD'), 'KWD 1.234');
    assert.equal(formatMoney(-5, 'USD'), 'USD -0.05');
  }
});

test('a code Intl does not know (or refuses) gets two decimals', () => {
  assert.equal(formatMoney(1234, 'ZZZ'), 'ZZZ 12.34');
  assert.equal(formatMoney(1234, 'not a code'), 'not a code 12.34');
  assert.equal(formatMoney(1234, 'not a code'), 'not a code 12.34');
});
