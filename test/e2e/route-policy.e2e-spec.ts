import { bootApp, type BootedApp } from '../support/app';
import { expectProblem, http } from '../support/http';
import { concretePath, listRoutes } from '../support/routes';

describe('route access policy (deny by default)', () => {
  let app: BootedApp;
  beforeAll(async () => {
    app = await bootApp({ seedDemo: false });
  });
  afterAll(() => app.close());

  it('finds the application routes (the walk itself works)', () => {
    const routes = listRoutes(app.app);
    expect(routes.length).toBeGreaterThan(15);
    expect(routes).toEqual(
      expect.arrayContaining([expect.objectContaining({ method: 'POST', path: '/api/v1/auth/login', isPublic: true })]),
    );
  });

  it('declares @Public() or its roles on every registered route', () => {
    const undeclared = listRoutes(app.app)
      .filter((r) => !r.isPublic && (!r.roles || r.roles.length === 0))
      .map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('rejects every protected route without authentication (401 problem+json)', async () => {
    const protectedRoutes = listRoutes(app.app).filter((r) => !r.isPublic);
    expect(protectedRoutes.length).toBeGreaterThan(5);
    for (const route of protectedRoutes) {
      const res = await http(app.url, route.method, concretePath(route.path), route.method === 'GET' ? {} : { body: {} });
      try {
        expectProblem(res, 401, 'AUTH_REQUIRED');
      } catch (error) {
        throw new Error(`${route.method} ${route.path} answered ${res.status} without authentication`, { cause: error });
      }
    }
  });
});
