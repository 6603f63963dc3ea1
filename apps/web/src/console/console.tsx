/**
 * The operations console, for the admin role, under /console (the shell's guard lets only admins
 * in). It is loaded only when an admin opens it, so none of it weighs on the storefront's first page.
 * It shows the health of the services as the gateway sees them and each service's own (its checks,
 * outbox and dead-letter queue with replay), the checkout sagas with their step logs, traces as
 * waterfalls, the isolation audit, the warehouse's reports and reconciliation, notifications' failed
 * messages with retry, the couriers on the map, and the stock with its products' names.
 */
import { Link, Route, Switch, useRoute } from 'wouter';
import { Page } from '../ui/page';
import { Overview } from './overview';
import { Reports } from './reports';
import { Reconciliation } from './reconciliation';
import { FailedNotifications } from './notifications';
import { Couriers } from './couriers';
import { Stock } from './stock';
import { ServicePage } from './service';
import { Sagas } from './sagas';
import { SagaPage } from './saga';
import { Traces } from './traces';
import { TracePage } from './trace';
import { Audit } from './audit';
import { Flags } from './flags';
import { Canaries } from './canaries';
import './console.css';

const SECTIONS = [
  { path: '/', title: 'Services', component: Overview },
  { path: '/sagas', title: 'Sagas', component: Sagas },
  { path: '/traces', title: 'Traces', component: Traces },
  { path: '/audit', title: 'Isolation audit', component: Audit },
  { path: '/flags', title: 'Flags', component: Flags },
  { path: '/canaries', title: 'Canaries', component: Canaries },
  { path: '/reports', title: 'Reports', component: Reports },
  { path: '/reconciliation', title: 'Reconciliation', component: Reconciliation },
  { path: '/notifications', title: 'Failed notifications', component: FailedNotifications },
  { path: '/couriers', title: 'Couriers', component: Couriers },
  { path: '/stock', title: 'Stock', component: Stock },
] as const;

export default function Console() {
  return (
    <div className="console">
      <nav aria-label="Console" className="console-nav">
        <ul>{SECTIONS.map((s) => <li key={s.path}><SectionLink path={s.path}>{s.title}</SectionLink></li>)}</ul>
      </nav>
      <Switch>
        {SECTIONS.map((s) => <Route key={s.path} path={s.path} component={s.component} />)}
        <Route path="/services/:service" component={ServicePage} />
        <Route path="/sagas/:orderId" component={SagaPage} />
        <Route path="/traces/:traceId" component={TracePage} />
        <Route><Page title="Not in the console"><p>The console has no page here. <Link href="/">Back to the console's start</Link>.</p></Page></Route>
      </Switch>
    </div>
  );
}

function SectionLink({ path, children }: { path: string; children: string }) {
  const [active] = useRoute(path);
  return <Link href={path} aria-current={active ? 'page' : undefined}>{children}</Link>;
}
