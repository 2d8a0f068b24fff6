import { render } from 'preact';
import { OptionsForm } from '../../src/ui/OptionsForm';
import { loadOptions, saveOptions } from '../../src/options/options-storage';

render(<OptionsForm load={loadOptions} save={saveOptions} />, document.getElementById('app')!);
