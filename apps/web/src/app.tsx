/**
 * The storefront's shell: header, the routes, and the place of the operations console (under
 * /console, admin only, loaded on demand so a shopper's first page never carries its code).
 */
import { Component, lazy, Suspense, type ReactNode } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { SessionProvider, useSession } from './session';
import { CartProvider, useCart } from './cart';
import { Home } from './pages/home';
import { Search } from './pages/search';
import { ProductPage } from './pages/product';
import { CartPage } from './pages/cart';
import { SignIn, Register, SignOut } from './pages/sign-in';
import { VerifyEmail, ResetPassword, ForgotPassword } from './pages/email-links';
import { Account } from './pages/account';
import { Checkout } from './pages/checkout';
import { OrderPage } from './pages/order';
import { Orders } from './pages/orders';
import { Notifications } from './pages/notifications';
import { Page, Placeholder } from './ui/page';

const Console = lazy(() => import('./console/console'));

export function App() {
  return (
    <SessionProvider>
      <CartProvider>
        <a className="skip" href="#main">Skip to content</a>
        <Header />
        <main id="main">
          <Crash>
            <Switch>
              <Route path="/" component={Home} />
              <Route path="/search" component={Search} />
              <Route path="/products/:id">{(params) => <ProductPage id={params.id} />}</Route>
              <Route path="/cart" component={CartPage} />
              <Route path="/checkout" component={Checkout} />
              <Route path="/sign-in" component={SignIn} />
              <Route path="/register" component={Register} />
              <Route path="/sign-out" component={SignOut} />
              <Route path="/verify-email" component={VerifyEmail} />
              <Route path="/reset-password" component={ResetPassword} />
              <Route path="/forgot-password" component={ForgotPassword} />
              <Route path="/account" component={Account} />
              <Route path="/orders" component={Orders} />
              <Route path="/orders/:id">{(params) => <OrderPage id={params.id} />}</Route>
              <Route path="/notifications" component={Notifications} />
              <Route path="/console" nest><AdminOnly><Suspense fallback={<Placeholder />}><Console /></Suspense></AdminOnly></Route>
              <Route><Page title="Page not found"><p>There is no page at this address. <Link href="/">Back to the shop</Link>.</p></Page></Route>
            </Switch>
          </Crash>
        </main>
      </CartProvider>
    </SessionProvider>
  );
}

function Header() {
  const { user, isAdmin } = useSession();
  const { count } = useCart();
  const [, navigate] = useLocation();
  return (
    <header className="site">
      <Link className="brand" href="/">Bazaar</Link>
      <form className="quick-search" role="search" action="/search" onSubmit={(event) => {
        event.preventDefault();
        const q = new FormData(event.currentTarget).get('q');
        navigate(`/search?q=${encodeURIComponent(typeof q === 'string' ? q : '')}`);
      }}>
        <label className="visually-hidden" htmlFor="q">Search products</label>
        <input id="q" name="q" type="search" placeholder="Search products" />
        <button type="submit">Search</button>
      </form>
      <nav aria-label="Account">
        <Link href="/cart">Cart <span className="badge" aria-label={`${count} items`}>{count}</span></Link>
        {user ? (
          <>
            <Link href="/orders">My orders</Link>
            <Link href="/notifications">Messages</Link>
            <Link href="/account">Account</Link>
            {isAdmin && <Link href="/console">Console</Link>}
            <Link href="/sign-out">Sign out</Link>
          </>
        ) : (
          <>
            <Link href="/sign-in">Sign in</Link>
            <Link href="/register">Register</Link>
          </>
        )}
      </nav>
    </header>
  );
}

function AdminOnly({ children }: { children: ReactNode }) {
  const { user, isAdmin } = useSession();
  if (!user) return <Page title="Operations console"><p>The console is for operators. <Link href="/sign-in?next=/console">Sign in</Link> with an admin account.</p></Page>;
  if (!isAdmin) return <Page title="Operations console"><p>Your account does not have the admin role. <Link href="/">Back to the shop</Link>.</p></Page>;
  return <>{children}</>;
}

/** A bug in a page shows a way on, not a blank screen. */
class Crash extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Page title="Something went wrong">
        <div className="notice notice-error" role="alert">
          <p>This page could not be shown. Your cart and session are kept.</p>
          <p className="actions"><button type="button" className="button" onClick={() => window.location.reload()}>Reload the page</button> <a href="/">Back to the shop</a></p>
        </div>
      </Page>
    );
  }
}
