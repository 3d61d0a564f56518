import { communitiesSql, placesSql, PLACE_CLUSTER_MAX_ZOOM } from './geo.sql';
import { parseBbox } from './geo.service';

describe('map SQL', () => {
  const bbox = { minLon: -72.5, minLat: -15, maxLon: -70, maxLat: -13 };

  it('reads the pre-built cluster grid up to the cluster zoom and single places beyond it', () => {
    expect(placesSql(bbox, PLACE_CLUSTER_MAX_ZOOM, {}).text).toContain('populated_place_clusters');
    expect(placesSql(bbox, PLACE_CLUSTER_MAX_ZOOM + 1, {}).text).toContain('FROM populated_places');
  });

  it('converts the box to grid cells of 90 / 2^zoom degrees', () => {
    expect(placesSql(bbox, 5, {}).values).toEqual([
      5,
      Math.floor(-72.5 / 2.8125),
      Math.floor(-70 / 2.8125),
      Math.floor(-15 / 2.8125),
      Math.floor(-13 / 2.8125),
    ]);
  });

  it('binds every filter as a parameter', () => {
    const sql = communitiesSql(bbox, 12, { department: '08', needStatus: 'submitted', minUrgency: 4 });
    expect(sql.values).toEqual([-72.5, -15, -70, -13, '08%', 'submitted', 4]);
    expect(sql.text).not.toContain("'08");
  });

  it('refuses malformed boxes', () => {
    expect(() => parseBbox('-70,-10,-80,-5')).toThrow();
    expect(() => parseBbox('-200,-10,-80,-5')).toThrow();
    expect(parseBbox('-72.5,-15,-70,-13')).toEqual(bbox);
  });
});
