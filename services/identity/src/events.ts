// The events identity consumes, by type, each handler taking the payload its contract defines (the
// consumer has checked it) and running in the transaction of the message's inbox row. The consumer
// binds identity's events queue to exactly these types.
import { applyUserErased } from './users/account-deletion.service.js';

export const identityEventHandlers = {
  // every service's confirmation that it erased a deleted user's data.
  'user.erased': applyUserErased,
} as const;
