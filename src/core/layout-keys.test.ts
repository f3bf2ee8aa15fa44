import { describe, expect, it } from 'vitest';
import { describePosition, keyToPosition } from './layout-keys';

const pos = { x: 2, y: 1, w: 4, h: 2 };

describe('keyToPosition', () => {
  it.each([
    ['ArrowRight', false, { x: 3, y: 1, w: 4, h: 2 }],
    ['ArrowLeft', false, { x: 1, y: 1, w: 4, h: 2 }],
    ['ArrowDown', false, { x: 2, y: 2, w: 4, h: 2 }],
    ['ArrowUp', false, { x: 2, y: 0, w: 4, h: 2 }],
    ['ArrowRight', true, { x: 2, y: 1, w: 5, h: 2 }],
    ['ArrowLeft', true, { x: 2, y: 1, w: 3, h: 2 }],
    ['ArrowDown', true, { x: 2, y: 1, w: 4, h: 3 }],
  ] as const)('%s (shift %s)', (key, shift, expected) => {
    expect(keyToPosition(key, shift, pos, 12)).toEqual(expected);
  });

  it('stays inside the grid and above the minimum size', () => {
    expect(keyToPosition('ArrowRight', false, { x: 8, y: 0, w: 4, h: 2 }, 12)?.x).toBe(8);
    expect(keyToPosition('ArrowLeft', false, { x: 0, y: 0, w: 4, h: 2 }, 12)?.x).toBe(0);
    expect(keyToPosition('ArrowUp', false, { x: 0, y: 0, w: 4, h: 2 }, 12)?.y).toBe(0);
    expect(keyToPosition('ArrowRight', true, { x: 8, y: 0, w: 4, h: 2 }, 12)?.w).toBe(4);
    expect(keyToPosition('ArrowUp', true, { x: 0, y: 0, w: 4, h: 2 }, 12)?.h).toBe(2);
  });

  it('ignores other keys and says where a widget is', () => {
    expect(keyToPosition('Enter', false, pos, 12)).toBeNull();
    expect(describePosition('Lamp', pos)).toBe('Lamp: column 3, row 2, 4 wide, 2 high');
  });
});
