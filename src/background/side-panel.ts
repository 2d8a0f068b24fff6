import { browser } from '#imports';

/**
 * Opens Backstory's side panel (Chrome) or sidebar (Firefox) in `windowId`. Must be called straight from a user
 * action (a click, a keyboard command): both browsers refuse it otherwise, so nothing may be awaited before.
 */
export function openSidePanel(windowId: number): Promise<void> {
  // Firefox's sidebarAction is not in WXT's (Chrome-shaped) browser types.
  if (import.meta.env.FIREFOX) return (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open();
  return browser.sidePanel.open({ windowId });
}

/**
 * Chrome's "toggle the side panel" command: Chrome has no toggle, so the background keeps which windows show the
 * panel (from the side panel's own opened/closed events) and opens or closes it. Firefox toggles its sidebar with
 * the built-in `_execute_sidebar_action` command, so this is Chrome only. Returns the command handler.
 */
export function createSidePanelToggle(sidePanel: Pick<typeof browser.sidePanel, 'open' | 'close' | 'onOpened' | 'onClosed'>) {
  const openIn = new Set<number>();
  sidePanel.onOpened?.addListener(({ windowId }) => openIn.add(windowId));
  sidePanel.onClosed?.addListener(({ windowId }) => openIn.delete(windowId));
  return (windowId: number): Promise<void> => {
    if (openIn.has(windowId) && sidePanel.close) {
      openIn.delete(windowId);
      return sidePanel.close({ windowId });
    }
    return sidePanel.open({ windowId });
  };
}

/** The command that toggles the side panel in Chrome (see wxt.config.ts `commands`). */
export const TOGGLE_SIDE_PANEL_COMMAND = 'toggle-side-panel';
