import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageId } from '../i18n';

export interface AppRoute {
  /** Below /app, react-router syntax. */
  path: string;
  screen: LazyExoticComponent<ComponentType>;
  /** Reachable without signing in. */
  anonymous?: boolean;
}

/**
 * Every screen, each loaded on first visit (web/src/routes/<name>/index.tsx).
 * To add a screen: a folder under routes/, a line here, and, if it belongs in
 * the top bar, a line in `navigation` below.
 */
export const routes: AppRoute[] = [
  { path: '/', screen: lazy(() => import('../routes/home')) },
  { path: '/sign-in', screen: lazy(() => import('../routes/sign-in')), anonymous: true },
  { path: '/register', screen: lazy(() => import('../routes/register')), anonymous: true },
  { path: '/verify', screen: lazy(() => import('../routes/verify')), anonymous: true },
  { path: '/reset-password', screen: lazy(() => import('../routes/reset-password')), anonymous: true },
  { path: '/profile', screen: lazy(() => import('../routes/profile')) },
  { path: '/standards', screen: lazy(() => import('../routes/standards')) },
  { path: '/standards/new', screen: lazy(() => import('../routes/propose')) },
  { path: '/standards/:id', screen: lazy(() => import('../routes/standard')) },
  { path: '/standards/:id/edit', screen: lazy(() => import('../routes/editor')) },
  { path: '/standards/:id/redline', screen: lazy(() => import('../routes/redline')) },
  { path: '/rounds/:id', screen: lazy(() => import('../routes/round')) },
  // Secretariat, delegates' ballots, vendors and administration (issue 15).
  { path: '/standards/:id/manage', screen: lazy(() => import('../routes/manage')) },
  { path: '/rounds/:id/adjudicate', screen: lazy(() => import('../routes/adjudicate')) },
  { path: '/ballots/:id', screen: lazy(() => import('../routes/ballot')) },
  { path: '/ballots/:id/publish', screen: lazy(() => import('../routes/publish')) },
  { path: '/products', screen: lazy(() => import('../routes/products')) },
  { path: '/products/:id', screen: lazy(() => import('../routes/product')) },
  { path: '/matrix', screen: lazy(() => import('../routes/matrix')) },
  { path: '/admin/users', screen: lazy(() => import('../routes/admin-users')) },
  { path: '/admin/audit', screen: lazy(() => import('../routes/admin-audit')) },
  { path: '/catalogue', screen: lazy(() => import('../routes/catalogue')) },
  { path: '/notifications', screen: lazy(() => import('../routes/notifications')) },
  { path: '/notifications/preferences', screen: lazy(() => import('../routes/notification-preferences')) },
];

export interface NavItem {
  to: string;
  label: MessageId;
  /** Shown only to people holding one of these roles; everyone signed in when absent. */
  roles?: string[];
}

export const navigation: NavItem[] = [
  { to: '/', label: 'nav.home' },
  { to: '/standards', label: 'nav.standards' },
  { to: '/standards/new', label: 'nav.propose', roles: ['EXPERT', 'SECRETARIAT'] },
  { to: '/products', label: 'nav.products', roles: ['VENDOR', 'SECRETARIAT', 'ADMIN'] },
  { to: '/catalogue', label: 'nav.catalogue', roles: ['SECRETARIAT', 'EXPERT', 'DELEGATE'] },
  { to: '/matrix', label: 'nav.matrix', roles: ['VENDOR', 'SECRETARIAT', 'EXPERT', 'DELEGATE', 'ADMIN'] },
  { to: '/admin/users', label: 'nav.users', roles: ['ADMIN', 'SECRETARIAT'] },
  { to: '/admin/audit', label: 'nav.audit', roles: ['ADMIN', 'SECRETARIAT'] },
];
