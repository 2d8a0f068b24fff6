import { runMarksContentScript } from '../src/marks/marks-content-script';
import { watchMarkedSites } from '../src/options/marked-sites-storage';

/**
 * Link marks. Not in the manifest: the background registers it at run time for exactly the sites the reader turned
 * marks on for (src/background/reconcile-marks.ts), and it reads nothing of the page but its links' hrefs.
 */
export default defineContentScript({
  registration: 'runtime',
  // WXT's "script started" window.postMessage would tell every page script on the page that Backstory runs.
  noScriptStartedPostMessage: true,
  main() {
    const bench = import.meta.env.MODE === 'e2e';
    if (bench) performance.mark('backstory-marks:start');
    runMarksContentScript({
      document,
      sendMessage: (message) => browser.runtime.sendMessage(message),
      watchSites: watchMarkedSites,
      pageUrl: () => location.href,
      global: globalThis,
      // The test build only: lets the benchmark see when every mark is drawn.
      onDrawn: bench ? ({ marks }) => performance.mark('backstory-marks:drawn', { detail: marks }) : undefined,
    });
  },
});
