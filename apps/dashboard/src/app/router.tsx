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

function moduleElement(module: ModuleEntry) {
  switch (module.id) {
    case 'map':
      return (
        <Suspense fallback={<PageLoading />}>
          <MapPage />
        </Suspense>
      );
    case 'communities':
    case 'inventory':
    case 'donations':
    case 'deliveries':
    case 'reports':
    case 'admin':
      return <ComingSoonPage module={module.id} />;
  }
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
