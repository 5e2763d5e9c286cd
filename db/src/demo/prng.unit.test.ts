import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: string | number) => {
      const r = createRng(seed);
      return [r.next(), r.int(1, 6), r.pick(['a', 'b', 'c']), r.uuid()];
    };
    expect(draw('dehua')).toEqual(draw('dehua'));
    expect(draw(42)).toEqual(draw('42'));
    expect(draw('dehua')).not.toEqual(draw('dehua-2'));
  });

  it('keeps values in range and makes valid v4 UUIDs', () => {
    const r = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      const f = r.next();
      expect(f >= 0 && f < 1).toBe(true);
    }
    const ids = new Set(Array.from({ length: 1000 }, () => r.uuid()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('forks independent, stable streams', () => {
    const a = createRng('s');
    a.next();
    a.next();
    expect(a.fork('x').next()).toBe(createRng('s').fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });

  it('picks by weight', () => {
    const r = createRng('w');
    let heavy = 0;
    for (let i = 0; i < 5000; i++) if (r.weighted([['h', 9], ['l', 1]] as const) === 'h') heavy++;
    expect(heavy / 5000).toBeGreaterThan(0.85);
    expect(heavy / 5000).toBeLessThan(0.95);
  });
});
