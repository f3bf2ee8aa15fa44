import { describe, expect, it } from 'vitest';
import { NodeRotation } from './node-rotation';

describe('NodeRotation', () => {
  it('starts at the first URL and goes round the list', () => {
    const r = new NodeRotation();
    r.reset(['ws://a:1/ws', ' ws://b:2/ws ', '', 'ws://c:3/ws']);
    expect(r.size).toBe(3);
    expect(r.current).toBe('ws://a:1/ws');
    expect(r.next()).toBe('ws://b:2/ws');
    expect(r.next()).toBe('ws://c:3/ws');
    expect(r.next()).toBe('ws://a:1/ws');
  });
  it('with one URL always tries that one', () => {
    const r = new NodeRotation();
    r.reset(['ws://only:1']);
    expect(r.next()).toBe('ws://only:1');
    expect(r.current).toBe('ws://only:1');
  });
  it('a new request starts over at its first URL', () => {
    const r = new NodeRotation();
    r.reset(['ws://a:1', 'ws://b:2']);
    r.next();
    r.reset(['ws://a:1', 'ws://b:2']);
    expect(r.current).toBe('ws://a:1');
  });
});
