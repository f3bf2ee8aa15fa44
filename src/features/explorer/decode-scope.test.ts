import { describe, expect, it } from 'vitest';
import { scopeOptions } from './decode-scope';

describe('Apply to options', () => {
  it('the topic, its parent level as +, and its parent with #', () => {
    expect(scopeOptions('home/kitchen/climate')).toEqual(['home/kitchen/climate', 'home/+/climate', 'home/kitchen/#']);
    expect(scopeOptions('home/climate')).toEqual(['home/climate', '+/climate', 'home/#']);
    expect(scopeOptions('climate')).toEqual(['climate']);
  });

  it('no filter that would not match the topic ($ topics and a leading wildcard)', () => {
    expect(scopeOptions('$SYS/uptime')).toEqual(['$SYS/uptime', '$SYS/#']);
  });
});
