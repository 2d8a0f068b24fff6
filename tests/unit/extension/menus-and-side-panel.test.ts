import { describe, expect, it, vi } from 'vitest';
import { createMenus, searchPageForMenuClick } from '../../../src/background/context-menus';
import { createSidePanelToggle } from '../../../src/background/side-panel';

describe('the context menus', () => {
  it('add "Search Backstory" to the toolbar button and "Look up in Backstory" to links, anew each time', async () => {
    const calls: unknown[] = [];
    const menus = { removeAll: vi.fn(async () => void calls.push('removeAll')), create: vi.fn((item: unknown) => void calls.push(item)) };
    await createMenus(menus as never);
    expect(calls).toEqual([
      'removeAll',
      { id: 'backstory-search', title: 'Search Backstory', contexts: ['action'] },
      { id: 'backstory-look-up-link', title: 'Look up in Backstory', contexts: ['link'] },
    ]);
  });

  it.each([
    ['backstory-search', undefined, '/search.html'],
    ['backstory-look-up-link', 'https://news.example.com/a?b=1&c', '/search.html?url=https%3A%2F%2Fnews.example.com%2Fa%3Fb%3D1%26c'],
    ['backstory-look-up-link', undefined, null],
    ['someone-elses-item', 'https://news.example.com/a', null],
  ])('%s on %j opens %j', (item, link, page) => {
    expect(searchPageForMenuClick(item, link)).toBe(page);
  });
});

describe("Chrome's side panel shortcut", () => {
  it('opens the panel in the window, and closes it when it is open there', async () => {
    const listeners: Record<string, (info: { windowId: number }) => void> = {};
    const sidePanel = {
      open: vi.fn(async () => {}),
      close: vi.fn(async () => {}),
      onOpened: { addListener: (listener: (info: { windowId: number }) => void) => (listeners.opened = listener) },
      onClosed: { addListener: (listener: (info: { windowId: number }) => void) => (listeners.closed = listener) },
    };
    const toggle = createSidePanelToggle(sidePanel as never);
    await toggle(7);
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 7 });
    listeners.opened({ windowId: 7 });
    await toggle(7);
    expect(sidePanel.close).toHaveBeenCalledWith({ windowId: 7 });
    listeners.closed({ windowId: 7 });
    await toggle(8);
    expect(sidePanel.open).toHaveBeenLastCalledWith({ windowId: 8 });
  });
});
