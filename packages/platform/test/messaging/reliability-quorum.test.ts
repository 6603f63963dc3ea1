import { reliabilitySuite } from './reliability.suite.js';

// Quorum queues are what a replicated broker would use in production; the same behaviour must hold.
reliabilitySuite('quorum queues', { queueType: 'quorum' });
