import { describe, expect, it } from 'vitest';
import { MAX_HREF_LENGTH, MAX_HREFS_PER_BATCH, parseMarksRequest } from '../../../src/marks/marks-protocol';

describe('messages from the content script', () => {
  it('accepts a lookup of http(s) hrefs and a card request', () => {
    expect(parseMarksRequest({ type: 'backstory:marks-lookup', hrefs: ['https://a.example/x', 'http://b.example/'] })).toEqual({
      type: 'backstory:marks-lookup',
      hrefs: ['https://a.example/x', 'http://b.example/'],
    });
    expect(parseMarksRequest({ type: 'backstory:mark-card', href: 'https://a.example/x' })).toEqual({ type: 'backstory:mark-card', href: 'https://a.example/x' });
  });

  it.each([
    ['not an object', 'backstory:marks-lookup'],
    ['null', null],
    ['an array', [{ type: 'backstory:marks-lookup', hrefs: ['https://a.example/'] }]],
    ['another type', { type: 'other', hrefs: ['https://a.example/'] }],
    ['no hrefs', { type: 'backstory:marks-lookup' }],
    ['empty batch', { type: 'backstory:marks-lookup', hrefs: [] }],
    ['hrefs not a list', { type: 'backstory:marks-lookup', hrefs: 'https://a.example/' }],
    ['a javascript: href', { type: 'backstory:marks-lookup', hrefs: ['https://a.example/', 'javascript:alert(1)'] }],
    ['a data: href', { type: 'backstory:marks-lookup', hrefs: ['data:text/html,x'] }],
    ['a non-string href', { type: 'backstory:marks-lookup', hrefs: [{ toString: (): string => 'https://a.example/' }] }],
    ['an over-long href', { type: 'backstory:marks-lookup', hrefs: [`https://a.example/${'x'.repeat(MAX_HREF_LENGTH)}`] }],
    ['too many hrefs', { type: 'backstory:marks-lookup', hrefs: Array.from({ length: MAX_HREFS_PER_BATCH + 1 }, (_, i) => `https://a.example/${i}`) }],
    ['a card without href', { type: 'backstory:mark-card' }],
    ['a card for javascript:', { type: 'backstory:mark-card', href: 'javascript:alert(1)' }],
  ])('refuses %s', (_case, message) => {
    expect(parseMarksRequest(message)).toBeNull();
  });

  it('copies the hrefs: a later change to the message changes nothing', () => {
    const hrefs = ['https://a.example/'];
    const request = parseMarksRequest({ type: 'backstory:marks-lookup', hrefs });
    hrefs.push('javascript:alert(1)');
    expect(request).toEqual({ type: 'backstory:marks-lookup', hrefs: ['https://a.example/'] });
  });
});
