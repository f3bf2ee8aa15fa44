import { expect, test } from 'vitest';
import { VersionedEmitter } from './emitter';

class Counter extends VersionedEmitter {
  value = 0;
  add(): void {
    this.value++;
    this.changed();
  }
  quietly(): number {
    return this.bump();
  }
  tell(): void {
    this.notify();
  }
}

test('every change grows the version and calls each listener once, until it unsubscribes', () => {
  const c = new Counter();
  const seen: number[] = [];
  const stop = c.subscribe(() => seen.push(c.getVersion()));
  c.add();
  c.add();
  stop();
  c.add();
  expect(seen).toEqual([1, 2]);
  expect(c.version).toBe(3);
});

test('bump stamps a version without telling; notify tells once', () => {
  const c = new Counter();
  let calls = 0;
  c.subscribe(() => calls++);
  expect(c.quietly()).toBe(1);
  expect(calls).toBe(0);
  c.tell();
  expect(calls).toBe(1);
});

test('a listener that throws does not keep the others from hearing; the error comes out after', () => {
  const c = new Counter();
  const heard: string[] = [];
  c.subscribe(() => {
    throw new Error('boom');
  });
  c.subscribe(() => heard.push('second'));
  expect(() => c.add()).toThrow('boom');
  expect(heard).toEqual(['second']);
});

test('a listener added or removed while listeners run does not change who hears this change', () => {
  const c = new Counter();
  const heard: string[] = [];
  const stopB = c.subscribe(() => {
    heard.push('a');
    stopB();
    c.subscribe(() => heard.push('late'));
  });
  c.add();
  expect(heard).toEqual(['a']);
});

test('a model hears when its first listener comes (to start work only once someone reads it)', () => {
  let starts = 0;
  class Lazy extends VersionedEmitter {
    protected override onFirstListener(): void {
      starts++;
    }
  }
  const m = new Lazy();
  const stop = m.subscribe(() => {});
  m.subscribe(() => {});
  expect(starts).toBe(1);
  stop();
  expect(starts).toBe(1);
});
