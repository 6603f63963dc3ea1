import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'typebox';
import { CommonConfig, ConfigError, DatabaseUrlConfig, MessagingConfig, PortConfig, loadConfig, messagingSettings } from '../src/index.js';

const Schema = Type.Object({
  ...CommonConfig,
  PORT: PortConfig(8101),
  ORDERS_DATABASE_URL: DatabaseUrlConfig(),
  RETRIES: Type.Integer({ minimum: 0, maximum: 10, default: 3 }),
});

test('defaults apply and strings are converted to the declared types', () => {
  const config = loadConfig(Schema, { ORDERS_DATABASE_URL: 'postgres://x@localhost/orders', PORT: '9000' });
  assert.equal(config.PORT, 9000);
  assert.equal(config.RETRIES, 3);
  assert.equal(config.HOST, '127.0.0.1');
  assert.equal(config.LOG_LEVEL, 'info');
});

test('every missing or malformed variable is named in one error', () => {
  assert.throws(
    () => loadConfig(Schema, { PORT: 'eighty', LOG_LEVEL: 'loud', RETRIES: '99' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const byName = Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
      assert.deepEqual(Object.keys(byName).sort(), ['LOG_LEVEL', 'ORDERS_DATABASE_URL', 'PORT', 'RETRIES']);
      assert.match(byName.ORDERS_DATABASE_URL!, /required/);
      assert.match(byName.PORT!, /whole number from 1 to 65535.*"eighty"/);
      assert.match(byName.LOG_LEVEL!, /one of .*"info"/);
      assert.match(error.message, /ORDERS_DATABASE_URL/);
      return true;
    },
  );
});

test('a malformed URL is named with what it must be', () => {
  assert.throws(() => loadConfig(Schema, { ORDERS_DATABASE_URL: 'mysql://nope' }), /ORDERS_DATABASE_URL: must be a postgres:\/\/ connection URL/);
});

test('only the variables in the schema are read', () => {
  const config = loadConfig(Schema, { ORDERS_DATABASE_URL: 'postgres://x@h/d', IDENTITY_DATABASE_URL: 'postgres://secret' }) as Record<string, unknown>;
  assert.equal(config.IDENTITY_DATABASE_URL, undefined);
});

test('MESSAGING_QUEUE_TYPE selects quorum queues, classic by default, and refuses anything else', () => {
  const Messaging = Type.Object({ ...MessagingConfig });
  assert.equal(messagingSettings(loadConfig(Messaging, {})).queueType, undefined);
  assert.equal(messagingSettings(loadConfig(Messaging, { MESSAGING_QUEUE_TYPE: 'quorum' })).queueType, 'quorum');
  assert.throws(() => loadConfig(Messaging, { MESSAGING_QUEUE_TYPE: 'stream' }), /MESSAGING_QUEUE_TYPE: .*one of/);
});
