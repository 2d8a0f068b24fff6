import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadMarkedSites, saveMarkedSites } from '../../../src/options/marked-sites-storage';
import { MarkedSitesFieldset } from '../../../src/ui/MarkedSitesFieldset';
import { MarkLinksToggle } from '../../../src/ui/MarkLinksToggle';

function fakePermissions(answer = true) {
  return { request: vi.fn(async () => answer), remove: vi.fn(async () => true) };
}

afterEach(cleanup);
beforeEach(() => fakeBrowser.reset());

describe("the popup's switch", () => {
  it('offers marks for the tab’s site and asks for access to that one site from the click', async () => {
    const permissions = fakePermissions();
    render(<MarkLinksToggle tabUrl="https://news.example.com/today" deps={() => ({ permissions, loadSites: loadMarkedSites, saveSites: saveMarkedSites })} />);
    const box = await screen.findByRole<HTMLInputElement>('checkbox');
    expect(box.checked).toBe(false);
    expect(box.closest('label')!.textContent).toBe('Mark links on news.example.com');
    fireEvent.click(box);
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['*://*.news.example.com/*'] });
    await waitFor(async () => expect(await loadMarkedSites()).toEqual(['news.example.com']));
    await waitFor(() => expect(screen.getByRole<HTMLInputElement>('checkbox').checked).toBe(true));
    fireEvent.click(screen.getByRole('checkbox'));
    await waitFor(async () => expect(await loadMarkedSites()).toEqual([]));
    expect(permissions.remove).toHaveBeenCalledWith({ origins: ['*://*.news.example.com/*'] });
  });

  it('stays off, and says so, when access is refused', async () => {
    const permissions = fakePermissions(false);
    render(<MarkLinksToggle tabUrl="https://news.example.com/today" deps={() => ({ permissions, loadSites: loadMarkedSites, saveSites: saveMarkedSites })} />);
    fireEvent.click(await screen.findByRole('checkbox'));
    await screen.findByText('Access to the site was not given.');
    expect(screen.getByRole<HTMLInputElement>('checkbox').checked).toBe(false);
    expect(await loadMarkedSites()).toEqual([]);
  });

  it.each([['chrome://extensions'], ['about:blank'], [undefined]])('is not shown on %s', (tabUrl) => {
    const { container } = render(<MarkLinksToggle tabUrl={tabUrl} />);
    expect(container.textContent).toBe('');
  });
});

describe("the options page's list", () => {
  it('lists the sites, removes one, and adds a typed one after asking for access', async () => {
    await saveMarkedSites(['a.example', 'b.example']);
    const permissions = fakePermissions();
    render(<MarkedSitesFieldset deps={() => ({ permissions, loadSites: loadMarkedSites, saveSites: saveMarkedSites })} />);
    await screen.findByText('a.example');
    fireEvent.click(screen.getByRole('button', { name: 'Remove a.example' }));
    await waitFor(() => expect(screen.queryByText('a.example')).toBeNull());
    expect(await loadMarkedSites()).toEqual(['b.example']);

    const field = screen.getByRole('textbox');
    fireEvent.input(field, { target: { value: 'not a site!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    await screen.findByText('Type a site, for example news.example.com.');
    expect(permissions.request).not.toHaveBeenCalled();

    fireEvent.input(field, { target: { value: 'https://News.Example.org/front' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['*://*.news.example.org/*'] });
    await screen.findByText('news.example.org');
    expect(await loadMarkedSites()).toEqual(['b.example', 'news.example.org']);
  });
});
