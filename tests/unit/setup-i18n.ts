import { switchLocale } from './helpers/locale-messages';

// Every unit test reads the English messages unless it switches language itself.
await switchLocale('en');
