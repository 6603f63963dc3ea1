import { reliabilitySuite } from './reliability.suite.js';

reliabilitySuite('classic queues', { queueType: 'classic' });
