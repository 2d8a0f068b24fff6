import type { Browser } from '#imports';

/** Events within this many milliseconds are one change. */
const BATCH_MS = 50;

/**
 * Calls `onChange` whenever the active tab of window `windowId` changes or navigates (a new address, or a load
 * finishing), batching bursts (a navigation fires several events) into one call. For the side panel, which stays open beside
 * the page. Returns the function that stops following.
 */
export function followActiveTab(
  tabs: Pick<typeof Browser.tabs, 'onActivated' | 'onUpdated'>,
  windowId: Promise<number | undefined>,
  onChange: () => void,
): () => void {
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    // A timer, not requestAnimationFrame: a side panel in a window without focus gets no frames.
    setTimeout(() => {
      pending = false;
      onChange();
    }, BATCH_MS);
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
