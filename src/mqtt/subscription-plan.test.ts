import { describe, expect, test } from 'vitest';
import { grantedList, planSubscriptions } from './subscription-plan';

describe('planSubscriptions', () => {
  test('no session: subscribe every filter once', () => {
    expect(planSubscriptions(['a/#', 'b/#', 'a/#'], false, [{ filter: 'x', code: 1 }])).toEqual({
      subscribe: ['a/#', 'b/#'],
      unsubscribe: [],
      kept: [],
    });
  });

  test('session present: add what is missing, remove what the profile dropped, keep the rest', () => {
    const known = [
      { filter: 'a/#', code: 2 },
      { filter: 'c/#', code: 1 },
      { filter: 'home/lamp', code: 2 },
    ];
    expect(planSubscriptions(['b/#', 'c/#'], true, known)).toEqual({
      subscribe: ['b/#'],
      unsubscribe: ['a/#', 'home/lamp'],
      kept: [{ filter: 'c/#', code: 1 }],
    });
  });

  test('session present and nothing changed: nothing is sent', () => {
    expect(planSubscriptions(['#'], true, [{ filter: '#', code: 2 }])).toEqual({ subscribe: [], unsubscribe: [], kept: [{ filter: '#', code: 2 }] });
  });

  test('refused filters were never held by the session', () => {
    expect(planSubscriptions(['#'], true, [{ filter: '#', code: 135 }]).subscribe).toEqual(['#']);
  });

  test('session present but unknown contents: subscribe everything again', () => {
    expect(planSubscriptions(['a/#'], true, undefined)).toEqual({ subscribe: ['a/#'], unsubscribe: [], kept: [] });
  });
});

test('grantedList follows the profile order, fresh answers win over kept ones', () => {
  expect(
    grantedList(['b/#', 'c/#', 'd/#'], [{ filter: 'c/#', code: 1 }], [
      { filter: 'd/#', code: 135 },
      { filter: 'b/#', code: 2 },
    ]),
  ).toEqual([
    { filter: 'b/#', code: 2 },
    { filter: 'c/#', code: 1 },
    { filter: 'd/#', code: 135 },
  ]);
});
