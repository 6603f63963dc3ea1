/**
 * The operations console (issue 17's second half) lives under /console, for the admin role: its
 * pages (services and their signals, sagas, outboxes, dead letters, traces, couriers, failed
 * notifications, analytics, the isolation audit) are not built yet. This module is loaded only when
 * an admin opens /console, so none of it weighs on the storefront.
 */
import { Page } from '../ui/page';

export default function Console() {
  return (
    <Page title="Operations console">
      <p>The console's pages are not built yet. Until they are, the gateway's API documentation is at <a href="/api/docs">/api/docs</a>.</p>
    </Page>
  );
}
