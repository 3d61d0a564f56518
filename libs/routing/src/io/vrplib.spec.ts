import { solve } from '../solver';
import { validateSolution } from '../validate';
import { benchmarkToProblem, formatSolution, parseBenchmark } from './vrplib';

const cvrp = `NAME : \tA-n5-k2\t\r
COMMENT : test\r
TYPE : CVRP\r
DIMENSION : 5\r
EDGE_WEIGHT_TYPE : EUC_2D\r
CAPACITY : 10\r
NODE_COORD_SECTION\r
1\t0\t0\r
2\t0\t10\r
3\t0\t11\r
4\t10\t0\r
5\t11\t0\r
DEMAND_SECTION\r
1 0\r
2 5\r
3 5\r
4 5\r
5 5\r
DEPOT_SECTION\r
1\r
-1\r
EOF\r
`;

const solomon = `T1

VEHICLE
NUMBER     CAPACITY
  2         20

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0      0          0          0          0       1000          0
    1      0         10         10        100        200         10
    2      0         20         10          0        300         10
    3      10         0         10          0         50         10
`;

describe('VRPLIB / Solomon I/O', () => {
  it('parses CVRPLIB (tabs, CRLF), solves and prints CVRPLIB solution format', () => {
    const inst = parseBenchmark(cvrp);
    expect(inst.name).toBe('A-n5-k2');
    expect(inst.vehicles).toBe(2);
    const problem = benchmarkToProblem(inst);
    expect(problem.jobs.map((j) => j.id)).toEqual(['1', '2', '3', '4']);
    const sol = solve(problem, { maxIterations: 200 });
    expect(validateSolution(problem, sol)).toEqual([]);
    const text = formatSolution(sol);
    expect(text).toMatch(/^Route #1: (1 2|2 1|3 4|4 3)\nRoute #2: (1 2|2 1|3 4|4 3)\nCost 44\n$/);
  });

  it('parses Solomon files with time windows', () => {
    const inst = parseBenchmark(solomon);
    expect(inst.format).toBe('solomon');
    expect(inst.vehicles).toBe(2);
    const problem = benchmarkToProblem(inst);
    expect(problem.jobs[0].timeWindows).toEqual([{ start: 100, end: 200 }]);
    expect(problem.vehicles[0].timeWindow).toEqual({ start: 0, end: 1000 });
    const sol = solve(problem, { maxIterations: 200 });
    expect(validateSolution(problem, sol)).toEqual([]);
    expect(sol.unassigned).toEqual([]);
  });
});
