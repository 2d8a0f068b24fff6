import { describe, expect, it } from 'vitest';
import {
  buildTermStats,
  closenessOf,
  DEFAULT_CLOSENESS_PARAMS,
  prepareStoryText,
  type StoryText,
  storyCloseness,
  termsOf,
} from '../../../src/index/story-closeness';
import { loadLabelledCorpus } from '../helpers/related-labels';

const { corpus, pairs } = loadLabelledCorpus();
const stats = buildTermStats(corpus.map((entry) => entry.text));

const pentagon: StoryText = {
  title: 'Google Sold $2.5 Million In AI To The Pentagon For Its Covid-19 Recovery',
  excerpt:
    'A previously-undisclosed deal with the Pentagon reveals Google sold AI tech for the DOD’s Covid-19 recovery. But, with no ' +
    'contractual “red line,” there were concerns it could have been repurposed for non-Covid military projects.',
  publishedDateTime: '2021-07-01T16:52:00.000Z',
};
const technavio: StoryText = {
  title: 'Artificial Intelligence Market in Education Sector | Post COVID-19 Analysis | Technavio',
  excerpt:
    'Artificial Intelligence Market in the Education Sector: Significant scope of AI applications The rapid increase in ' +
    'classroom sizes has reduced the interaction between students and teachers.',
  publishedDateTime: '2021-07-01T20:13:00.000Z',
};
const stratego: StoryText = {
  title: "DeepMind's New AI Uses Game Theory to Trounce Humans in 'Stratego'",
  excerpt: 'DeepNash, an AI from DeepMind, has learned to play the board game Stratego at the level of a human expert.',
  publishedDateTime: '2022-12-01T18:00:00.000Z',
};

const score = (article: StoryText, story: StoryText) => storyCloseness(article, story, stats);

describe('storyCloseness', () => {
  it.each([
    ['identical titles', pentagon, { title: pentagon.title }, 'close'],
    ['the same story, reworded', stratego, { title: 'DeepMind AI topples experts at complex game Stratego', publishedDateTime: '2022-12-02T09:00:00Z' }, 'close'],
    ['a market-research release under a Pentagon deal', pentagon, technavio, 'loose'],
    ['a different story on the same topic', stratego, { title: 'Google merges its DeepMind and Google Brain AI research groups' }, 'loose'],
  ] as const)('%s: %s', (_, article, story, expected) => {
    expect(closenessOf(score(article, story))).toBe(expected);
  });

  it('puts the Technavio release well under the line', () => {
    expect(score(pentagon, technavio)).toBeLessThan(0.75 * DEFAULT_CLOSENESS_PARAMS.threshold);
  });

  it('is 1 for a story against itself, and symmetric', () => {
    expect(score(stratego, stratego)).toBeCloseTo(1, 10);
    expect(score(pentagon, technavio)).toBe(score(technavio, pentagon));
  });

  it('scores the same words lower the further apart they were published', () => {
    const at = (date: string): StoryText => ({ ...stratego, title: `${stratego.title} (update)`, publishedDateTime: date });
    const sameDay = score(stratego, at('2022-12-01T20:00:00Z'));
    const twoWeeks = score(stratego, at('2022-12-15T18:00:00Z'));
    const amonth = score(stratego, at('2023-01-01T18:00:00Z'));
    const ayear = score(stratego, at('2023-12-01T18:00:00Z'));
    expect(twoWeeks).toBe(sameDay); // within two weeks, the date does not count
    expect(closenessOf(amonth)).toBe('close'); // follow-up coverage a month on is still the same story
    expect(amonth).toBeLessThan(sameDay);
    expect(ayear).toBeLessThan(amonth);
    expect(closenessOf(ayear)).toBe('loose');
  });

  it('reads a story without excerpt or date, and gives the same score to a prepared story', () => {
    const bare = { title: 'DeepMind AI plays Stratego' };
    expect(score(stratego, bare)).toBeGreaterThan(0);
    expect(storyCloseness(prepareStoryText(stratego, stats), bare, stats)).toBe(score(stratego, bare));
  });

  it.each([
    ['empty', { title: '' }],
    ['only spaces and punctuation', { title: '  — … !!! ', excerpt: '   ' }],
    ['HTML-ish', { title: '<b>Stratego</b> &amp; <script>alert(1)</script>', excerpt: '<p>DeepMind</p>' }],
    ['unicode', { title: 'Málaga’s self-driving buses 自动驾驶 Новости 🚌', excerpt: 'ＡＩ ﬁrst, naïve café' }],
    ['a bad date', { title: 'Stratego', publishedDateTime: 'not a date' }],
    ['only stopwords', { title: 'The and of to in' }],
  ] as const)('never throws nor returns NaN: %s', (_, story) => {
    for (const [a, b] of [
      [stratego, story],
      [story, stratego],
      [story, story],
    ] as const) {
      const value = score(a, b);
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
  });

  it('scores against empty term stats too (words nobody else used)', () => {
    const empty = buildTermStats([]);
    expect(closenessOf(storyCloseness(stratego, stratego, empty))).toBe('close');
    expect(closenessOf(storyCloseness(stratego, { title: 'Google sold AI to the Pentagon' }, empty))).toBe('loose');
  });
});

describe('the same story written differently', () => {
  it.each([
    ['a figure written two ways', { title: 'Startup Zeloxa raises $2.5 million for farm robots' }, { title: 'Zeloxa bags 2.5M to build farm robots' }],
    ['a Chinese headline and its copy', { title: '百度发布自动驾驶出租车' }, { title: '百度自动驾驶出租车在武汉发布' }],
  ] as const)('%s', (_, article, story) => {
    expect(closenessOf(score(article, story))).toBe('close');
  });
});

describe('termsOf', () => {
  it.each([
    ['Google’s A.I. designs chips', ['googl', 'ai', 'design', 'chip']],
    ['U.S. study: AI-generated faces', ['us', 'study', 'ai', 'generat', 'fac']],
    ['Snapdragon X70 5G modem, $19.7B deal', ['snapdragon', 'x70', '5g', 'modem', '197b', 'deal']],
    ['Self-driving buses cruise round Málaga', ['self', 'driv', 'bus', 'cruis', 'round', 'malaga']],
    ['Merges, merged, merging', ['merg']],
    ['$2.5 million, 2.5M, 2.5mn, 2,5 Mio, 2,5 millones', ['25m']],
    ['3 Mrd. Euro, 3 milliards', ['3b', 'euro']],
    ['Raises $1,000,000; 19.7 billion; 3bn; 10 thousand jobs', ['rais', '1000000', '197b', '3b', '10k', 'job']],
    ['Ten million', ['ten', 'million']],
    ['自动驾驶 AI汽车', ['自动', '动驾', '驾驶', 'ai', '汽车']],
    ['グーグルのAI', ['グー', 'ーグ', 'グル', 'ルの', 'ai']],
  ])('%s', (text, expected) => {
    expect(termsOf(text)).toEqual(expected);
  });
});

describe('on the hand-labelled related lists (tests/fixtures/related-labels.json)', () => {
  it('meets the targets in sample: of the items marked close, >= 90% the same story; of the same-story items, >= 85% close', () => {
    let truePositive = 0;
    let marked = 0;
    let same = 0;
    for (const pair of pairs) {
      const close = closenessOf(score(pair.article, pair.story)) === 'close';
      if (close) marked++;
      if (pair.label === 'same') same++;
      if (close && pair.label === 'same') truePositive++;
    }
    expect(pairs.length).toBe(312);
    expect(truePositive / marked).toBeGreaterThanOrEqual(0.9);
    expect(truePositive / same).toBeGreaterThanOrEqual(0.85);
  });

  it('marks the Technavio release under the Pentagon story loose', () => {
    const pair = pairs.find((p) => p.article.title.startsWith('Google Sold $2.5 Million') && p.story.title.includes('Technavio'))!;
    expect(pair.label).toBe('loose');
    expect(closenessOf(score(pair.article, pair.story))).toBe('loose');
  });
});
