/**
 * Keyboard layout editing for dashboard widgets: arrow keys move a widget one grid cell,
 * Shift+arrows resize it. Pure: returns the new position, clamped to the grid, or null
 * for keys it does not handle.
 */
export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function keyToPosition(key: string, shift: boolean, pos: GridPos, cols: number, minW = 2, minH = 2): GridPos | null {
  const p = { ...pos };
  if (shift) {
    if (key === 'ArrowRight') p.w = Math.min(cols - p.x, p.w + 1);
    else if (key === 'ArrowLeft') p.w = Math.max(minW, p.w - 1);
    else if (key === 'ArrowDown') p.h = Math.min(40, p.h + 1);
    else if (key === 'ArrowUp') p.h = Math.max(minH, p.h - 1);
    else return null;
  } else {
    if (key === 'ArrowRight') p.x = Math.min(cols - p.w, p.x + 1);
    else if (key === 'ArrowLeft') p.x = Math.max(0, p.x - 1);
    else if (key === 'ArrowDown') p.y = p.y + 1;
    else if (key === 'ArrowUp') p.y = Math.max(0, p.y - 1);
    else return null;
  }
  return p;
}

export function describePosition(label: string, p: GridPos): string {
  return `${label}: column ${p.x + 1}, row ${p.y + 1}, ${p.w} wide, ${p.h} high`;
}
