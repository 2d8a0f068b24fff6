import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UpdatesOption, type UpdatesOptionDeps } from '../../../src/ui/UpdatesOption';
import { EMPTY_UPDATE_STATUS, type UpdateStatus } from '../../../src/update/update-status';
import { switchLocale } from '../helpers/locale-messages';

function renderOption(hostAccess?: UpdatesOptionDeps['hostAccess'], enabled = false) {
  const onChange = vi.fn();
  render(
    <UpdatesOption
      host="editors.example"
      enabled={enabled}
      onChange={onChange}
      loadStatus={async () => EMPTY_UPDATE_STATUS}
      watchStatus={() => () => {}}
      loadDataInUse={async () => ({ articles: 5, newestPublished: null })}
      checkNow={async () => {}}
      hostAccess={hostAccess}
    />,
  );
  return { onChange, box: screen.getByRole<HTMLInputElement>('checkbox') };
}

describe('UpdatesOption', () => {
  afterEach(cleanup);

  it('without host access to ask for (Chrome): turns on at once and says what the host sees', () => {
    const { onChange, box } = renderOption();
    expect(document.querySelector('.hint')?.textContent).toMatch(/sees your IP address and that you use Backstory, never which pages you read\.$/);
    fireEvent.click(box);
    expect(onChange).toHaveBeenCalledWith(true);
  });

  it('with host access to ask for (Firefox): asks from the click, and turns on only once granted', async () => {
    const access = { request: vi.fn(async () => true), release: vi.fn(async () => true) };
    const { onChange, box } = renderOption(access);
    expect(document.querySelector('.hint')?.textContent).toMatch(/Turning it on asks for access to editors\.example/);
    fireEvent.click(box);
    expect(access.request).toHaveBeenCalledTimes(1); // in the click's own task, before anything is awaited
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(true));
  });

  it('refused: the option stays off and the page says why', async () => {
    const access = { request: vi.fn(async () => false), release: vi.fn(async () => true) };
    const { onChange, box } = renderOption(access);
    fireEvent.click(box);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Without access to editors.example the option stays off.');
    expect(onChange).not.toHaveBeenCalled();
    expect(box.checked).toBe(false);
  });

  it('turned off: gives the access back', () => {
    const access = { request: vi.fn(async () => true), release: vi.fn(async () => true) };
    const { onChange, box } = renderOption(access, true);
    fireEvent.click(box);
    expect(onChange).toHaveBeenCalledWith(false);
    expect(access.release).toHaveBeenCalledTimes(1);
    expect(access.request).not.toHaveBeenCalled();
  });
});

describe('UpdatesOption in German', () => {
  beforeAll(() => switchLocale('de'));
  afterAll(() => switchLocale('en'));
  afterEach(cleanup);

  const now = Date.parse('2026-12-01T12:00:00Z');
  const renderStatus = (status: UpdateStatus, hostAccess?: UpdatesOptionDeps['hostAccess']) =>
    render(
      <UpdatesOption
        host="editors.example"
        enabled
        onChange={() => {}}
        loadStatus={async () => status}
        watchStatus={() => () => {}}
        loadDataInUse={async () => ({ articles: 12_345, newestPublished: '2026-11-30T10:00:00Z' })}
        checkNow={async () => {}}
        hostAccess={hostAccess}
        now={() => now}
      />,
    );

  it('writes the status line, its numbers and its date in German', async () => {
    renderStatus({ checkedAt: now - 2 * 3600_000, running: false, failure: null });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Aktuell: 12.345 Artikel, der neueste vom 30.11.2026, geprüft vor 2 Stunden.');
    expect(screen.getByRole('checkbox').closest('label')?.querySelector('span')?.textContent).toBe('Artikel von editors.example aktuell halten');
    expect(screen.getByRole('button').textContent).toBe('Jetzt prüfen');
  });

  it('says why the last check failed, and what is still in use, in German', async () => {
    renderStatus({ checkedAt: now, running: false, failure: { reason: 'bad-signature', detail: '' } }, { request: async () => true, release: async () => true });
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Letzte Prüfung fehlgeschlagen: Die Signatur ließ sich nicht bestätigen; weiterhin gelten die Artikel vom 30.11.2026.',
    );
    expect(document.querySelector('.hint')?.textContent).toMatch(/^Standardmäßig aus\. .* Beim Einschalten bittet Backstory um Zugriff auf editors\.example:/);
  });
});
