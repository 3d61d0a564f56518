import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { ComingSoonPage } from '../pages/ComingSoonPage';
import { HomePage } from '../pages/HomePage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { AppLayout } from './AppLayout';
import { HomeRedirect } from './HomeRedirect';
import { homePath, modules, type ModuleEntry } from './navigation';
import { PageLoading } from './PageLoading';
import { RequireAuth, RequireModule } from './RequireAuth';

// Leaflet and the map live in their own chunk: the login page and the shell never download them.
const MapPage = lazy(() => import('../pages/MapPage').then((m) => ({ default: m.MapPage })));
const CommunitiesPage = lazy(() => import('../pages/CommunitiesPage').then((m) => ({ default: m.CommunitiesPage })));
const CommunityPage = lazy(() => import('../pages/CommunityPage').then((m) => ({ default: m.CommunityPage })));
const InventoryPage = lazy(() => import('../pages/InventoryPage').then((m) => ({ default: m.InventoryPage })));
const NeedsPage = lazy(() => import('../pages/NeedsPage').then((m) => ({ default: m.NeedsPage })));
const DonationsPage = lazy(() => import('../pages/DonationsPage').then((m) => ({ default: m.DonationsPage })));
// Deliveries: the plan list, the plan builder (with the map), the board and the stop detail are separate chunks.
const DeliveriesPage = lazy(() => import('../pages/DeliveriesPage').then((m) => ({ default: m.DeliveriesPage })));
const PlanPage = lazy(() => import('../pages/PlanPage').then((m) => ({ default: m.PlanPage })));
const DeliveriesBoardPage = lazy(() => import('../pages/DeliveriesBoardPage').then((m) => ({ default: m.DeliveriesBoardPage })));
const StopPage = lazy(() => import('../pages/StopPage').then((m) => ({ default: m.StopPage })));
// The public campaign page is its own small chunk: no map, no dashboard shell, no login.
const PublicCampaignPage = lazy(() => import('../pages/PublicCampaignPage').then((m) => ({ default: m.PublicCampaignPage })));
const ReportsPage = lazy(() => import('../pages/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const communitiesModule = modules.find((m) => m.id === 'communities');
const deliveriesModule = modules.find((m) => m.id === 'deliveries');

function moduleElement(module: ModuleEntry) {
  switch (module.id) {
    case 'map':
      return (
        <Suspense fallback={<PageLoading />}>
          <MapPage />
        </Suspense>
      );
    case 'communities':
      return (
        <Suspense fallback={<PageLoading />}>
          <CommunitiesPage />
        </Suspense>
      );
    case 'needs':
      return (
        <Suspense fallback={<PageLoading />}>
          <NeedsPage />
        </Suspense>
      );
    case 'donations':
      return (
        <Suspense fallback={<PageLoading />}>
          <DonationsPage />
        </Suspense>
      );
    case 'inventory':
      return (
        <Suspense fallback={<PageLoading />}>
          <InventoryPage />
        </Suspense>
      );
    case 'deliveries':
      return (
        <Suspense fallback={<PageLoading />}>
          <DeliveriesPage />
        </Suspense>
      );
    case 'reports':
      return (
        <Suspense fallback={<PageLoading />}>
          <ReportsPage />
        </Suspense>
      );
    case 'admin':
      return <ComingSoonPage module={module.id} />;
  }
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/campanas/:slug',
    element: (
      <Suspense fallback={<PageLoading />}>
        <PublicCampaignPage />
      </Suspense>
    ),
  },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: homePath, element: <HomePage /> },
      ...modules.map((module) => ({
        path: module.path,
        element: <RequireModule module={module}>{moduleElement(module)}</RequireModule>,
      })),
      ...(communitiesModule
        ? [
            {
              path: '/comunidades/:id',
              element: (
                <RequireModule module={communitiesModule}>
                  <Suspense fallback={<PageLoading />}>
                    <CommunityPage />
                  </Suspense>
                </RequireModule>
              ),
            },
          ]
        : []),
      ...(deliveriesModule
        ? [
            { path: '/entregas/planes/:id', page: <PlanPage /> },
            { path: '/entregas/tablero', page: <DeliveriesBoardPage /> },
            { path: '/entregas/paradas/:id', page: <StopPage /> },
          ].map(({ path, page }) => ({
            path,
            element: (
              <RequireModule module={deliveriesModule}>
                <Suspense fallback={<PageLoading />}>{page}</Suspense>
              </RequireModule>
            ),
          }))
        : []),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
