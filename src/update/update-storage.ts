import { storage } from '#imports';
import { EMPTY_UPDATE_STATUS, parseUpdateStatus, type UpdateStatus } from './update-status';

/** What the last update check found (update-status.ts), in local storage, for the options page. Read repaired. */
const updateStatusItem = storage.defineItem<unknown>('local:update-status');

export async function loadUpdateStatus(): Promise<UpdateStatus> {
  try {
    return parseUpdateStatus(await updateStatusItem.getValue());
  } catch {
    return { ...EMPTY_UPDATE_STATUS };
  }
}

export async function saveUpdateStatus(status: UpdateStatus): Promise<void> {
  await updateStatusItem.setValue(parseUpdateStatus(status));
}

/** Calls `onChange` with the repaired status whenever it changes. Returns the function that stops watching. */
export function watchUpdateStatus(onChange: (status: UpdateStatus) => void): () => void {
  return updateStatusItem.watch((value) => onChange(parseUpdateStatus(value)));
}
