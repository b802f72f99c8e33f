import { describe, expect, it } from 'vitest';
import { parseConsoleTab, withConsoleTab } from './console-tab';

describe('console tabs', () => {
  it('reads the tab from the address, defaulting to the wall', () => {
    expect(parseConsoleTab('?view=console&tab=duty')).toBe('duty');
    expect(parseConsoleTab('?view=console&tab=plans')).toBe('plans');
    expect(parseConsoleTab('?view=console&tab=nope')).toBe('wall');
    expect(parseConsoleTab('')).toBe('wall');
  });

  it('writes the tab into the address, keeping the other parameters', () => {
    expect(withConsoleTab('?view=console', 'duty')).toBe('?view=console&tab=duty');
    expect(withConsoleTab('?view=console&tab=duty', 'wall')).toBe('?view=console');
    expect(withConsoleTab('', 'wall')).toBe('');
  });
});
