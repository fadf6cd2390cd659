// The map view's pure rules (web/src/views/map/mapModel.ts): jurisdiction, outlines, drill-down trail,
// the region shading from the statistics' groups, the radius preview of an emergency task.
import { describe, expect, test } from 'vitest'
import {
  canDrill, countsByFeature, distanceKm, geoSource, jurisdictionOf, narrow, narrowScopeName, parentRegion, pickFeature, radiusPreview,
  REGION, regionLevel, regionTrail, SUBJECTS,
} from '@/views/map/mapModel'
import type { GeoCollection } from '@/api/map'

describe('the region the map opens on', () => {
  test('省厅 → the province, 市局 → the city, 分局 → the county, 派出所 (a town code) → its county', () => {
    expect(jurisdictionOf('610000')).toBe('610000')
    expect(jurisdictionOf('610400')).toBe('610400')
    expect(jurisdictionOf('610404')).toBe('610404')
    expect(jurisdictionOf('610404003000')).toBe('610404')
  })
  test('an org without a region sees the province', () => {
    expect(jurisdictionOf(null)).toBe('610000')
    expect(jurisdictionOf('')).toBe('610000')
  })
  test('levels and parents', () => {
    expect(regionLevel('610000')).toBe('province')
    expect(regionLevel('610400')).toBe('city')
    expect(regionLevel('610404')).toBe('county')
    expect(parentRegion('610404')).toBe('610400')
    expect(parentRegion('610400')).toBe('610000')
    expect(parentRegion('610000')).toBeNull()
    expect(canDrill('610400')).toBe(true)
    expect(canDrill('610404')).toBe(false)
  })
})

describe('outlines and the breadcrumb', () => {
  test('a county is drawn from its city\'s map, the province and cities from their own', () => {
    expect(geoSource('610000')).toEqual({ fetch: '610000' })
    expect(geoSource('610400')).toEqual({ fetch: '610400' })
    expect(geoSource('610404')).toEqual({ fetch: '610400', only: '610404' })
  })
  test('pickFeature keeps the county alone', () => {
    const geo: GeoCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { adcode: 610402, name: '秦都区' }, geometry: null },
        { type: 'Feature', properties: { adcode: '610404', name: '渭城区' }, geometry: null },
      ],
    }
    expect(pickFeature(geo, '610404').features.map((f) => f.properties.name)).toEqual(['渭城区'])
    expect(pickFeature(geo).features).toHaveLength(2)
  })
  test('the trail runs from the jurisdiction down, never above it', () => {
    expect(regionTrail('610000', '610404')).toEqual(['610000', '610400', '610404'])
    expect(regionTrail('610400', '610404')).toEqual(['610400', '610404'])
    expect(regionTrail('610404', '610404')).toEqual(['610404'])
    expect(regionTrail('610404', '610000')).toEqual(['610404'])
  })
})

describe('the shading agrees with the figures', () => {
  const cities = ['610100', '610400']
  test('groups by city, county or town count towards the region drawn', () => {
    expect(countsByFeature([{ key: '610400', label: '咸阳市', count: 7 }, { key: '610100', label: '西安市', count: 2 }], cities))
      .toEqual({ '610100': 2, '610400': 7 })
    expect(countsByFeature([{ key: '610402', label: '秦都区', count: 3 }, { key: '610404', label: '渭城区', count: 4 }], cities))
      .toEqual({ '610100': 0, '610400': 7 })
    expect(countsByFeature([{ key: '610404003000', label: '某街道', count: 5 }], ['610402', '610404']))
      .toEqual({ '610402': 0, '610404': 5 })
  })
  test('a group outside the regions drawn counts nowhere', () => {
    expect(countsByFeature([{ key: '620100', label: '兰州市', count: 9 }], cities)).toEqual({ '610100': 0, '610400': 0 })
  })
  test('a click adds the group\'s filter', () => {
    const gender = SUBJECTS.guards.dimensions.find((d) => d.groupBy === 'gender')!
    expect(narrow({ employed: 'true' }, gender, '2')).toEqual({ employed: 'true', gender: '2' })
    expect(narrow({}, REGION, '610404')).toEqual({ regionCode: '610404' })
  })
})

describe('emergency task radius', () => {
  test('distance: 咸阳 to 西安 is about 22 km', () => {
    const d = distanceKm([108.7093, 34.3296], [108.9398, 34.3416])
    expect(d).toBeGreaterThan(20)
    expect(d).toBeLessThan(23)
    expect(distanceKm([108.7, 34.3], [108.7, 34.3])).toBe(0)
  })
  test('the preview counts the companies within the radius and their guards', () => {
    const at: [number, number] = [108.7, 34.33]
    const companies = [
      { id: 1, lng: 108.71, lat: 34.33, guardCount: 12 }, // ~0.9 km
      { id: 2, lng: 108.76, lat: 34.33, guardCount: 5 }, // ~5.5 km
      { id: 3, lng: null, lat: null, guardCount: 50 }, // no place
    ]
    expect(radiusPreview(companies, at, 5)).toEqual({ companies: 1, guards: 12 })
    expect(radiusPreview(companies, at, 6)).toEqual({ companies: 2, guards: 17 })
  })
})

describe('narrowScopeName', () => {
  test('names a 派出所\'s own 辖区 (it sees only its station\'s guards, not its county\'s)', () => {
    expect(narrowScopeName({ name: '渭城护城河派出所', type: 'police_station', regionCode: '610404003000' })).toBe('渭城护城河派出所辖区')
    expect(narrowScopeName({ name: '某派出所', regionCode: '610404003000' })).toBe('某派出所辖区')
    expect(narrowScopeName({ type: 'police_station', regionCode: '610404' })).toBe('本辖区')
  })
  test('is null when the region drawn is the user\'s scope', () => {
    expect(narrowScopeName({ name: '渭城分局', type: 'county_bureau', regionCode: '610404' })).toBeNull()
    expect(narrowScopeName({ name: '咸阳市公安局', type: 'city_bureau', regionCode: '610400' })).toBeNull()
    expect(narrowScopeName({ name: '某分局', regionCode: '610404000000' })).toBeNull()
    expect(narrowScopeName(null)).toBeNull()
  })
})
