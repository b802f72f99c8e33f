import { describe, expect, it } from 'vitest';
import { CONSOLE_TABS, parseConsoleTab, withConsoleTab } from './console-tab';

describe('console tabs', () => {
  it('reads the tab from the address, defaulting to duty (值守)', () => {
    expect(parseConsoleTab('?view=console&tab=duty')).toBe('duty');
    expect(parseConsoleTab('?view=console&tab=plans')).toBe('plans');
    expect(parseConsoleTab('?view=console&tab=wall')).toBe('wall');
    expect(parseConsoleTab('?view=console&tab=warnings')).toBe('warnings');
    expect(parseConsoleTab('?view=console&tab=nope')).toBe('duty');
    expect(parseConsoleTab('')).toBe('duty');
  });

  it('writes the tab into the address, keeping the other parameters', () => {
    expect(withConsoleTab('?view=console', 'wall')).toBe('?view=console&tab=wall');
    expect(withConsoleTab('?view=console&tab=wall', 'duty')).toBe('?view=console');
    expect(withConsoleTab('?view=console', 'power')).toBe('?view=console&tab=power');
    expect(withConsoleTab('', 'duty')).toBe('');
  });

  it('puts the operational tabs first, the set-up of the wall and the system last', () => {
    expect(CONSOLE_TABS[0]).toBe('duty');
    expect(CONSOLE_TABS.indexOf('warnings')).toBeLessThan(CONSOLE_TABS.indexOf('wall'));
    expect(CONSOLE_TABS.indexOf('consult')).toBeLessThan(CONSOLE_TABS.indexOf('wall'));
    expect(CONSOLE_TABS.at(-1)).toBe('admin');
  });
});
