import { storage } from '#imports';
import { DEFAULT_OPTIONS, type Options, parseOptions } from './options';

/** The reader's options, in the extension's local storage (never synced anywhere). Read through parseOptions. */
export const optionsItem = storage.defineItem<unknown>('local:options');

/** The stored options, repaired: missing or corrupt values read as their defaults. */
export async function loadOptions(): Promise<Options> {
  try {
    return parseOptions(await optionsItem.getValue());
  } catch {
    return { ...DEFAULT_OPTIONS };
  }
}

export async function saveOptions(options: Options): Promise<void> {
  await optionsItem.setValue(parseOptions(options));
}

/** Calls `onChange` with the repaired options whenever they change. Returns the function that stops watching. */
export function watchOptions(onChange: (options: Options) => void): () => void {
  return optionsItem.watch((value) => onChange(parseOptions(value)));
}
