import { render } from 'preact';
import { loadPopupData } from '../../src/popup/popup-data';
import { App, LoadFailed, POPUP_RENDERED_MARK } from './App';

// Loading starts as soon as the script runs (not after a first paint), and the popup renders once, with its data.
const root = document.getElementById('app')!;
loadPopupData()
  .then(
    (data) => render(<App data={data} />, root),
    (error) => {
      console.error('Backstory: could not load the popup', error);
      render(<LoadFailed />, root);
    },
  )
  .finally(() => performance.mark(POPUP_RENDERED_MARK));
