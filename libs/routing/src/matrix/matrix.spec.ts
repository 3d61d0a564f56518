import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CachedMatrixProvider } from './cache';
import { DEFAULT_FIELD_TRAVEL, GreatCircleMatrixProvider, haversineMetres } from './great-circle';
import { OsrmMatrixProvider } from './osrm';
import type { GeoPoint, MatrixProvider, MatrixResult } from './types';

const lima: GeoPoint = { lat: -12.0464, lon: -77.0428, altitude: 150 };
const cusco: GeoPoint = { lat: -13.5319, lon: -71.9675, altitude: 3400 };

describe('GreatCircleMatrixProvider', () => {
  it('computes haversine distances', () => {
    // Lima - Cusco great-circle distance is about 573 km
    expect(haversineMetres(lima, cusco) / 1000).toBeCloseTo(573, -1);
  });

  it('applies detour, speed and climbing per access mode of the destination', () => {
    const p = new GreatCircleMatrixProvider();
    const pts: GeoPoint[] = [lima, { ...cusco, access: 'unpaved' }];
    const m = p.compute(pts);
    const gc = haversineMetres(lima, cusco);
    expect(m.distances[1]).toBeCloseTo(gc * DEFAULT_FIELD_TRAVEL.detour.unpaved, 3);
    const expected = (gc * 1.5) / (25 / 3.6) + 3250 * DEFAULT_FIELD_TRAVEL.climbSecondsPerMetre.unpaved;
    expect(m.durations[1]).toBeCloseTo(expected, 3);
    // back to Lima (paved, downhill): no climbing penalty
    expect(m.durations[2]).toBeCloseTo((gc * 1.3) / (50 / 3.6), 3);
    expect(m.durations[0]).toBe(0);
  });

  it('accepts overrides', () => {
    const p = new GreatCircleMatrixProvider({ speedKmh: { trail: 2 }, detour: { trail: 2 }, climbSecondsPerMetre: { trail: 0 } });
    const m = p.compute([
      { lat: 0, lon: 0 },
      { lat: 0, lon: 0.01, access: 'trail' },
    ]);
    const d = haversineMetres({ lat: 0, lon: 0 }, { lat: 0, lon: 0.01 }) * 2;
    expect(m.durations[1]).toBeCloseTo(d / (2 / 3.6), 6);
  });
});

describe('OsrmMatrixProvider (local HTTP server)', () => {
  let server: Server;
  let base = '';
  let mode: 'ok' | 'error' | 'slow' | 'null' = 'ok';
  let requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      requests.push(req.url ?? '');
      const m = /^\/table\/v1\/([^/]+)\/([^?]+)/.exec(req.url ?? '');
      const n = m ? m[2].split(';').length : 0;
      if (mode === 'error') {
        res.writeHead(500).end('boom');
        return;
      }
      if (mode === 'slow') {
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 500);
        return;
      }
      const rows = (f: (i: number, j: number) => number | null): (number | null)[][] =>
        Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => f(i, j)));
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          code: 'Ok',
          durations: rows((i, j) => (mode === 'null' && i === 0 && j === 1 ? null : 100 * Math.abs(i - j))),
          distances: rows((i, j) => 1000 * Math.abs(i - j)),
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    requests = [];
    mode = 'ok';
  });

  const pts: GeoPoint[] = [
    { lat: -12.05, lon: -77.04 },
    { lat: -12.06, lon: -77.03 },
    { lat: -12.07, lon: -77.02 },
  ];

  it('fetches /table with durations and distances', async () => {
    const warn = jest.fn();
    const p = new OsrmMatrixProvider({ baseUrl: `${base}/`, logger: { warn } });
    const m = await p.getMatrix(pts);
    expect(m.source).toBe('osrm');
    expect(Array.from(m.durations)).toEqual([0, 100, 200, 100, 0, 100, 200, 100, 0]);
    expect(m.distances[2]).toBe(2000);
    expect(requests[0]).toBe(
      '/table/v1/driving/-77.040000,-12.050000;-77.030000,-12.060000;-77.020000,-12.070000?annotations=duration,distance',
    );
    expect(warn).not.toHaveBeenCalled();
  });

  it('maps unroutable pairs (null) to Infinity', async () => {
    mode = 'null';
    const m = await new OsrmMatrixProvider({ baseUrl: base }).getMatrix(pts);
    expect(m.durations[1]).toBe(Infinity);
  });

  it('falls back to the great-circle model with a warning on HTTP errors', async () => {
    mode = 'error';
    const warn = jest.fn();
    const m = await new OsrmMatrixProvider({ baseUrl: base, logger: { warn } }).getMatrix(pts);
    expect(m.source).toBe('great-circle');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('HTTP 500'));
  });

  it('falls back on timeout', async () => {
    mode = 'slow';
    const warn = jest.fn();
    const t0 = Date.now();
    const m = await new OsrmMatrixProvider({ baseUrl: base, timeoutMs: 100, logger: { warn } }).getMatrix(pts);
    expect(m.source).toBe('great-circle');
    expect(Date.now() - t0).toBeLessThan(450);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('falls back when the server is unreachable', async () => {
    const warn = jest.fn();
    const m = await new OsrmMatrixProvider({ baseUrl: 'http://127.0.0.1:1', logger: { warn } }).getMatrix(pts);
    expect(m.source).toBe('great-circle');
    expect(warn).toHaveBeenCalled();
  });

  it('is cached by CachedMatrixProvider', async () => {
    const cached = new CachedMatrixProvider(new OsrmMatrixProvider({ baseUrl: base }), 2);
    await cached.getMatrix(pts);
    await cached.getMatrix(pts);
    expect(requests).toHaveLength(1);
    await cached.getMatrix(pts.slice(0, 2));
    await cached.getMatrix(pts.slice(1));
    expect(cached.size).toBe(2);
    await cached.getMatrix(pts); // evicted (LRU, max 2)
    expect(requests).toHaveLength(4);
  });
});

describe('CachedMatrixProvider', () => {
  it('does not cache failures', async () => {
    let calls = 0;
    const flaky: MatrixProvider = {
      getMatrix: (): Promise<MatrixResult> => {
        calls++;
        return calls === 1 ? Promise.reject(new Error('nope')) : new GreatCircleMatrixProvider().getMatrix([lima]);
      },
    };
    const c = new CachedMatrixProvider(flaky);
    await expect(c.getMatrix([lima])).rejects.toThrow('nope');
    await expect(c.getMatrix([lima])).resolves.toMatchObject({ size: 1 });
    expect(calls).toBe(2);
  });
});
