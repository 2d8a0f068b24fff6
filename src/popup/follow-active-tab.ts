import type { Browser } from '#imports';

/**
 * Calls `onChange` whenever the active tab of this page's window changes or navigates (a new address, or a load
 * finishing), batching bursts into one call per animation frame. For the side panel, which stays open beside
 * the page. Returns the function that stops following.
 */
export function followActiveTab(
  tabs: Pick<typeof Browser.tabs, 'onActivated' | 'onUpdated'>,
  windows: Pick<typeof Browser.windows, 'getCurrent'>,
  onChange: () => void,
): () => void {
  const windowId = windows.getCurrent().then((current) => current.id);
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      onChange();
    });
  };
  const activated = (info: { windowId: number }) => void windowId.then((id) => id === info.windowId && schedule());
  const updated = (_tabId: number, change: { url?: string; status?: string }, tab: { active: boolean; windowId: number }) => {
    if (!tab.active || (change.url === undefined && change.status !== 'complete')) return;
    void windowId.then((id) => id === tab.windowId && schedule());
  };
  tabs.onActivated.addListener(activated);
  tabs.onUpdated.addListener(updated);
  return () => {
    tabs.onActivated.removeListener(activated);
    tabs.onUpdated.removeListener(updated);
  };
}
