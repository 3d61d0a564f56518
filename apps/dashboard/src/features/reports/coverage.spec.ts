import { describe, expect, it } from '@jest/globals';
import type { CoverageRow } from './api/reports-api';
import { byDistrict, byProvince, coverageClass, coverageRatio, mostNeedyFirst } from './coverage';

const row = (over: Partial<CoverageRow>): CoverageRow => ({
  districtUbigeo: '080205',
  districtPcode: 'PE080205',
  districtName: 'Pomacanchi',
  provinceName: 'Acomayo',
  departmentName: 'Cusco',
  category: 'hygiene',
  kitsConfirmed: 0,
  householdsReached: 0,
  openNeeds: 0,
  openNeedHouseholds: 0,
  ...over,
});

describe('coverage classes and aggregation', () => {
  it('sums the categories of a district and keeps the ratio in households reached per open need', () => {
    const [d] = byDistrict([
      row({ category: 'hygiene', kitsConfirmed: 10, householdsReached: 20, openNeeds: 1, openNeedHouseholds: 30 }),
      row({ category: 'food', kitsConfirmed: 5, householdsReached: 10, openNeeds: 2, openNeedHouseholds: 60 }),
      row({ category: 'shelter' }),
    ]);
    expect(d).toMatchObject({
      kitsConfirmed: 15,
      householdsReached: 30,
      openNeeds: 3,
      openNeedHouseholds: 90,
      categories: ['hygiene', 'food'],
    });
    expect(coverageRatio(d)).toBe(10);
    expect(coverageClass(d)).toBe('medium');
  });

  it('groups districts into their province by the first four UBIGEO digits', () => {
    const provinces = byProvince([
      row({ districtUbigeo: '080201', districtPcode: 'PE080201', householdsReached: 40, openNeeds: 1 }),
      row({ districtUbigeo: '080205', householdsReached: 0, openNeeds: 3 }),
      row({ districtUbigeo: '010101', districtPcode: 'PE010101', provinceName: 'Chachapoyas', openNeeds: 1 }),
    ]);
    expect(provinces.map((p) => [p.ubigeo, p.pcode, p.householdsReached, p.openNeeds])).toEqual([
      ['0802', 'PE0802', 40, 4],
      ['0101', 'PE0101', 0, 1],
    ]);
  });

  it('classes open needs with no reach as unmet, reach without open needs apart, and nothing as not drawn', () => {
    expect(coverageClass({ householdsReached: 0, openNeeds: 2 })).toBe('unmet');
    expect(coverageClass({ householdsReached: 9, openNeeds: 1 })).toBe('low');
    expect(coverageClass({ householdsReached: 50, openNeeds: 1 })).toBe('high');
    expect(coverageClass({ householdsReached: 12, openNeeds: 0 })).toBe('noNeeds');
    expect(coverageClass({ householdsReached: 0, openNeeds: 0 })).toBeNull();
    expect(coverageRatio({ householdsReached: 12, openNeeds: 0 })).toBeNull();
  });

  it('lists the worst-covered districts first', () => {
    const order = mostNeedyFirst(
      byDistrict([
        row({ districtUbigeo: '000001', districtName: 'Servido', householdsReached: 80, openNeeds: 0 }),
        row({ districtUbigeo: '000002', districtName: 'Poco', householdsReached: 4, openNeeds: 2 }),
        row({ districtUbigeo: '000003', districtName: 'Olvidado', householdsReached: 0, openNeeds: 5 }),
        row({ districtUbigeo: '000004', districtName: 'Muy poco', householdsReached: 1, openNeeds: 2 }),
      ]),
    ).map((d) => d.name);
    expect(order).toEqual(['Olvidado', 'Muy poco', 'Poco', 'Servido']);
  });
});
